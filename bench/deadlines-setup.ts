import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { officeDecider, type OfficeContext, type RetentionCase } from '@liaison/domain';
import { chained, SqliteEventStore, type EventToAppend } from '@liaison/event-store';
import { officeStreamId } from '@liaison/domain';
import { openReadStore, rebuildReadModels } from '@liaison/projections';
import { loadConfig, type AppConfig } from '@liaison/app';
import { readModelProjections } from '@liaison/projections';
import { now } from './support';

// The deadline benchmark's set-up: its configuration and the retention requests whose deadlines fall due.

const RETENTION: RetentionCase = {
  justification: '承担对口援助的联络协调与服务保障工作',
  functions: ['economic-cooperation', 'government-liaison'],
  decoupledFromBusinessEntities: true,
};

export function benchConfig(dir: string, redisUrl: string, label: 'drain' | 'lateness'): AppConfig {
  return loadConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-${label}-${process.pid}-${Date.now()}`,
    EVENT_STORE: 'sqlite',
    PROJECTIONS: 'inline',
    CAMPAIGN: 'none',
    // The drain is compared with runs made when the first anchor came an hour after start, so it runs without one;
    // the lateness run keeps the anchor at start, verifying the log while the first deadlines fall due.
    ...(label === 'drain' ? { AUDIT_ANCHOR_MS: '0' } : {}),
    // Only the reminder falls due in the run; the later steps are a day away.
    ESCALATION_LADDER: 'reminder=0s,escalation=1d,leading-group=2d',
    // Long enough that no deadline is due before the benchmark sets the due times.
    TASK_SLA: 'county=30d',
  });
}

/** Offices of 淅川县 with a retention request at the county tier, made by the domain's own decider. */
export async function writeRequests(config: AppConfig, context: OfficeContext, count: number) {
  const store = chained(
    new SqliteEventStore({ filename: (config.eventStore as { filename: string }).filename }),
  );
  const started = now();
  let events = 0;
  try {
    const at = new Date().toISOString();
    const metadata = (actor: string) => ({
      actor,
      role: 'clerk',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: at,
    });
    const one = async (i: number) => {
      const officeId = randomUUID();
      const office = officeDecider(context);
      const registered = office.decide(
        {
          type: 'RegisterOffice',
          data: {
            officeId,
            name: `淅川县驻乌鲁木齐办事处 ${i}`,
            sponsorUnitId: 'henan.nanyang.xichuan',
            hostCityId: 'urumqi',
            pairedAssistance: true,
            assets: [],
            staff: [],
          },
        },
        office.initialState(),
      );
      const state = registered.reduce(office.evolve, office.initialState());
      const requested = office.decide(
        { type: 'RequestRetention', data: RETENTION, metadata: { now: at } },
        state,
      );
      const toAppend: EventToAppend[] = [...registered, ...requested].map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: metadata('clerk.xichuan'),
      }));
      await store.append(officeStreamId(officeId), toAppend, { expectedRevision: 'no_stream' });
      events += toAppend.length;
    };
    for (let i = 0; i < count; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, j) => one(i + j)));
    }
    const elapsedMs = now() - started;
    const readStore = await openReadStore(config.readStore);
    try {
      const projected = now();
      await rebuildReadModels(store, readStore, readModelProjections(context));
      return { events, elapsedMs, projectionMs: now() - projected };
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import {
  CAMPAIGN_STREAM,
  DEFAULT_ESCALATION_LADDER,
  OFFICIAL_CALENDAR,
  officeStreamId,
} from '@liaison/domain';
import { SqliteEventStore, type EventToAppend } from '@liaison/event-store';
import { openReadStore, type DeadlineRow, type ReadStore } from '@liaison/projections';
import { deadlineJobId, type DeadlineJob } from './deadline-job';
import { DeadlineScheduler } from './deadline-scheduler';

/** The scheduler against real Redis (database 13 of REDIS_URL's server) and real SQLite stores. */
function redisUrl(): string {
  const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  url.pathname = '/13';
  return url.toString();
}

function deadline(id: string, dueAt: string, extra: Partial<DeadlineRow> = {}): DeadlineRow {
  return {
    deadline_id: id,
    kind: 'work-plan',
    task_kind: null,
    subject_id: id,
    office_id: null,
    unit_id: 'henan.nanyang.xichuan',
    title: '淅川县',
    tier: null,
    candidate_group: null,
    assignee: null,
    due_at: dueAt,
    status: 'pending',
    last_step: null,
    ...extra,
  };
}

function event(type: string, data: Record<string, unknown>): EventToAppend {
  return {
    id: crypto.randomUUID(),
    type,
    data,
    metadata: {
      actor: 'spec',
      role: 'admin',
      correlationId: crypto.randomUUID(),
      causationId: crypto.randomUUID(),
      occurredAt: new Date().toISOString(),
    },
  };
}

describe('the deadline scheduler', () => {
  let dir: string;
  let readStore: ReadStore;
  let store: SqliteEventStore;
  let queue: Queue<DeadlineJob>;
  let redis: Redis;
  let scheduler: DeadlineScheduler;
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scheduler-'));
    readStore = await openReadStore({ kind: 'sqlite', filename: join(dir, 'read-models.sqlite') });
    store = new SqliteEventStore({ filename: join(dir, 'events.sqlite') });
    queue = new Queue<DeadlineJob>(DEADLINE_QUEUE, {
      connection: bullConnection(redisUrl(), 'producer'),
      prefix: `scheduler-spec-${process.pid}-${Date.now()}`,
    });
    redis = new Redis(redisUrl());
    // The rows stand for what the projector made of the events; the spec writes both itself.
    scheduler = new DeadlineScheduler({
      queue,
      redis,
      store,
      readStore,
      readModels: { waitFor: async () => undefined },
      ladder: DEFAULT_ESCALATION_LADDER,
      calendar: OFFICIAL_CALENDAR,
    });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await store.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconciles: adds the job each pending deadline needs, keeps it on a second pass, drops jobs nothing asks for', async () => {
    const due = inAnHour();
    await readStore.db
      .insertInto('deadlines')
      .values([deadline('work-plan.a', due), deadline('work-plan.b', due, { status: 'met' })])
      .execute();
    // A job left by a deadline that no longer exists in the read model (a rebuilt store, a deleted row).
    await queue.add(
      'reminder',
      { deadlineId: 'work-plan.gone', step: 'reminder', dueAt: due },
      { jobId: deadlineJobId('work-plan.gone', 'reminder', due), delay: 3_600_000 },
    );
    expect(await scheduler.reconcile()).toEqual({ scheduled: 1, removed: 1 });
    expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId('work-plan.a', 'reminder', due)]);
    expect(await scheduler.reconcile()).toEqual({ scheduled: 1, removed: 0 });
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
  });

  it('keeps a job that the log’s follower (another worker) adds for a newer deadline while it reconciles', async () => {
    const due = inAnHour();
    const fresh = deadlineJobId('work-plan.fresh', 'reminder', due);
    const listQueue = queue.getRanges.bind(queue);
    let raced = false;
    jest.spyOn(queue, 'getRanges').mockImplementation(async (...args) => {
      if (!raced) {
        raced = true;
        // Between the reconciler's read of the rows and its listing of the queue: a new deadline and its job.
        await readStore.db.insertInto('deadlines').values(deadline('work-plan.fresh', due)).execute();
        await queue.add(
          'reminder',
          { deadlineId: 'work-plan.fresh', step: 'reminder', dueAt: due },
          { jobId: fresh, delay: 3_600_000 },
        );
      }
      return listQueue(...args);
    });
    expect(await scheduler.reconcile()).toEqual({ scheduled: 0, removed: 0 });
    expect(await queue.getRanges(['delayed'])).toEqual([fresh]);
  });

  it('follows the log: a moved task deadline loses its old job and gets one at the new date, once', async () => {
    const officeId = 'a0f1c2d3-0000-4000-8000-000000000001';
    const deadlineId = `task.${officeId}.1`;
    const before = inAnHour();
    const after = new Date(Date.parse(before) + 86_400_000).toISOString();
    await readStore.db
      .insertInto('deadlines')
      .values(deadline(deadlineId, before, { kind: 'task', office_id: officeId }))
      .execute();
    await store.append(officeStreamId(officeId), [event('DeadlineSet', { deadlineId, dueAt: before })], {
      expectedRevision: 'no_stream',
    });
    expect(await scheduler.follow()).toBe(1);
    expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId(deadlineId, 'reminder', before)]);

    await readStore.db.updateTable('deadlines').set({ due_at: after }).execute();
    await store.append(
      officeStreamId(officeId),
      [event('DeadlineMoved', { deadlineId, from: before, to: after })],
      { expectedRevision: 0n },
    );
    expect(await scheduler.follow()).toBe(1);
    expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId(deadlineId, 'reminder', after)]);
    // The checkpoint moved past both events: nothing is read again.
    expect(await scheduler.follow()).toBe(0);
  });

  it('follows a phase move that touches more deadlines than one page of rows holds', async () => {
    const due = inAnHour();
    const rows = Array.from({ length: 5_001 }, (_, i) =>
      deadline(`work-plan.u${String(i).padStart(5, '0')}`, due),
    );
    for (let i = 0; i < rows.length; i += 500) {
      await readStore.db
        .insertInto('deadlines')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    await store.append(
      CAMPAIGN_STREAM,
      [event('PhaseDeadlineMoved', { campaignId: 'c', phase: 'plan', from: due, to: due, reason: 'spec' })],
      { expectedRevision: 'any' },
    );
    expect(await scheduler.follow()).toBe(1);
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 5_001 });
    expect(await scheduler.follow()).toBe(0);
  });

  it('after Redis lost everything, checkpoint included, a reconcile restores the jobs and following goes on from the head', async () => {
    const due = inAnHour();
    await readStore.db.insertInto('deadlines').values(deadline('work-plan.a', due)).execute();
    await store.append('unit-henan.nanyang.xichuan', [event('WorkPlanNoted', {})], {
      expectedRevision: 'no_stream',
    });
    expect(await scheduler.follow()).toBe(1);
    await redis.flushdb();
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 0 });
    expect(await scheduler.reconcile()).toEqual({ scheduled: 1, removed: 0 });
    expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId('work-plan.a', 'reminder', due)]);
    expect(await scheduler.follow()).toBe(0);
  });

  it('drops a place kept from another, longer log (a data folder started afresh on the same Redis), and follows the new one from its start', async () => {
    for (const unit of ['xichuan', 'xixia', 'tanghe']) {
      await store.append(`unit-henan.nanyang.${unit}`, [event('WorkPlanNoted', {})], {
        expectedRevision: 'no_stream',
      });
    }
    expect(await scheduler.follow()).toBe(3);

    const fresh = new SqliteEventStore({ filename: join(dir, 'fresh-events.sqlite') });
    try {
      const due = inAnHour();
      await readStore.db.insertInto('deadlines').values(deadline('work-plan.a', due)).execute();
      await fresh.append('unit-henan.nanyang.xichuan', [event('WorkPlanNoted', {})], {
        expectedRevision: 'no_stream',
      });
      const afresh = new DeadlineScheduler({
        queue,
        redis,
        store: fresh,
        readStore,
        readModels: { waitFor: async () => undefined },
        ladder: DEFAULT_ESCALATION_LADDER,
        calendar: OFFICIAL_CALENDAR,
      });
      expect(await afresh.follow()).toBe(1);
      expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId('work-plan.a', 'reminder', due)]);
      expect(await afresh.follow()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

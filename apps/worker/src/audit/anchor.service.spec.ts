import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANCHOR_STREAM, chained, SqliteEventStore, verifyLog, type EventStore } from '@liaison/event-store';
import { loadConfig, withCommandBus } from '@liaison/app';
import { AnchorService } from './anchor.service';

function event(type: string, data: Record<string, unknown>) {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: 'clerk.xichuan',
      role: 'clerk',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: '2015-06-10T02:00:00.000Z',
    },
  };
}

describe('AnchorService', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'worker-anchor-'));
    store = chained(new SqliteEventStore({ filename: join(dir, 'events.sqlite') }));
    for (let i = 0; i < 3; i++) {
      await store.append(
        `office-${i}`,
        [
          {
            id: randomUUID(),
            type: 'OfficeRegistered',
            data: { i },
            metadata: {
              actor: 'clerk.xichuan',
              role: 'clerk',
              correlationId: randomUUID(),
              causationId: randomUUID(),
              occurredAt: '2015-06-10T02:00:00.000Z',
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The worker's anchor service, writing through the service's own command path. */
  function withService(
    auditAnchorMs: number,
    work: (anchors: AnchorService) => Promise<void>,
  ): Promise<void> {
    const config = loadConfig({ DATA_DIR: dir, AUDIT_ANCHOR_MS: String(auditAnchorMs), LOG_LEVEL: 'silent' });
    return withCommandBus(store, (bus) => work(new AnchorService(bus, config, store)));
  }

  it('anchors the log as soon as the worker starts, without holding up the start', async () => {
    await withService(3_600_000, async (anchors) => {
      // Returns at once: the anchor runs in the background.
      expect(anchors.onApplicationBootstrap()).toBeUndefined();
      // Shutting down waits for the anchor under way, which is the one written at start (the interval is an hour).
      await anchors.beforeApplicationShutdown();
    });

    const written = await store.readStream(ANCHOR_STREAM);
    expect(written).toHaveLength(1);
    expect(written[0]!.data).toMatchObject({ streams: 3, events: 3 });
    expect(await verifyLog(store)).toMatchObject({ intact: true, anchors: 1 });
  });

  it('anchors again every interval, each time the log has grown', async () => {
    await withService(100, async (anchors) => {
      anchors.onApplicationBootstrap();
      try {
        const deadline = Date.now() + 5000;
        for (let round = 1; round <= 3; round++) {
          while ((await store.readStream(ANCHOR_STREAM)).length < round && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await store.append(`office-more-${round}`, [event('Step', { round })], {
            expectedRevision: 'no_stream',
          });
        }
      } finally {
        await anchors.beforeApplicationShutdown();
      }
    });
    expect((await store.readStream(ANCHOR_STREAM)).length).toBeGreaterThanOrEqual(3);
    expect(await verifyLog(store)).toMatchObject({ intact: true });
  });

  it('with two workers, anchors about once an interval: a periodic round stands aside after a recent anchor', async () => {
    await withService(400, async (first) => {
      await withService(400, async (second) => {
        first.onApplicationBootstrap();
        // A quarter of an interval apart, as two workers' timers would be at some offset.
        await new Promise((resolve) => setTimeout(resolve, 100));
        second.onApplicationBootstrap();
        try {
          for (let round = 0; round < 6; round++) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            // The log grows all the time, so every round that does not stand aside writes an anchor.
            await store.append(`office-grow-${round}`, [event('Step', { round })], {
              expectedRevision: 'no_stream',
            });
          }
        } finally {
          await first.beforeApplicationShutdown();
          await second.beforeApplicationShutdown();
        }
      });
    });
    // 1.2 s: the two start-up anchors and about one more per 400 ms interval, not two (about seven without the check).
    const written = await store.readStream(ANCHOR_STREAM);
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written.length).toBeLessThanOrEqual(5);
    expect(await verifyLog(store)).toMatchObject({ intact: true });
  });

  it('anchors nothing when anchoring is off', async () => {
    await withService(0, async (anchors) => {
      anchors.onApplicationBootstrap();
      await anchors.beforeApplicationShutdown();
    });
    expect(await store.readStream(ANCHOR_STREAM)).toEqual([]);
  });
});

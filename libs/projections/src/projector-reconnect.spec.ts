import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { chained, EventStoreDbEventStore, type RecordedEvent } from '@liaison/event-store';
import {
  ScriptedEventStoreDbClient,
  unavailable,
} from '@liaison/event-store/testing/scripted-eventstoredb-client';
import type { Projection } from './projection';
import { Projector } from './projector';
import { openReadStore, type ReadDb, type ReadStore } from './read-store';
import { TempFiles } from './testing/office-scenario';

/**
 * The projector over EventStoreDB when connections drop: a restart, a leader election or a keep-alive timeout ends
 * the subscription. No server can run where this test runs, so the client's streaming interface is scripted (see
 * `ScriptedEventStoreDbClient`); the read models are real (SQLite).
 */
class RecordingProjection implements Projection {
  readonly name = 'recording';
  readonly applied: string[] = [];

  async applyBatch(_trx: Transaction<ReadDb>, events: readonly RecordedEvent[]): Promise<void> {
    this.applied.push(...events.map((event) => event.id));
  }
}

const files = new TempFiles();
afterAll(() => files.removeAll());

describe('the projector over EventStoreDB', () => {
  let readStore: ReadStore;

  beforeEach(async () => {
    readStore = await openReadStore({ kind: 'sqlite', filename: files.path('read-models') });
  });

  afterEach(async () => {
    await readStore.close();
  });

  it('keeps following across ten dropped connections, with no gap and no duplicate', async () => {
    const client = new ScriptedEventStoreDbClient();
    // Half the drops fail the call, half just end it (a server-side cancel): neither ends the projector.
    for (let i = 0; i < 10; i++) client.dropNextSubscription(4, i % 2 === 0 ? unavailable() : undefined);
    const store = chained(
      new EventStoreDbEventStore({ client, resubscribe: { baseDelayMs: 1, maxDelayMs: 5 } }),
    );
    const recording = new RecordingProjection();
    const errors: unknown[] = [];
    const projector = new Projector(store, readStore, [recording], {
      onError: (error) => errors.push(error),
    });
    await projector.start();
    const written: string[] = [];
    try {
      for (let i = 0; i < 60; i++) {
        const id = randomUUID();
        const streamId = `office-${i % 3}`;
        const result = await store.append(
          streamId,
          [
            {
              id,
              type: 'Tested',
              data: { i },
              metadata: {
                actor: 'clerk',
                role: 'clerk',
                correlationId: id,
                causationId: id,
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          { expectedRevision: 'any' },
        );
        written.push(id);
        // Read-your-writes: every command waits for the read models, drops or not.
        if (i % 6 === 5) await projector.waitFor(result.position, 3000);
      }
      await projector.waitFor((await store.headPosition())!, 3000);

      expect(recording.applied).toEqual(written);
      expect(client.subscriptionsOpened).toBe(11);
      expect(errors).toEqual([]);
    } finally {
      await projector.stop();
      await store.close();
    }
  });
});

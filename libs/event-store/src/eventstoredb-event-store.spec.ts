import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { eventStoreContract } from './event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { chained } from './hash-chain/index';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

// The contract needs a server; without one, check at least that the adapter loads and builds a lazy client. What
// a server in trouble does (drops, leader changes) is in eventstoredb-resilience.spec.ts.
if (connectionString) {
  let client: KurrentDBClient;
  eventStoreContract(
    'EventStoreDbEventStore under the hash chain',
    async () => {
      client = KurrentDBClient.connectionString(connectionString);
      return chained(new EventStoreDbEventStore({ client, disposeClient: true }));
    },
    {
      softDelete: async (streamId) => {
        await client.deleteStream(streamId);
      },
    },
  );
} else {
  describe('EventStoreDbEventStore (EVENTSTORE_CONNECTION_STRING not set: contract not run)', () => {
    it('constructs a client without connecting', async () => {
      const store = new EventStoreDbEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
      expect(store.client).toBeInstanceOf(KurrentDBClient);
      await store.close();
    });
  });
}

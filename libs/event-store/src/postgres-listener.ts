import { Client, type ClientConfig } from 'pg';

/** The channel `append_events` notifies after each batch that wrote, with the schema's name as the payload. */
export const APPENDED_CHANNEL = 'liaison_events_appended';

/**
 * Wakes live subscriptions when another process appends to the same log: one LISTEN connection per store, opened
 * with the first subscription. Polling stays as the fallback, so a lost connection delays events but loses none.
 */
export class AppendListener {
  private client: Client | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly onAppended: () => void,
  ) {}

  /** Starts listening unless it already does; never rejects (polling covers a failure). */
  ensure(): Promise<void> {
    if (this.stopped || this.client) return Promise.resolve();
    this.starting ??= this.connect().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('error', () => {
      // The connection is gone: the next subscription's wait opens another; polling delivers in between.
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      const schema = rows[0]?.schema;
      client.on('notification', (message) => {
        if (message.channel === APPENDED_CHANNEL && message.payload === schema) this.onAppended();
      });
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
    } catch {
      await client.end().catch(() => undefined);
    }
  }
}

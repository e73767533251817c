import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  InProcessTaskChanges,
  type TaskChange,
  type TaskChangeFeed,
  type TaskChangePublisher,
} from '@liaison/projections';

/**
 * The task changes over Redis pub/sub, so that every API instance's streams hear them whichever process holds the
 * projection lease: the holder publishes each committed batch's changes as one message; every instance that
 * follows them (`listen`) passes them on to its own streams, its own changes included, by that one path.
 * Best effort, as the stream is: a message published while Redis is away is lost (the console reads again on
 * focus and on reconnecting).
 */
export class RedisTaskChanges implements TaskChangePublisher, TaskChangeFeed {
  private readonly logger = new Logger('TaskChanges');
  private readonly local = new InProcessTaskChanges();
  private publisher?: Redis;
  private subscriber?: Redis;
  private subscribed?: Promise<void>;
  private warned = false;

  constructor(
    private readonly redisUrl: string,
    private readonly channel: string,
  ) {}

  /** The channel of one deployment: pub/sub ignores the database number, so the name carries it with the prefix. */
  static channelOf(redisUrl: string, queuePrefix: string): string {
    const database = Number(new URL(redisUrl).pathname.slice(1) || 0);
    return `${queuePrefix}:task-changes:${database}`;
  }

  publish(changes: readonly TaskChange[]): void {
    if (changes.length === 0) return;
    this.publisher ??= this.connect('publisher', 1);
    this.publisher.publish(this.channel, JSON.stringify(changes)).catch((error: unknown) => this.warn(error));
  }

  subscribe(listener: (change: TaskChange) => void): () => void {
    void this.listen();
    return this.local.subscribe(listener);
  }

  /** Starts following the channel (once); resolves when Redis has confirmed the subscription. */
  listen(): Promise<void> {
    if (!this.subscribed) {
      const subscriber = this.connect('subscriber', null);
      this.subscriber = subscriber;
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel) return;
        try {
          this.local.publish(JSON.parse(message) as TaskChange[]);
        } catch (error) {
          this.warn(error);
        }
      });
      // ioredis subscribes again by itself after a reconnection.
      this.subscribed = subscriber.subscribe(this.channel).then(
        () => undefined,
        (error: unknown) => this.warn(error),
      );
    }
    return this.subscribed;
  }

  async close(): Promise<void> {
    for (const connection of [this.publisher, this.subscriber]) {
      if (!connection) continue;
      // QUIT waits in the offline queue of a connection that never reached Redis (the subscriber retries for ever):
      // such a connection is dropped at once, so a process without Redis still shuts down.
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    }
    this.publisher = this.subscriber = undefined;
  }

  /** The publisher gives a change up quickly (of no use later); the subscriber waits for Redis as long as it takes. */
  private connect(role: string, maxRetriesPerRequest: number | null): Redis {
    const connection = new Redis(this.redisUrl, { maxRetriesPerRequest });
    connection.on('error', (error: Error) => this.warn(error, role));
    connection.on('ready', () => {
      if (this.warned) this.logger.log(`task changes reach Redis again (${role})`);
      this.warned = false;
    });
    return connection;
  }

  private warn(error: unknown, role = 'task changes'): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`live task updates cannot reach Redis (${role}): ${String(error)}`);
  }
}

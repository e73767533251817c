import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { USER_STREAM_PREFIX, type RegisteredAccount } from '@liaison/domain';
import { comparePositions, START, type EventStore, type Position } from '@liaison/event-store';
import { EVENT_STORE } from '@liaison/application';

/** Accounts kept at most; the least recently checked is dropped first. */
const DEFAULT_CAPACITY = 10_000;

/**
 * The accounts the guard checked lately, as their streams fold, so that a request need not read its account's stream
 * again. The log keeps it right, never a clock: it follows the event store's subscription, and an event of an
 * account's stream drops that account. A kept account is used only while the subscription has delivered the log up
 * to its head (one read of the head position): an event appended a moment ago, by this process or by another on the
 * same log, is not yet delivered, so until it is every check reads the stream, and a disabled account or a changed
 * password ends the account's tokens at once on every instance.
 */
@Injectable()
export class AccountCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Accounts');
  /** null: no such account (a forged or stale token's subject), kept as well. */
  private readonly accounts = new Map<string, RegisteredAccount | null>();
  /** The position of the last event the subscription delivered: the log is known up to here. */
  private delivered: Position = START;
  private following = false;
  /** Counts drops: a stream read that began before one may be older than the event behind it, and is not kept. */
  private drops = 0;
  private readonly stop = new AbortController();

  /** Accounts kept at most. */
  capacity = DEFAULT_CAPACITY;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  onApplicationShutdown(): void {
    this.stop.abort();
  }

  /** Follows the log from its head as it is now; until then (and if the subscription ends) every check reads. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.delivered = head ?? START;
    this.following = true;
    void this.follow(head);
  }

  /** The account as `read` (the stream's fold) gives it, or as kept when nothing has happened to it since. */
  async account(
    username: string,
    read: () => Promise<RegisteredAccount | undefined>,
  ): Promise<RegisteredAccount | undefined> {
    if (!(await this.caughtUp())) return read();
    const kept = this.accounts.get(username);
    if (kept !== undefined) {
      this.accounts.delete(username);
      this.accounts.set(username, kept);
      return kept ?? undefined;
    }
    const drops = this.drops;
    const account = await read();
    if (this.following && this.drops === drops) {
      this.accounts.set(username, account ?? null);
      if (this.accounts.size > this.capacity) this.accounts.delete(this.accounts.keys().next().value!);
    }
    return account;
  }

  /** Whether the subscription has delivered the log up to its head: only then are kept accounts current. */
  async caughtUp(): Promise<boolean> {
    if (!this.following) return false;
    const head = await this.store.headPosition();
    return !head || comparePositions(head, this.delivered) <= 0;
  }

  get size(): number {
    return this.accounts.size;
  }

  private async follow(after: Position | undefined): Promise<void> {
    try {
      for await (const event of this.store.subscribeToAll({
        ...(after ? { after } : {}),
        signal: this.stop.signal,
      })) {
        if (event.streamId.startsWith(USER_STREAM_PREFIX)) {
          this.drops++;
          this.accounts.delete(event.streamId.slice(USER_STREAM_PREFIX.length));
        }
        this.delivered = event.position;
      }
    } catch (error) {
      if (!this.stop.signal.aborted) {
        this.logger.warn(
          `accounts read on every request from now: the log's subscription ended (${String(error)})`,
        );
      }
    } finally {
      this.following = false;
      this.accounts.clear();
    }
  }
}

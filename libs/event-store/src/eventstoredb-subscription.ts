import { excludeSystemEvents } from '@kurrent/kurrentdb-client';
import { backoffMs, delay, isRefusal, type EventStoreDbClient } from './eventstoredb-client';
import { comparePositions, type Position, type RecordedEvent } from './event-store.port';
import {
  isSystemEvent,
  toReadPosition,
  toRecordedEvent,
  type ServerResolvedEvent,
} from './eventstoredb-mapping';

export interface ResubscribeOptions {
  /** First wait after a drop, doubled (with jitter) after each drop in a row. Default 100 ms. */
  baseDelayMs?: number;
  /** Longest wait between two attempts. Default 5 000 ms. */
  maxDelayMs?: number;
  /** Told of every drop before the subscription is made again (for the logs). */
  onDrop?: (reason: unknown, dropsInARow: number) => void;
}

/** Why a subscription that ended without being asked to is treated as dropped. */
export class SubscriptionEndedError extends Error {
  constructor() {
    super('the server ended the subscription without being asked to');
    this.name = 'SubscriptionEndedError';
  }
}

const STOPPED = Symbol('stopped');

/**
 * `$all` from strictly after `after`, without system events, for as long as `stop` is not aborted. A server restart
 * or upgrade, a leader election, a keep-alive timeout or a server-side cancel ends the client's subscription with an
 * error or just ends it; either way it is made again from the last position delivered, after a growing wait, so the
 * consumer sees every event once and in order. Only a refusal no wait can cure (access denied) ends the iteration
 * with an error.
 */
export async function* followAll(
  client: EventStoreDbClient,
  after: Position | undefined,
  stop: AbortSignal,
  options: ResubscribeOptions = {},
): AsyncGenerator<RecordedEvent> {
  const baseMs = options.baseDelayMs ?? 100;
  const maxMs = options.maxDelayMs ?? 5000;
  // A cancelled call does not always end the readable, so every wait races against the stop signal.
  const stopped = new Promise<typeof STOPPED>((resolve) => {
    if (stop.aborted) resolve(STOPPED);
    stop.addEventListener('abort', () => resolve(STOPPED), { once: true });
  });
  let last = after;
  let drops = 0;
  while (!stop.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: toReadPosition(last),
      filter: excludeSystemEvents(),
    });
    const iterator = subscription[Symbol.asyncIterator]();
    let reason: unknown;
    try {
      for (;;) {
        const next = iterator.next();
        next.catch(() => undefined); // may reject after we stopped listening
        const step = await Promise.race([next, stopped]);
        if (step === STOPPED) return;
        if (step.done) {
          reason = new SubscriptionEndedError();
          break;
        }
        const event = (step.value as ServerResolvedEvent).event;
        if (!event?.position || isSystemEvent(event)) continue;
        // Some servers deliver the event at an inclusive fromPosition; a new subscription repeats nothing either way.
        if (last && comparePositions(event.position, last) <= 0) continue;
        drops = 0;
        last = { commit: event.position.commit, prepare: event.position.prepare };
        yield toRecordedEvent(event);
        if (stop.aborted) return;
      }
    } catch (error) {
      if (isRefusal(error)) throw error;
      reason = error;
    } finally {
      // Bounded: a call the server no longer answers must not keep the consumer (or close()) waiting.
      await Promise.race([subscription.unsubscribe().catch(() => undefined), delay(1000)]);
      subscription.destroy?.();
    }
    drops++;
    options.onDrop?.(reason, drops);
    await delay(backoffMs(drops, baseMs, maxMs), stop);
  }
}

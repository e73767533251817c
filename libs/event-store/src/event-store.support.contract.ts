import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
} from './event-store.port';

// Helpers shared by the contract suite's files.

export function stream(label: string): string {
  return `contract_${label}-${randomUUID().replaceAll('-', '')}`;
}

export function metadata(): EventMetadata {
  return {
    actor: 'contract-test',
    role: 'clerk',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  };
}

export function event(type = 'ContractTested', data: unknown = { at: Date.now() }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: metadata() };
}

export function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => event('ContractTested', { i }));
}

export function summary(e: RecordedEvent) {
  return { id: e.id, type: e.type, streamId: e.streamId, revision: e.revision, data: e.data };
}

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

export function expectStrictlyIncreasing(log: RecordedEvent[]): void {
  for (let i = 1; i < log.length; i++) {
    expect(comparePositions(log[i - 1]!.position, log[i]!.position)).toBe(-1);
  }
}

/** Everything after `after` (optionally of one stream), page by page, so that foreign writers cannot push ours off a page. */
export async function readLogAfter(
  store: EventStore,
  after: Position | undefined,
  streamId?: string,
): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ ...(cursor ? { after: cursor } : {}), maxCount: 500 });
    if (page.length === 0) return out;
    out.push(...(streamId ? page.filter((e) => e.streamId === streamId) : page));
    cursor = page[page.length - 1]!.position;
  }
}

export interface TestSubscriber {
  /** Delivered events that the filter accepted, in delivery order. */
  received: RecordedEvent[];
  /** Deliveries (of any event) that did not come strictly after the one before. */
  orderViolations: string[];
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function subscribe(
  store: EventStore,
  after: Position | undefined,
  accept: (e: RecordedEvent) => boolean,
): TestSubscriber {
  const controller = new AbortController();
  const received: RecordedEvent[] = [];
  const orderViolations: string[] = [];
  let failed: unknown;
  let last: Position | undefined;
  const running = (async () => {
    for await (const e of store.subscribeToAll({ ...(after ? { after } : {}), signal: controller.signal })) {
      if (last && comparePositions(last, e.position) >= 0) {
        orderViolations.push(
          `${e.id} at ${e.position.commit}/${e.position.prepare} after ${last.commit}/${last.prepare}`,
        );
      }
      last = e.position;
      if (accept(e)) received.push(e);
    }
  })().catch((error: unknown) => {
    failed = error;
  });
  return {
    received,
    orderViolations,
    async waitFor(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (failed) throw failed;
        if (Date.now() > deadline) {
          throw new Error(
            `subscription delivered ${received.length} of ${count} events within ${timeoutMs} ms`,
          );
        }
        await delay(5);
      }
    },
    async stop() {
      controller.abort();
      await within(running, 5000);
      if (failed) throw failed;
    },
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Fails instead of hanging when an iteration does not end. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

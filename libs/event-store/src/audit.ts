import { createHash } from 'node:crypto';
import { ANCHOR_STREAM, type ChainAnchored } from '@liaison/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type Position,
  type RecordedEvent,
} from './event-store.port';
import { chainOf, GENESIS, linkProblem } from './hash-chain/index';

// The anchors' stream and event are the domain's (libs/domain/src/anchor); here is how they are computed and checked.
export { ANCHOR_STREAM, type ChainAnchored } from '@liaison/domain';

export interface BrokenLink {
  position: string;
  streamId: string;
  revision: string;
  eventId?: string;
  problem: string;
}

export interface VerifyReport {
  intact: boolean;
  events: number;
  streams: number;
  anchors: number;
  head: string | null;
  /** The latest anchor (by the position it covers): what it covers, its hash, when it was recorded. */
  lastAnchor?: { upTo: string; anchorHash: string; anchoredAt: string };
  /** The first event (or anchor) that does not check out; the log may be tampered with from there on. */
  firstBroken?: BrokenLink;
  elapsedMs: number;
}

export interface VerifyProgress {
  events: number;
  elapsedMs: number;
}

const PAGE = 1_000;
/**
 * The longest stretch verification computes hashes without letting the process's other work run: a worker
 * anchoring a large log at start must not hold up the deadlines falling due meanwhile.
 */
const SLICE_MS = 10;

interface Head {
  revision: bigint;
  hash: string;
}

function headsDigest(heads: Map<string, Head>): { digest: string; streams: number } {
  const lines = [...heads.entries()]
    .filter(([streamId]) => streamId !== ANCHOR_STREAM)
    .map(([streamId, head]) => `${streamId} ${head.revision} ${head.hash}`)
    .sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { digest: hash.digest('hex'), streams: lines.length };
}

/**
 * Walks the whole log in order: in every stream, revisions follow on from 0 without a gap, each event's link
 * names the hash of the event before it, and its hash is what its content and recording instant give (links of
 * either version, see `hash-chain/links.ts`); every anchor's digest equals
 * the heads of the streams as the log stands at the anchor's position. Stops at the first failure.
 */
export async function verifyLog(
  store: EventStore,
  options: { onProgress?: (progress: VerifyProgress) => void; signal?: AbortSignal } = {},
): Promise<VerifyReport & { heads: Map<string, Head>; lastPosition?: Position }> {
  const started = performance.now();
  const heads = new Map<string, Head>();
  const anchors = (await store.readStream(ANCHOR_STREAM))
    .map((event) => ({ event, upTo: parsePosition((event.data as ChainAnchored['data']).upTo) }))
    .sort((a, b) => comparePositions(a.upTo, b.upTo));
  const newest = anchors.at(-1)?.event;
  const latest = newest && {
    upTo: (newest.data as ChainAnchored['data']).upTo,
    anchorHash: chainOf(newest)!.hash,
    anchoredAt: newest.recordedAt.toISOString(),
  };
  let pending = 0;
  let events = 0;
  let last: RecordedEvent | undefined;
  const report = (firstBroken?: BrokenLink) => ({
    intact: firstBroken === undefined,
    events,
    streams: heads.size,
    anchors: anchors.length,
    head: last ? formatPosition(last.position) : null,
    ...(latest ? { lastAnchor: latest } : {}),
    ...(firstBroken ? { firstBroken } : {}),
    elapsedMs: performance.now() - started,
    heads,
    ...(last ? { lastPosition: last.position } : {}),
  });
  const checkAnchorsBefore = (position: Position | undefined): BrokenLink | undefined => {
    while (
      pending < anchors.length &&
      (!position || comparePositions(anchors[pending]!.upTo, position) < 0)
    ) {
      const { event } = anchors[pending]!;
      pending++;
      const data = event.data as ChainAnchored['data'];
      const { digest, streams } = headsDigest(heads);
      if (digest !== data.headsDigest) {
        return {
          position: formatPosition(event.position),
          streamId: event.streamId,
          revision: event.revision.toString(),
          eventId: event.id,
          problem:
            `the streams as of ${data.upTo} do not match anchor ${event.revision} ` +
            `(${streams} streams now, ${data.streams} when anchored): a stream was removed, added or cut short`,
        };
      }
    }
    return undefined;
  };
  let after: Position | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new Error('verification aborted');
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: PAGE });
    let sliceStarted = performance.now();
    for (const event of page) {
      // An embedded store answers reads at once, so without this the whole walk would be one long task.
      if (performance.now() - sliceStarted > SLICE_MS) {
        await yieldToEventLoop();
        sliceStarted = performance.now();
      }
      const anchorProblem = checkAnchorsBefore(event.position);
      if (anchorProblem) return report(anchorProblem);
      const broken = (problem: string): BrokenLink => ({
        position: formatPosition(event.position),
        streamId: event.streamId,
        revision: event.revision.toString(),
        eventId: event.id,
        problem,
      });
      const head = heads.get(event.streamId);
      const expectedRevision = head ? head.revision + 1n : 0n;
      if (event.revision !== expectedRevision) {
        return report(
          broken(
            `revision ${event.revision} follows ${head ? head.revision : 'nothing'} in ${event.streamId}: ` +
              `an event is missing or was inserted`,
          ),
        );
      }
      const problem = linkProblem(head ? head.hash : GENESIS, event);
      if (problem) return report(broken(problem));
      heads.set(event.streamId, { revision: event.revision, hash: chainOf(event)!.hash });
      events++;
      last = event;
      after = event.position;
    }
    options.onProgress?.({ events, elapsedMs: performance.now() - started });
    if (page.length < PAGE) break;
  }
  const anchorProblem = checkAnchorsBefore(undefined);
  return report(anchorProblem);
}

/**
 * Verifies the log and computes the anchor over the heads of every stream as verified; appends nothing: the anchor
 * is an `AnchorChain` command, which the anchors' decider accepts only when it advances past the last anchor. No
 * anchor when the log is not intact (or empty).
 */
export async function proposeAnchor(
  store: EventStore,
): Promise<{ report: VerifyReport; anchor?: ChainAnchored['data'] }> {
  const verified = await verifyLog(store);
  const { heads, lastPosition, ...report } = verified;
  if (!report.intact || !lastPosition) return { report };
  const { digest, streams } = headsDigest(heads);
  return {
    report,
    anchor: { upTo: formatPosition(lastPosition), streams, events: report.events, headsDigest: digest },
  };
}

/** The anchor at `revision` of the anchors' stream with its own chain hash: what to publish outside the system. */
export async function recordedAnchor(
  store: EventStore,
  revision: number,
): Promise<ChainAnchored['data'] & { anchorHash: string }> {
  const [anchor] = await store.readStream(ANCHOR_STREAM, { fromRevision: BigInt(revision), maxCount: 1 });
  if (!anchor) throw new Error(`there is no anchor at revision ${revision}`);
  return { ...(anchor.data as ChainAnchored['data']), anchorHash: chainOf(anchor)!.hash };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

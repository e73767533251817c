import type { RebuildProgress } from '@liaison/projections';

/** Where the bar goes: stderr, or anything with `write` (tests). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressFigures {
  /** Share of the log up to the head reached, 0 to 1 (by commit position). */
  fraction: number;
  events: number;
  /** Events up to the head: exact for SQLite (positions count events), extrapolated for EventStoreDB. */
  total: number | undefined;
  eventsPerSecond: number;
  etaMs: number | undefined;
}

/**
 * The figures of a progress report. With SQLite the log's positions are event numbers, so the head's commit
 * position is the number of events; EventStoreDB's are byte offsets in its transaction log, so the share of the log
 * comes from them but the total number of events can only be extrapolated from the events done so far.
 */
export function progressFigures(progress: RebuildProgress, exactTotal: boolean): ProgressFigures {
  const head = Number(progress.head.commit);
  const reached = Number(progress.position.commit);
  const fraction = head > 0 ? Math.min(1, Math.max(0, reached / head)) : 1;
  const seconds = progress.elapsedMs / 1000;
  const eventsPerSecond = seconds > 0 ? progress.events / seconds : 0;
  const total = exactTotal
    ? Math.max(head, reached) // the last batch may take in what was appended since the head was read
    : fraction > 0
      ? Math.max(progress.events, Math.round(progress.events / fraction))
      : undefined;
  const etaMs = fraction > 0 ? (progress.elapsedMs * (1 - fraction)) / fraction : undefined;
  return { fraction, events: progress.events, total, eventsPerSecond, etaMs };
}

const BAR_WIDTH = 30;

/** `[##########....................]  33.3%  1,000 / 3,000 events  250 events/s  ETA 8s` */
export function formatProgress(figures: ProgressFigures, exactTotal: boolean): string {
  const filled = Math.round(figures.fraction * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const percent = `${(figures.fraction * 100).toFixed(1).padStart(5)}%`;
  const total =
    figures.total === undefined
      ? '?'
      : exactTotal
        ? count(figures.total)
        : `~${count(figures.total)} (estimate)`;
  const eta = figures.etaMs === undefined ? '?' : duration(figures.etaMs);
  return (
    `${bar} ${percent}  ${count(figures.events)} / ${total} events  ` +
    `${count(Math.round(figures.eventsPerSecond))} events/s  ETA ${eta}`
  );
}

/**
 * A progress bar on a terminal (redrawn in place with \r) or, when the output is a file or a pipe, a line every
 * `intervalMs` (2 s), so logs stay readable.
 */
export class ProgressBar {
  private lastDrawn = -Infinity;
  private lastLine = '';
  private drawnInPlace = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly options: { exactTotal: boolean; intervalMs?: number; now?: () => number },
  ) {}

  update(progress: RebuildProgress): void {
    const now = this.options.now?.() ?? Date.now();
    const line = formatProgress(progressFigures(progress, this.options.exactTotal), this.options.exactTotal);
    this.lastLine = line;
    const interval = this.out.isTTY ? 100 : (this.options.intervalMs ?? 2000);
    const finished = progress.position.commit >= progress.head.commit;
    if (!finished && now - this.lastDrawn < interval) return;
    this.lastDrawn = now;
    this.draw(line);
  }

  /** Leaves the last state on screen and moves to a new line. */
  finish(): void {
    if (this.drawnInPlace) this.out.write('\n');
    this.drawnInPlace = false;
  }

  /** The last line computed, drawn or not. */
  get current(): string {
    return this.lastLine;
  }

  private draw(line: string): void {
    if (this.out.isTTY) {
      // \r back to the start of the line, \x1b[K clears what a longer previous line left.
      this.out.write(`\r${line}\x1b[K`);
      this.drawnInPlace = true;
    } else {
      this.out.write(`${line}\n`);
    }
  }
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

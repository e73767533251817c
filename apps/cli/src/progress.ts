import { Format, SingleBar, type Options, type Params } from 'cli-progress';
import type { RebuildProgress } from '@liaison/projections';

/** Where the bar goes: stderr, or anything with `write` (tests). */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
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

interface ProgressText {
  share: string;
  done: string;
  outOf: string;
  rate: string;
  left: string;
}

function progressText(figures: ProgressFigures, exactTotal: boolean): ProgressText {
  return {
    share: (figures.fraction * 100).toFixed(1).padStart(5),
    done: count(figures.events),
    outOf:
      figures.total === undefined
        ? '?'
        : exactTotal
          ? count(figures.total)
          : `~${count(figures.total)} (estimate)`,
    rate: count(Math.round(figures.eventsPerSecond)),
    left: figures.etaMs === undefined ? '?' : duration(figures.etaMs),
  };
}

const BAR_WIDTH = 30;

/** `[##########....................]  33.3%  1,000 / 3,000 events  250 events/s  ETA 8s` */
function progressLine(options: Options, params: Params, text: ProgressText): string {
  const figures = `${text.share}%  ${text.done} / ${text.outOf} events  ${text.rate} events/s  ETA ${text.left}`;
  // cli-progress cuts lines at the terminal's width (maxWidth; 200 for a file or a pipe): on a narrow terminal the
  // bar narrows, or goes, so that the time left stays in view. The last column stays free.
  const barsize = Math.min(BAR_WIDTH, params.maxWidth - figures.length - 4);
  if (barsize < 5) return figures.trimStart();
  return `[${Format.BarFormat(params.progress, { ...options, barsize })}] ${figures}`;
}

/**
 * The rebuild's progress bar (cli-progress): redrawn in place on a terminal or, when the output is a file or a
 * pipe, a line every 2 s and the last one, so logs stay readable. The rate and the time left come from
 * `progressFigures` (the whole run so far), not from cli-progress's, which only knows the share of the log.
 */
export class ProgressBar {
  private readonly bar: SingleBar;
  private started = false;

  constructor(
    out: ProgressOutput,
    private readonly options: { exactTotal: boolean },
  ) {
    this.bar = new SingleBar({
      // cli-progress only writes to the stream and reads its isTTY and columns.
      stream: out as unknown as NodeJS.WritableStream,
      format: progressLine,
      barsize: BAR_WIDTH,
      barCompleteChar: '#',
      barIncompleteChar: '.',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      // Cut the line at the terminal's width rather than switch the terminal's wrapping off, which a process
      // exiting on a signal would leave off.
      linewrap: true,
      // On a terminal the last state stays on screen; in a log it is already a line of its own.
      clearOnComplete: !out.isTTY,
    });
  }

  update(progress: RebuildProgress): void {
    const figures = progressFigures(progress, this.options.exactTotal);
    const values = progressText(figures, this.options.exactTotal);
    if (this.started) {
      this.bar.update(figures.fraction, values);
    } else {
      // Started on the first report, so the lines written before it (the lock) come first.
      this.bar.start(1, figures.fraction, values);
      this.started = true;
    }
  }

  /** Draws the last state and moves to a new line. */
  finish(): void {
    this.bar.stop();
  }
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

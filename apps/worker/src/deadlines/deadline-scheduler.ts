import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ESCALATION_STEPS,
  stepTimes,
  type EscalationLadder,
  type EscalationStep,
  type WorkingCalendar,
} from '@liaison/domain';
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type EventStore,
  type Position,
} from '@liaison/event-store';
import { readModelsRebuilding, type DeadlineRow, type ReadStore } from '@liaison/projections';
import { deadlineJobId, type DeadlineJob } from './deadline-job';
import { placeWithinLog } from '../log-place';
import { jobIdsAt, touchedDeadlines, type TouchedDeadlines } from './touched-deadlines';

const JOB_OPTIONS: JobsOptions = {
  // A finished job would keep its id and block the same job from being scheduled again after a Redis loss.
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
};

/** Events read from the log per pass, and deadline rows per query. */
const EVENTS_PER_PAGE = 2_000;
const ROWS_PER_PAGE = 5_000;
const IDS_PER_SELECT = 900;

export interface SchedulerStats {
  /** Jobs added (or found already there) in the last pass. */
  scheduled: number;
  /** Jobs removed because their deadline was met, cancelled or moved. */
  removed: number;
}

export interface DeadlineSchedulerOptions {
  queue: Queue<DeadlineJob>;
  /** Where the checkpoint is kept: the queue's Redis. */
  redis: Redis;
  store: EventStore;
  readStore: ReadStore;
  /** Resolves once the read models show a position (the projector may run in another process). */
  readModels: { waitFor(position: Position): Promise<void> };
  ladder: EscalationLadder;
  calendar: WorkingCalendar;
}

/**
 * Keeps one delayed job per pending deadline: its next step not yet sent. `follow` reads the log from its
 * checkpoint, in order: for each page, once the read models show it, the deadlines its events touched get the job
 * their row now asks for, and their jobs for a date they moved from are dropped; then the checkpoint, kept in
 * Redis beside the jobs, moves past the page. Due dates come only from the log: the deadlines read model takes them
 * from the events (a task's DeadlineSet and DeadlineMoved, the campaign's phases). `reconcile` compares every
 * pending deadline with the queue, adds what is missing and removes jobs nothing asks for, so a Redis that lost
 * everything, checkpoint included, loses no deadline. Several workers may do both at once: job ids make adding
 * idempotent and notices are idempotent by step.
 */
export class DeadlineScheduler {
  constructor(private readonly options: DeadlineSchedulerOptions) {}

  /**
   * The job a deadline needs now: the first step not yet sent, at its time. The next step is scheduled when this
   * one's notice is in the log (the deadline's stream), so a deadline holds one job, not three.
   */
  jobsFor(row: DeadlineRow, now: number = Date.now()) {
    // A task of an older log with no recorded due date has nothing to fall due until `migrate` records one.
    const dueAt = row.due_at;
    if (row.status !== 'pending' || dueAt === null) return [];
    const sent = row.last_step === null ? -1 : ESCALATION_STEPS.indexOf(row.last_step as EscalationStep);
    const step = ESCALATION_STEPS[sent + 1];
    if (step === undefined) return [];
    const at = stepTimes(new Date(dueAt), this.options.ladder, this.options.calendar)[step];
    return [
      {
        name: step,
        data: { deadlineId: row.deadline_id, step, dueAt },
        opts: {
          ...JOB_OPTIONS,
          jobId: deadlineJobId(row.deadline_id, step, dueAt),
          // The delay counts from this timestamp, not from when Redis gets the job (a bulk add takes a while).
          timestamp: now,
          delay: Math.max(0, at.getTime() - now),
        },
      },
    ];
  }

  /** Follows the log from the checkpoint by one page; returns how many events it read (0: caught up). */
  async follow(): Promise<number> {
    // Half-rebuilt tables are no guide: wait for the rebuild, then go on from the same place in the log.
    if (await readModelsRebuilding(this.options.readStore)) return 0;
    const after = await this.checkpoint();
    const events = await this.options.store.readAll({
      ...(after ? { after } : {}),
      maxCount: EVENTS_PER_PAGE,
    });
    if (events.length === 0) return 0;
    const last = events[events.length - 1]!.position;
    await this.options.readModels.waitFor(last);
    await this.apply(touchedDeadlines(events));
    await this.setCheckpoint(last);
    return events.length;
  }

  /** The full comparison of pending deadlines with the queue. */
  async reconcile(): Promise<SchedulerStats> {
    const { readStore, queue, store } = this.options;
    // Removing the jobs of deadlines not rebuilt yet would only have to be undone: wait for the rebuild.
    if (await readModelsRebuilding(readStore)) return { scheduled: 0, removed: 0 };
    // Everything up to this position is compared below; following the log goes on from there.
    const head = await store.headPosition();
    if (head) await this.options.readModels.waitFor(head);
    const wanted = new Set<string>();
    let scheduled = 0;
    let after = '';
    for (;;) {
      const rows = await readStore.db
        .selectFrom('deadlines')
        .selectAll()
        .where('status', '=', 'pending')
        .where('deadline_id', '>', after)
        .orderBy('deadline_id')
        .limit(ROWS_PER_PAGE)
        .execute();
      if (rows.length === 0) break;
      const jobs = rows.flatMap((row) => this.jobsFor(row));
      for (const job of jobs) wanted.add(job.opts.jobId);
      for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
      scheduled += jobs.length;
      after = rows[rows.length - 1]!.deadline_id;
    }
    // Ids only: reading every job's data would stall the worker's thread when the queue holds many.
    const orphans: string[] = [];
    for (const type of ['delayed', 'waiting', 'prioritized'] as const) {
      for (let start = 0; ; start += ROWS_PER_PAGE) {
        const ids = await queue.getRanges([type], start, start + ROWS_PER_PAGE - 1);
        for (const id of ids) if (!wanted.has(id)) orphans.push(id);
        if (ids.length < ROWS_PER_PAGE) break;
      }
    }
    const unwanted = await this.stillUnwanted(orphans);
    await this.removeJobs(unwanted);
    const followed = await this.checkpoint();
    if (head && (!followed || comparePositions(followed, head) < 0)) await this.setCheckpoint(head);
    return { scheduled, removed: unwanted.length };
  }

  /**
   * Of jobs the pass above did not want, those their deadline's row, read again now, does not want either. A job
   * added meanwhile by the log's follower (this worker's or another's) for an event newer than the rows read above
   * is wanted by the row as it stands now: it stays.
   */
  private async stillUnwanted(ids: string[]): Promise<string[]> {
    const deadlineOf = (id: string) => id.split('.').slice(0, -2).join('.');
    const deadlines = [...new Set(ids.map(deadlineOf))];
    const wanted = new Set<string>();
    for (let i = 0; i < deadlines.length; i += IDS_PER_SELECT) {
      const rows = await this.options.readStore.db
        .selectFrom('deadlines')
        .selectAll()
        .where('deadline_id', 'in', deadlines.slice(i, i + IDS_PER_SELECT))
        .execute();
      for (const row of rows) for (const job of this.jobsFor(row)) wanted.add(job.opts.jobId);
    }
    return ids.filter((id) => !wanted.has(id));
  }

  private async apply(touched: TouchedDeadlines): Promise<void> {
    const rows = await this.rowsTouched(touched);
    const stale: string[] = [];
    const wanted = [];
    for (const moved of touched.movedFrom) {
      if (moved.deadlineId) stale.push(...jobIdsAt(moved.deadlineId, moved.from));
      else
        for (const row of rows)
          if (row.kind === moved.kind) stale.push(...jobIdsAt(row.deadline_id, moved.from));
    }
    for (const row of rows) {
      if (row.status === 'pending') wanted.push(...this.jobsFor(row));
      else if (row.due_at !== null) stale.push(...jobIdsAt(row.deadline_id, row.due_at));
    }
    await this.removeJobs(stale);
    for (let i = 0; i < wanted.length; i += 1000) await this.options.queue.addBulk(wanted.slice(i, i + 1000));
  }

  private async rowsTouched(touched: TouchedDeadlines): Promise<DeadlineRow[]> {
    const db = this.options.readStore.db;
    const byId = new Map<string, DeadlineRow>();
    const keep = (rows: DeadlineRow[]) => rows.forEach((row) => byId.set(row.deadline_id, row));
    const chunks = (values: Set<string>) => {
      const all = [...values];
      return Array.from({ length: Math.ceil(all.length / IDS_PER_SELECT) }, (_, i) =>
        all.slice(i * IDS_PER_SELECT, (i + 1) * IDS_PER_SELECT),
      );
    };
    for (const ids of chunks(touched.ids)) {
      keep(await db.selectFrom('deadlines').selectAll().where('deadline_id', 'in', ids).execute());
    }
    for (const offices of chunks(touched.offices)) {
      keep(await db.selectFrom('deadlines').selectAll().where('office_id', 'in', offices).execute());
    }
    for (const units of chunks(touched.units)) {
      keep(
        await db
          .selectFrom('deadlines')
          .selectAll()
          .where('unit_id', 'in', units)
          .where('kind', 'in', ['work-plan', 'work-summary'])
          .execute(),
      );
    }
    // A campaign launched or a phase moved: every deadline of the phase, paged (a province has many).
    for (const kind of touched.kinds) {
      let after = '';
      for (;;) {
        const rows = await db
          .selectFrom('deadlines')
          .selectAll()
          .where('kind', '=', kind)
          .where('deadline_id', '>', after)
          .orderBy('deadline_id')
          .limit(ROWS_PER_PAGE)
          .execute();
        keep(rows);
        if (rows.length < ROWS_PER_PAGE) break;
        after = rows[rows.length - 1]!.deadline_id;
      }
    }
    return [...byId.values()];
  }

  private async checkpoint(): Promise<Position | undefined> {
    const text = await this.options.redis.get(this.checkpointKey());
    const saved = text ? parsePosition(text) : undefined;
    const place = await placeWithinLog(this.options.store, saved);
    if (saved && !place) await this.options.redis.del(this.checkpointKey());
    return place;
  }

  private async setCheckpoint(position: Position): Promise<void> {
    await this.options.redis.set(this.checkpointKey(), formatPosition(position));
  }

  /** Beside the queue's own keys, so a Redis that lost the jobs lost the checkpoint too, and reconciles. */
  private checkpointKey(): string {
    return this.options.queue.toKey('followed');
  }

  private async removeJobs(ids: string[]): Promise<void> {
    // remove() leaves an active job alone: it is running and its notice is idempotent anyway.
    for (const id of ids) await this.options.queue.remove(id);
  }
}

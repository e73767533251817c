import type { JobsOptions, Queue } from 'bullmq';
import {
  ESCALATION_STEPS,
  stepTimes,
  type EscalationLadder,
  type EscalationStep,
  type WorkingCalendar,
} from '@liaison/domain';
import { readModelsRebuilding, type DeadlineRow, type ReadStore } from '@liaison/projections';
import type { DeadlineJob } from './deadline-notices';

/**
 * `<deadlineId>.<step>.<due ms>`: the same deadline, step and due date always make the same job, so scheduling is
 * idempotent; a moved due date makes a new job and the old one is dropped. (BullMQ forbids `:` in job ids.)
 */
export function deadlineJobId(deadlineId: string, step: EscalationStep, dueAt: string): string {
  return `${deadlineId}.${step}.${Date.parse(dueAt)}`;
}

const JOB_OPTIONS: JobsOptions = {
  // A finished job would keep its id and block the same job from being scheduled again after a Redis loss.
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
};

const PAGE = 5_000;

export interface SchedulerStats {
  /** Jobs added (or found already there) in the last pass. */
  scheduled: number;
  /** Jobs removed because their deadline was met, cancelled or moved. */
  removed: number;
}

/**
 * Keeps one delayed job per pending deadline: its next step not yet sent. `followChanges` reads the deadlines changed
 * since it last looked (the read model's `changed_seq` feed); `reconcile` compares every pending deadline with the
 * queue, adds what is missing and removes jobs nothing asks for, so a Redis that lost everything loses no deadline.
 * Both can run in several workers at once: job ids make adding idempotent and notices are idempotent by step.
 */
export class DeadlineScheduler {
  /** The last change followed: its number and, within it, the last deadline id. */
  private cursor = { seq: 0, id: '' };

  constructor(
    private readonly queue: Queue<DeadlineJob>,
    private readonly readStore: ReadStore,
    private readonly ladder: EscalationLadder,
    private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * The job a deadline needs now: the first step not yet sent, at its time. The next step is scheduled when this
   * one's notice reaches the read model (a new change in the feed), so a deadline holds one job, not three.
   */
  jobsFor(row: DeadlineRow, now: number = Date.now()) {
    if (row.status !== 'pending') return [];
    const sent = row.last_step === null ? -1 : ESCALATION_STEPS.indexOf(row.last_step as EscalationStep);
    const step = ESCALATION_STEPS[sent + 1];
    if (step === undefined) return [];
    const at = stepTimes(new Date(row.due_at), this.ladder, this.calendar)[step];
    return [
      {
        name: step,
        data: { deadlineId: row.deadline_id, step, dueAt: row.due_at },
        opts: {
          ...JOB_OPTIONS,
          jobId: deadlineJobId(row.deadline_id, step, row.due_at),
          // The delay counts from this timestamp, not from when Redis gets the job (a bulk add takes a while).
          timestamp: now,
          delay: Math.max(0, at.getTime() - now),
        },
      },
    ];
  }

  /** Acts on the deadlines changed since the last call; returns how many it looked at. */
  async followChanges(): Promise<number> {
    // Half-rebuilt tables are no guide; the rebuild's end restarts the counter, so follow it all again then.
    if (await readModelsRebuilding(this.readStore)) return 0;
    if ((await this.headSeq()) < this.cursor.seq) this.cursor = { seq: 0, id: '' };
    let seen = 0;
    for (;;) {
      // Paged by change number, then id: one change (a campaign launch, a rebuild's batch) may touch many rows.
      const { seq, id } = this.cursor;
      const rows = await this.readStore.db
        .selectFrom('deadlines')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('changed_seq', '>', seq),
            eb.and([eb('changed_seq', '=', seq), eb('deadline_id', '>', id)]),
          ]),
        )
        .orderBy('changed_seq')
        .orderBy('deadline_id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return seen;
      await this.apply(rows);
      seen += rows.length;
      const last = rows[rows.length - 1]!;
      this.cursor = { seq: Number(last.changed_seq), id: last.deadline_id };
      if (rows.length < PAGE) return seen;
    }
  }

  private async headSeq(): Promise<number> {
    const head = await this.readStore.db
      .selectFrom('deadlines')
      .select((eb) => eb.fn.max('changed_seq').as('seq'))
      .executeTakeFirst();
    return Number(head?.seq ?? 0);
  }

  private async apply(rows: DeadlineRow[]): Promise<void> {
    const stale: string[] = [];
    const wanted = [];
    for (const row of rows) {
      if (row.previous_due_at !== null) {
        for (const step of ESCALATION_STEPS)
          stale.push(deadlineJobId(row.deadline_id, step, row.previous_due_at));
      }
      if (row.status === 'pending') wanted.push(...this.jobsFor(row));
      else for (const step of ESCALATION_STEPS) stale.push(deadlineJobId(row.deadline_id, step, row.due_at));
    }
    await this.removeJobs(stale);
    for (let i = 0; i < wanted.length; i += 1000) await this.queue.addBulk(wanted.slice(i, i + 1000));
  }

  /** The full comparison of pending deadlines with the queue. */
  async reconcile(): Promise<SchedulerStats> {
    // Removing the jobs of deadlines not rebuilt yet would only have to be undone: wait for the rebuild.
    if (await readModelsRebuilding(this.readStore)) return { scheduled: 0, removed: 0 };
    const head = await this.headSeq();
    const wanted = new Set<string>();
    let scheduled = 0;
    let after = '';
    for (;;) {
      const rows = await this.readStore.db
        .selectFrom('deadlines')
        .selectAll()
        .where('status', '=', 'pending')
        .where('deadline_id', '>', after)
        .orderBy('deadline_id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      const jobs = rows.flatMap((row) => this.jobsFor(row));
      for (const job of jobs) wanted.add(job.opts.jobId);
      for (let i = 0; i < jobs.length; i += 1000) await this.queue.addBulk(jobs.slice(i, i + 1000));
      scheduled += jobs.length;
      after = rows[rows.length - 1]!.deadline_id;
    }
    // Ids only: reading every job's data would stall the worker's thread when the queue holds many.
    const orphans: string[] = [];
    for (const type of ['delayed', 'waiting', 'prioritized'] as const) {
      for (let start = 0; ; start += PAGE) {
        const ids = await this.queue.getRanges([type], start, start + PAGE - 1);
        for (const id of ids) if (!wanted.has(id)) orphans.push(id);
        if (ids.length < PAGE) break;
      }
    }
    await this.removeJobs(orphans);
    // Everything up to the head was just compared; changes after it are followed from there.
    if (head > this.cursor.seq) this.cursor = { seq: head, id: '' };
    return { scheduled, removed: orphans.length };
  }

  private async removeJobs(ids: string[]): Promise<void> {
    // remove() leaves an active job alone: it is running and its notice is idempotent anyway.
    for (const id of ids) await this.queue.remove(id);
  }
}

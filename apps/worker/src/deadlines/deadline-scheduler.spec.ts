import { Queue } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ESCALATION_LADDER, OFFICIAL_CALENDAR } from '@liaison/domain';
import { openReadStore, type DeadlineRow, type ReadStore } from '@liaison/projections';
import type { DeadlineJob } from './deadline-notices';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { deadlineJobId, DeadlineScheduler } from './deadline-scheduler';

/** The reconciler against real Redis (database 13) and a real SQLite read store. */
const REDIS_URL = 'redis://127.0.0.1:6379/13';

function deadline(id: string, dueAt: string, status = 'pending'): DeadlineRow {
  return {
    deadline_id: id,
    kind: 'work-plan',
    subject_id: id,
    office_id: null,
    unit_id: 'henan.nanyang.xichuan',
    title: '淅川县',
    tier: null,
    candidate_group: null,
    assignee: null,
    due_at: dueAt,
    previous_due_at: null,
    status,
    last_step: null,
    changed_seq: 1,
  };
}

describe('the deadline reconciler', () => {
  let dir: string;
  let readStore: ReadStore;
  let queue: Queue<DeadlineJob>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scheduler-'));
    readStore = await openReadStore({ kind: 'sqlite', filename: join(dir, 'read-models.sqlite') });
    queue = new Queue<DeadlineJob>(DEADLINE_QUEUE, {
      connection: bullConnection(REDIS_URL, 'producer'),
      prefix: `scheduler-spec-${process.pid}-${Date.now()}`,
    });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the job each pending deadline needs, keeps it on a second pass, and drops jobs nothing asks for', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    await readStore.db
      .insertInto('deadlines')
      .values([deadline('work-plan.a', due), deadline('work-plan.b', due, 'met')])
      .execute();
    // A job left by a deadline that no longer exists in the read model (a rebuilt store, a deleted row).
    await queue.add(
      'reminder',
      { deadlineId: 'work-plan.gone', step: 'reminder', dueAt: due },
      { jobId: deadlineJobId('work-plan.gone', 'reminder', due), delay: 3_600_000 },
    );
    const scheduler = new DeadlineScheduler(queue, readStore, DEFAULT_ESCALATION_LADDER, OFFICIAL_CALENDAR);
    expect(await scheduler.reconcile()).toEqual({ scheduled: 1, removed: 1 });
    expect(await queue.getRanges(['delayed'])).toEqual([deadlineJobId('work-plan.a', 'reminder', due)]);
    expect(await scheduler.reconcile()).toEqual({ scheduled: 1, removed: 0 });
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 1 });
  });

  it('follows a change that touched more deadlines than one page holds', async () => {
    const due = new Date(Date.now() + 3_600_000).toISOString();
    // One change number for all of them, as a campaign launch or a rebuild's batch gives.
    const rows = Array.from({ length: 5_001 }, (_, i) =>
      deadline(`work-plan.u${String(i).padStart(5, '0')}`, due),
    );
    for (let i = 0; i < rows.length; i += 500) {
      await readStore.db
        .insertInto('deadlines')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const scheduler = new DeadlineScheduler(queue, readStore, DEFAULT_ESCALATION_LADDER, OFFICIAL_CALENDAR);
    expect(await scheduler.followChanges()).toBe(5_001);
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: 5_001 });
    expect(await scheduler.followChanges()).toBe(0);
  });
});

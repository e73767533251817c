import {
  deadlineStreamId,
  ESCALATION_STEPS,
  noticeAudiences,
  type Audience,
  type EscalationStep,
  type JurisdictionCatalog,
  type SendDeadlineNotice,
  type TaskKind,
  unitStreamId,
} from '@liaison/domain';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@liaison/event-store';
import {
  evolve,
  evolveReport,
  initialReportState,
  initialState,
  officeStreamId,
  reportStepDone,
  summaryInspectionDone,
  reportStreamId,
  evolveRegulation,
  initialRegulationState,
  regulationDeadlineMet,
  regulationStreamId,
  type RegulationEvent,
  type RegulationState,
  type ReportEvent,
  type ReportState,
  type ReportStep,
} from '@liaison/domain';
import { type DeadlineRow, type ReadStore, type SqliteStatement } from '@liaison/projections';
import { deterministicUuid } from '@liaison/event-store';
import { foldStream } from '@liaison/event-store';
import { ExecuteCommand } from '@liaison/application';
import type { DeadlineJob } from './deadline-job';

export type FireOutcome =
  /** The notice (and any earlier step not yet sent) was appended. */
  | 'sent'
  /** Another run of the same job, or a later step, sent it already. */
  | 'already-sent'
  /** The due date moved; the job for the new date sends it. */
  | 'moved'
  /** Done or no longer asked for: nothing to send. */
  | 'met'
  /** The read models do not know the deadline. */
  | 'unknown';

/**
 * The correlation id of the notice a job sends: the same deadline, step and due date always give the same one, so
 * a job's log lines and the event it appends (whichever run appends it) name each other.
 */
export function noticeCorrelationId(job: DeadlineJob): string {
  return deterministicUuid(`${deadlineStreamId(job.deadlineId)}|${job.step}|${job.dueAt}`);
}

/** A notice a job is to send, and the steps the read model says were sent before it. */
export interface NoticeToSend {
  command: SendDeadlineNotice;
  sentBefore: EscalationStep[];
}

/** What a job comes to once its deadline is read and checked. */
export type NoticeDecision = { outcome: FireOutcome } | NoticeToSend;

/** Rows per query where the read store is PostgreSQL (a batch is at most the worker's concurrency). */
const ROWS_PER_SELECT = 1000;

/** The steps a row records as sent: every step up to its last. */
function sentBefore(row: DeadlineRow): EscalationStep[] {
  const sent = row.last_step === null ? -1 : ESCALATION_STEPS.indexOf(row.last_step as EscalationStep);
  return ESCALATION_STEPS.slice(0, sent + 1);
}

/** Who hears of a notice being sent: the worker's metrics. */
export type NoticeSentListener = (step: EscalationStep, kind: string) => void;

/** Events that end a task (a ruling ends a ruling task); claims, releases and delegations do not. */
const TASK_ENDING_EVENTS = new Set([
  'OfficeRuledOn',
  'RetentionResubmitted',
  'RetentionForwarded',
  'RetentionApproved',
  'RetentionRejected',
  'RetentionReturned',
]);

/**
 * Sends the notices of the escalation ladder. A job runs this; it checks the deadline still stands (against the
 * read model for the due date, and the office's own stream for whether the task is still open, so a decision the
 * read models have not shown yet still stops it), then sends the notice command to the deadline's stream, appended
 * with its revision, so two runs of the same job produce one notice.
 */
export class DeadlineNotices {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
    private readonly onSent: NoticeSentListener = () => undefined,
  ) {}

  /** One job on its own: the batch of one. */
  async fire(job: DeadlineJob, now: Date = new Date()): Promise<FireOutcome> {
    const decision = await this.decide([job], now)[0]!;
    return 'outcome' in decision ? decision.outcome : this.send(decision);
  }

  /**
   * What each job of a batch comes to: a final outcome, or the notice to send; one promise per job, so that one
   * job's failure is its own. The rows are read in one query for the whole batch (a burst of due deadlines would
   * otherwise read the read model job by job).
   */
  decide(jobs: readonly DeadlineJob[], now: Date = new Date()): Promise<NoticeDecision>[] {
    const rows = this.deadlines([...new Set(jobs.map((job) => job.deadlineId))]);
    return jobs.map(async (job): Promise<NoticeDecision> => {
      const row = (await rows).get(job.deadlineId);
      if (!row) return { outcome: 'unknown' };
      if (row.due_at !== job.dueAt) return { outcome: 'moved' };
      if (row.status !== 'pending' || !(await this.stillOpen(row))) return { outcome: 'met' };
      return { command: this.command(row, job.step, now), sentBefore: sentBefore(row) };
    });
  }

  private command(row: DeadlineRow, step: EscalationStep, now: Date): SendDeadlineNotice {
    return {
      type: 'SendDeadlineNotice',
      data: {
        deadline: {
          deadlineId: row.deadline_id,
          kind: row.kind as SendDeadlineNotice['data']['deadline']['kind'],
          ...(row.task_kind !== null ? { taskKind: row.task_kind as TaskKind } : {}),
          subjectId: row.subject_id,
          ...(row.office_id !== null ? { officeId: row.office_id } : {}),
          unitId: row.unit_id,
          title: row.title,
        },
        step,
        dueAt: row.due_at!,
        sentAt: now.toISOString(),
        audiences: this.audiences(row),
      },
    };
  }

  /** Who hears of each step (the domain's rule, shared with the what-if replay). */
  audiences(row: DeadlineRow): Record<EscalationStep, Audience[]> {
    return noticeAudiences(this.jurisdictions, {
      kind: row.kind,
      unitId: row.unit_id,
      tier: row.tier,
      assignee: row.assignee,
      candidateGroup: row.candidate_group,
    });
  }

  /** On SQLite one statement prepared once, the ids passed as a JSON array: one query per batch, any size. */
  private async deadlines(ids: string[]): Promise<Map<string, DeadlineRow>> {
    const byId = new Map<string, DeadlineRow>();
    const sqlite = this.readStore.sqlite;
    if (sqlite) {
      this.byIds ??= sqlite.prepare(
        'SELECT * FROM deadlines WHERE deadline_id IN (SELECT value FROM json_each(?))',
      );
      for (const row of this.byIds.all(JSON.stringify(ids)) as DeadlineRow[]) byId.set(row.deadline_id, row);
      return byId;
    }
    for (let i = 0; i < ids.length; i += ROWS_PER_SELECT) {
      const rows = await this.readStore.db
        .selectFrom('deadlines')
        .selectAll()
        .where('deadline_id', 'in', ids.slice(i, i + ROWS_PER_SELECT))
        .execute();
      for (const row of rows) byId.set(row.deadline_id, row);
    }
    return byId;
  }

  private byIds?: SqliteStatement;

  private async stillOpen(row: DeadlineRow): Promise<boolean> {
    if (row.kind === 'work-plan' || row.kind === 'work-summary') {
      const filed = row.kind === 'work-plan' ? 'WorkPlanFiled' : 'WorkSummaryFiled';
      const recorded = await this.store.readStream(unitStreamId(row.unit_id));
      return !recorded.some((event) => event.type === filed);
    }
    if (row.kind.startsWith('report-')) {
      const recorded = await this.store.readStream(reportStreamId(row.unit_id));
      const state = foldStream<ReportEvent, ReportState>(
        { evolve: evolveReport, initialState: initialReportState },
        recorded,
      );
      if (row.kind === 'report-summary-inspection') return !summaryInspectionDone(state, row.subject_id);
      return !reportStepDone(state, row.kind.slice('report-'.length) as ReportStep);
    }
    if (row.kind.startsWith('regulation-') && row.office_id !== null) {
      const recorded = await this.store.readStream(regulationStreamId(row.office_id));
      const state = foldStream<RegulationEvent, RegulationState>(
        { evolve: evolveRegulation, initialState: initialRegulationState },
        recorded,
      );
      return !regulationDeadlineMet(state, row.deadline_id);
    }
    if (row.office_id === null) return true;
    if (row.kind === 'abolition') {
      const status = foldStream(
        { evolve, initialState },
        await this.store.readStream(officeStreamId(row.office_id)),
      ).status;
      return !['abolished', 'closed', 'retained'].includes(status);
    }
    const openedAt = Number(row.subject_id.slice(row.subject_id.lastIndexOf('/') + 1));
    // Only what came after the task opened can have ended it: the office's registration and inventory are not read.
    const since = await this.store.readStream(officeStreamId(row.office_id), {
      fromRevision: BigInt(openedAt + 1),
    });
    return !since.some((event) => TASK_ENDING_EVENTS.has(event.type));
  }

  /**
   * Sends the notices the decider asks for. The first try trusts the read model's record of the steps sent and
   * appends without reading the stream; if the stream has moved on, the append is refused and the stream is read.
   */
  async send({ command, sentBefore }: NoticeToSend): Promise<FireOutcome> {
    const { deadlineId } = command.data.deadline;
    const streamId = deadlineStreamId(deadlineId);
    const { step, dueAt } = command.data;
    const correlationId = noticeCorrelationId({ deadlineId, step, dueAt });
    const result = await this.commands.execute(
      new ExecuteCommand('deadline', deadlineId, command, {
        actor: 'scheduler',
        role: 'scheduler',
        now: command.data.sentAt,
        correlationId,
        assumed: { state: { sent: new Set(sentBefore) }, version: sentBefore.length },
        // The same notice always has the same id, so even a blind retry of the append cannot double it.
        eventId: (event) => deterministicUuid(`${streamId}|${event.data.step}`),
        // A burst of due deadlines must not wait on the read models notice by notice; nobody reads these back.
        awaitReadModels: false,
      }),
    );
    for (const event of result.events) this.onSent(event.data.step, command.data.deadline.kind);
    return result.events.length > 0 ? 'sent' : 'already-sent';
  }
}

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

  async fire(job: DeadlineJob, now: Date = new Date()): Promise<FireOutcome> {
    const row = await this.deadline(job.deadlineId);
    if (!row) return 'unknown';
    if (row.due_at !== job.dueAt) return 'moved';
    if (row.status !== 'pending' || !(await this.stillOpen(row))) return 'met';
    const command: SendDeadlineNotice = {
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
        step: job.step,
        dueAt: row.due_at,
        sentAt: now.toISOString(),
        audiences: this.audiences(row),
      },
    };
    const sent = row.last_step === null ? -1 : ESCALATION_STEPS.indexOf(row.last_step as EscalationStep);
    return this.send(command, ESCALATION_STEPS.slice(0, sent + 1));
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

  /** On SQLite a statement prepared once: a burst of due deadlines runs this thousands of times a second. */
  private async deadline(deadlineId: string): Promise<DeadlineRow | undefined> {
    const sqlite = this.readStore.sqlite;
    if (sqlite) {
      this.byId ??= sqlite.prepare('SELECT * FROM deadlines WHERE deadline_id = ?');
      return this.byId.get(deadlineId) as DeadlineRow | undefined;
    }
    return this.readStore.db
      .selectFrom('deadlines')
      .selectAll()
      .where('deadline_id', '=', deadlineId)
      .executeTakeFirst();
  }

  private byId?: SqliteStatement;

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
  private async send(command: SendDeadlineNotice, sentBefore: EscalationStep[]): Promise<FireOutcome> {
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

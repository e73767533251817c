import type { Phase } from '../campaign/phases';
import { PHASES } from '../campaign/phases';
import { DEADLINE_STREAM_PREFIX } from '../deadline/events';
import { filingDeadlineId, taskDeadlineId, type DeadlineKind, type FilingKind } from '../deadline/ids';
import type { EscalationStep } from '../deadline/ladder';
import { candidateGroup, taskJurisdiction } from '../groups';
import type { JurisdictionCatalog } from '../jurisdiction';
import type { TaskDueDateBasis } from '../office/deadlines';
import { OFFICE_STREAM_PREFIX, type OfficeEvent } from '../office/events';
import { openedTask, TASK_CLOSING_EVENTS, type TaskKind } from '../office/task-ledger';
import type { Tier } from '../tiers';
import type { Duration } from '../calendar';
import { REGULATION_STREAM_PREFIX, regulationDeadlineKind, type RegulationEvent } from '../regulation/events';
import { deadlineMetBy } from '../regulation/state';

/** One event of the log as the replay needs it. */
export interface LoggedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  occurredAt: string;
}

/** A deadline as the log tells it: whose it is, when it opened and closed, and what was recorded of it. */
export interface DeadlineFacts {
  deadlineId: string;
  kind: DeadlineKind;
  taskKind?: TaskKind;
  subjectId: string;
  officeId?: string;
  /** The task's jurisdiction, or the filing unit. */
  unitId: string;
  title: string;
  tier: Tier | null;
  candidateGroup: string | null;
  /** Who held the task from when (claims, delegations, releases), in order. */
  assignees: { at: string; to: string | null }[];
  openedAt: string;
  /** Decided, forwarded, returned, filed: no notice goes out from then on. */
  closedAt?: string;
  /** A task's due date as recorded (DeadlineSet, DeadlineMoved) and its basis. */
  recordedDueAt?: string;
  basis?: TaskDueDateBasis;
  /** A filing's phase (its due date is the phase's end). */
  phase?: Phase;
  /** A retained office's dated duty (五, 六): the time allowed and the instant it counts from. */
  regulationBasis?: { allowed: Duration; from: string };
  /** The notices the log holds for it. */
  recordedSteps: EscalationStep[];
}

const FILING_PHASE: Record<FilingKind, Phase> = { 'work-plan': 'plan', 'work-summary': 'summary' };
const FILED: Record<string, FilingKind> = { WorkPlanFiled: 'work-plan', WorkSummaryFiled: 'work-summary' };

/**
 * Folds the log, in memory, into the deadlines of tasks and filings, by the same rules the office decider and the
 * deadline read model follow (which events open and close a task, where it is decided). Writes nothing.
 */
export class DeadlineLog {
  private readonly deadlines = new Map<string, DeadlineFacts>();
  private readonly offices = new Map<string, { name: string; sponsor: string; open?: DeadlineFacts }>();
  private readonly regulated = new Map<string, { name: string; sponsor: string }>();
  private readonly filed = new Map<string, string>();
  private readonly steps = new Map<string, EscalationStep[]>();
  /** The phase deadlines as the log last set them. */
  readonly phases: Partial<Record<Phase, string>> = {};
  events = 0;

  constructor(private readonly jurisdictions: JurisdictionCatalog) {}

  add(event: LoggedEvent): void {
    this.events++;
    if (event.streamId.startsWith(OFFICE_STREAM_PREFIX)) this.office(event);
    else if (event.streamId === 'campaign') this.campaign(event);
    else if (event.streamId.startsWith(REGULATION_STREAM_PREFIX)) this.regulation(event);
    else if (event.streamId.startsWith(DEADLINE_STREAM_PREFIX)) {
      const id = event.streamId.slice(DEADLINE_STREAM_PREFIX.length);
      const step = (event.data as { step: EscalationStep }).step;
      this.steps.set(id, [...(this.steps.get(id) ?? []), step]);
    } else if (FILED[event.type]) {
      const { unitId } = event.data as { unitId: string };
      const id = filingDeadlineId(FILED[event.type]!, unitId);
      // The first filing is the one the deadline counts.
      if (!this.filed.has(id)) this.filed.set(id, event.occurredAt);
    }
  }

  /** Every deadline the log opened, with what was filed against the filings'. */
  facts(): DeadlineFacts[] {
    return [...this.deadlines.values()].map((facts) => {
      const filedAt = facts.kind === 'task' ? undefined : this.filed.get(facts.deadlineId);
      return {
        ...facts,
        ...(filedAt !== undefined ? { closedAt: filedAt } : {}),
        recordedSteps: this.steps.get(facts.deadlineId) ?? [],
      };
    });
  }

  private office(logged: LoggedEvent): void {
    const officeId = logged.streamId.slice(OFFICE_STREAM_PREFIX.length);
    const event = { type: logged.type, data: logged.data } as OfficeEvent;
    if (event.type === 'OfficeRegistered') {
      this.offices.set(officeId, { name: event.data.name, sponsor: event.data.sponsorUnitId });
    }
    const office = this.offices.get(officeId);
    if (!office) return;
    const opened = openedTask(event);
    if (opened !== undefined || TASK_CLOSING_EVENTS.has(event.type)) {
      if (office.open) office.open.closedAt = logged.occurredAt;
      delete office.open;
    }
    if (opened !== undefined) {
      const taskId = `${officeId}/${logged.revision}`;
      const unitId = taskJurisdiction(this.jurisdictions, office.sponsor, opened.tier);
      const facts: DeadlineFacts = {
        deadlineId: taskDeadlineId(taskId),
        kind: 'task',
        taskKind: opened.kind,
        subjectId: taskId,
        officeId,
        unitId,
        title: office.name,
        tier: opened.tier,
        candidateGroup: candidateGroup(opened.tier, unitId),
        assignees: [],
        openedAt: logged.occurredAt,
        recordedSteps: [],
      };
      this.deadlines.set(facts.deadlineId, facts);
      office.open = facts;
      return;
    }
    const assign = (to: string | null) => office.open?.assignees.push({ at: logged.occurredAt, to });
    switch (event.type) {
      case 'TaskClaimed':
        assign(event.data.assignee);
        return;
      case 'TaskDelegated':
        assign(event.data.to);
        return;
      case 'TaskReleased':
        assign(null);
        return;
      case 'DeadlineSet':
      case 'DeadlineMoved': {
        const facts = this.deadlines.get(event.data.deadlineId);
        if (!facts) return;
        facts.recordedDueAt = event.type === 'DeadlineSet' ? event.data.dueAt : event.data.to;
        facts.basis = event.data.basis;
        return;
      }
      default:
        return;
    }
  }

  /** A retained office's dated duties (五, 六), due as recorded, closed by the record that meets each. */
  private regulation(logged: LoggedEvent): void {
    const event = { type: logged.type, data: logged.data } as RegulationEvent;
    if (event.type === 'RegulationOpened') {
      const { officeId, name, sponsorUnitId } = event.data;
      this.regulated.set(officeId, { name, sponsor: sponsorUnitId });
      return;
    }
    if (event.type === 'RegulationDeadlineSet') {
      const { officeId, deadlineId, duty, subject, dueAt, basis } = event.data;
      const office = this.regulated.get(officeId);
      this.deadlines.set(deadlineId, {
        deadlineId,
        kind: regulationDeadlineKind(duty),
        subjectId: subject ?? officeId,
        officeId,
        unitId: office?.sponsor ?? officeId,
        title: office?.name ?? officeId,
        tier: null,
        candidateGroup: null,
        assignees: [],
        openedAt: logged.occurredAt,
        recordedDueAt: dueAt,
        regulationBasis: { allowed: basis.allowed, from: basis.from },
        recordedSteps: [],
      });
      return;
    }
    const met = deadlineMetBy(event);
    const facts = met && this.deadlines.get(met.deadlineId);
    if (facts && facts.closedAt === undefined) facts.closedAt = logged.occurredAt;
  }

  private campaign(logged: LoggedEvent): void {
    if (logged.type === 'PhaseDeadlineMoved') {
      const { phase, to } = logged.data as { phase: Phase; to: string };
      this.phases[phase] = to;
      return;
    }
    if (logged.type !== 'CampaignLaunched') return;
    const { deadlines, filingUnits } = logged.data as {
      deadlines: Record<Phase, string>;
      filingUnits: string[];
    };
    for (const phase of PHASES) this.phases[phase] = deadlines[phase];
    for (const unitId of filingUnits) {
      for (const kind of ['work-plan', 'work-summary'] as const) {
        const deadlineId = filingDeadlineId(kind, unitId);
        this.deadlines.set(deadlineId, {
          deadlineId,
          kind,
          subjectId: unitId,
          unitId,
          title: this.jurisdictions.find(unitId)?.name ?? unitId,
          tier: null,
          candidateGroup: null,
          assignees: [],
          openedAt: logged.occurredAt,
          phase: FILING_PHASE[kind],
          recordedSteps: [],
        });
      }
    }
  }
}

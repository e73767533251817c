import {
  CAMPAIGN_STREAM,
  evolve,
  evolveTasks,
  FILING_EVENT,
  initialState,
  mustBeAbolished,
  OFFICE_STATUSES,
  OFFICE_STREAM_PREFIX,
  UNIT_STREAM_PREFIX,
  type CampaignLaunched,
  type JurisdictionCatalog,
  type OfficeEvent,
  type OfficeState,
  type Phase,
  type PhaseDeadlineMoved,
  type TaskKind,
  type TaskRecord,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';

/** Which units a caller may see: all, one unit and everything below it, or none (the auth layer's list scope). */
export type AuditScope = { kind: 'all' } | { kind: 'within'; unitId: string } | { kind: 'none' };

export interface CampaignAsOfOptions {
  scope: AuditScope;
  jurisdictions: JurisdictionCatalog;
}

export interface OverdueItem {
  kind: 'task' | 'abolition' | 'work-plan' | 'work-summary';
  /** A task's: a retention decision, or a ruling on an office the plan does not cover. */
  taskKind?: TaskKind;
  subjectId: string;
  title: string;
  unitId: string;
  dueAt: string;
}

export interface CampaignAsOf {
  at: string;
  offices: number;
  byStatus: Record<string, number>;
  byUnit: Record<string, Record<string, number>>;
  deadlines: Partial<Record<Phase, string>>;
  overdue: OverdueItem[];
}

/**
 * What the log says up to the instant: each office's state and open task, the filings, the campaign. Its size is
 * the number of offices and units, not of events: a fold that streams the log holds only this.
 */
export interface CampaignLog {
  offices: Map<string, { state: OfficeState; tasks: readonly TaskRecord[] }>;
  filed: Map<string, Set<string>>;
  campaign?: CampaignLaunched['data'];
  deadlines: Partial<Record<Phase, string>>;
}

export function newCampaignLog(): CampaignLog {
  return { offices: new Map(), filed: new Map(), deadlines: {} };
}

/** One event into the log (the caller keeps to the events that had happened by the instant). */
export function recordCampaign(log: CampaignLog, event: RecordedEvent): void {
  if (event.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
    const id = event.streamId.slice(OFFICE_STREAM_PREFIX.length);
    const entry = log.offices.get(id) ?? { state: initialState(), tasks: [] };
    const office = { type: event.type, data: event.data } as OfficeEvent;
    entry.state = evolve(entry.state, office);
    // Each task's due date as the log recorded it (set when it opened, moved since), never recomputed here.
    entry.tasks = evolveTasks(entry.tasks, office, Number(event.revision));
    log.offices.set(id, entry);
  } else if (event.streamId === CAMPAIGN_STREAM) {
    if (event.type === 'CampaignLaunched') {
      log.campaign = event.data as CampaignLaunched['data'];
      Object.assign(log.deadlines, log.campaign.deadlines);
    } else if (event.type === 'PhaseDeadlineMoved') {
      const moved = event.data as PhaseDeadlineMoved['data'];
      log.deadlines[moved.phase] = moved.to;
    }
  } else if (event.streamId.startsWith(UNIT_STREAM_PREFIX)) {
    const unitId = event.streamId.slice(UNIT_STREAM_PREFIX.length);
    log.filed.set(unitId, (log.filed.get(unitId) ?? new Set()).add(event.type));
  }
}

/** The campaign as the log stands at `at`. */
export function summariseCampaign(log: CampaignLog, at: string, options: CampaignAsOfOptions): CampaignAsOf {
  const instant = Date.parse(at);
  const { scope, jurisdictions } = options;
  const within = (unitId: string) =>
    scope.kind === 'all' ||
    (scope.kind === 'within' &&
      jurisdictions.find(unitId) !== undefined &&
      jurisdictions.isWithin(unitId, scope.unitId));
  const { deadlines } = log;
  const passed = (deadline: string | undefined) => deadline !== undefined && Date.parse(deadline) < instant;
  const byStatus: Record<string, number> = Object.fromEntries(OFFICE_STATUSES.map((status) => [status, 0]));
  const byUnit: Record<string, Record<string, number>> = {};
  const overdue: OverdueItem[] = [];
  for (const [officeId, { state, tasks }] of log.offices) {
    if (state.status === 'unregistered' || !within(state.office.sponsorUnitId)) continue;
    const unitId = state.office.sponsorUnitId;
    const title = state.office.name;
    byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
    const unit = (byUnit[unitId] ??= {});
    unit[state.status] = (unit[state.status] ?? 0) + 1;
    // The open task: a retention request's at its tier, or the ruling an office the plan does not cover awaits.
    const task = tasks.find((each) => each.open);
    const dueAt = task?.dueAt;
    if (task && dueAt !== undefined && Date.parse(dueAt) < instant) {
      overdue.push({ kind: 'task', taskKind: task.kind, subjectId: officeId, title, unitId, dueAt });
    }
    // Once ruled on, the disposition's outcome is the ruling's.
    if (mustBeAbolished(state.status, state.office.disposition.outcome) && passed(deadlines['carry-out'])) {
      overdue.push({ kind: 'abolition', subjectId: officeId, title, unitId, dueAt: deadlines['carry-out']! });
    }
  }
  for (const unitId of log.campaign?.filingUnits ?? []) {
    if (!within(unitId)) continue;
    const title = jurisdictions.find(unitId)?.name ?? unitId;
    const filed = log.filed.get(unitId);
    if (passed(deadlines.plan) && !filed?.has(FILING_EVENT['work-plan'])) {
      overdue.push({ kind: 'work-plan', subjectId: unitId, title, unitId, dueAt: deadlines.plan! });
    }
    if (passed(deadlines.summary) && !filed?.has(FILING_EVENT['work-summary'])) {
      overdue.push({ kind: 'work-summary', subjectId: unitId, title, unitId, dueAt: deadlines.summary! });
    }
  }
  overdue.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.subjectId.localeCompare(b.subjectId));
  const offices = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return { at, offices, byStatus, byUnit, deadlines, overdue };
}

/**
 * The campaign at an instant (`at`, ISO-8601), folded from the recorded events that had happened by then: offices
 * by status and by sponsor unit within the caller's scope, the phase deadlines as they stood, and what was overdue
 * (approval tasks past their time limit, offices still to be abolished after the carry-out deadline, filings
 * missing after theirs). Events come in log order, from an array or streamed page by page.
 */
export async function campaignAsOf(
  events: Iterable<RecordedEvent> | AsyncIterable<RecordedEvent>,
  at: string,
  options: CampaignAsOfOptions,
): Promise<CampaignAsOf> {
  const instant = Date.parse(at);
  const log = newCampaignLog();
  for await (const event of events) {
    if (Date.parse(event.metadata.occurredAt) <= instant) recordCampaign(log, event);
  }
  return summariseCampaign(log, at, options);
}

import {
  abolitionDeadlineId,
  mustBeAbolished,
  OFFICE_STREAM_PREFIX,
  taskDeadlineId,
  type JurisdictionCatalog,
  type OfficeEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { standingChange } from '../offices/office-status';
import { candidateGroup, taskIdOf, taskJurisdiction, taskStep, type TaskStep } from '../tasks/approval-tasks';
import type { DeadlineOfficeRow } from './schema';
import type { DeadlineWorkingSet } from './working-set';

/** What opening a task's deadline needs: where the task is decided. When it falls due, the log says. */
export interface TaskRules {
  jurisdictions: JurisdictionCatalog;
}

/**
 * One office event, as the deadlines see it: the office's standing and open task change, and with them its task's
 * deadline and (once the campaign is launched) its abolition deadline.
 */
export function followOffice(
  recorded: RecordedEvent,
  work: DeadlineWorkingSet,
  carryOut: string | undefined,
  rules: TaskRules,
): void {
  const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
  const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
  const standing = standingChange(event);
  let office = work.office(officeId);
  if (event.type === 'OfficeRegistered') {
    office = {
      office_id: officeId,
      name: event.data.name,
      sponsor_unit_id: event.data.sponsorUnitId,
      status: standing.status!,
      required_outcome: standing.requiredOutcome!,
      open_task_id: null,
      open_task_created_at: null,
    };
    work.addOffice(office);
  } else if (!office) {
    return;
  } else {
    if (standing.status !== undefined) office.status = standing.status;
    if (standing.requiredOutcome !== undefined) office.required_outcome = standing.requiredOutcome;
  }
  const step = taskStep(event);
  if (step) followTask(office, step, recorded, work, rules);
  if (carryOut !== undefined) followAbolition(office, carryOut, work);
}

/**
 * A task's deadline follows the task: open → pending, decided (a ruling included) → met, superseded by a
 * resubmission → cancelled.
 */
function followTask(
  office: DeadlineOfficeRow,
  step: TaskStep,
  recorded: RecordedEvent,
  work: DeadlineWorkingSet,
  { jurisdictions }: TaskRules,
): void {
  const open = office.open_task_id ? work.deadline(taskDeadlineId(office.open_task_id)) : undefined;
  if (step.close !== undefined && office.open_task_id) {
    if (open) open.status = step.close === 'superseded' ? 'cancelled' : 'met';
    office.open_task_id = null;
    office.open_task_created_at = null;
  }
  if (step.open !== undefined) {
    const tier = step.open;
    const at = recorded.metadata.occurredAt;
    const taskId = taskIdOf(office.office_id, recorded.revision);
    const jurisdiction = taskJurisdiction(jurisdictions, office.sponsor_unit_id, tier);
    work.putDeadline({
      deadline_id: taskDeadlineId(taskId),
      kind: 'task',
      task_kind: step.kind ?? 'retention',
      subject_id: taskId,
      office_id: office.office_id,
      unit_id: jurisdiction,
      title: office.name,
      tier,
      candidate_group: candidateGroup(tier, jurisdiction),
      assignee: null,
      // The DeadlineSet recorded with this event follows it in the same append.
      due_at: null,
      status: 'pending',
      last_step: null,
    });
    office.open_task_id = taskId;
    office.open_task_created_at = at;
  }
  if (step.assign !== undefined && open && office.open_task_id) open.assignee = step.assign.to;
  if (step.due !== undefined) {
    const deadline = work.deadline(taskDeadlineId(step.due.taskId));
    if (deadline) {
      deadline.due_at = step.due.dueAt;
    }
  }
}

/**
 * An office the plan or a rejection says to abolish must be abolished by the end of the carry-out phase:
 * pending until abolished (met), or cancelled if it ends up retained after all (a ruling, a later approval).
 */
export function followAbolition(office: DeadlineOfficeRow, carryOut: string, work: DeadlineWorkingSet): void {
  const mustAbolish = mustBeAbolished(office.status, office.required_outcome);
  const done = office.status === 'abolished' || office.status === 'closed';
  const deadlineId = abolitionDeadlineId(office.office_id);
  const before = work.deadline(deadlineId);
  const status = mustAbolish ? 'pending' : done ? 'met' : 'cancelled';
  // Abolished with no deadline yet, though the plan said abolish (it was, before the campaign launched): the
  // deadline is there, and met.
  const metAtOnce = done && office.required_outcome === 'abolish';
  if (!before && !mustAbolish && !metAtOnce) return;
  if (before) {
    before.status = status;
    return;
  }
  work.putDeadline({
    deadline_id: deadlineId,
    kind: 'abolition',
    task_kind: null,
    subject_id: office.office_id,
    office_id: office.office_id,
    unit_id: office.sponsor_unit_id,
    title: office.name,
    tier: null,
    candidate_group: null,
    assignee: null,
    due_at: carryOut,
    status,
    last_step: null,
  });
}

import type { Action } from '@liaison/auth';
import type { OfficeCommand, Tier } from '@liaison/domain';
import type { TaskRow } from '@liaison/projections';
import { RequestValidationError } from '../common/errors';
import type { TaskDecisionDto } from './tasks.dto';
import type { DueIn } from './due-in';

// A task as the inbox shows it, and the command each action on it sends.

/** What a decision asks of the policy; the other task commands (claim, release, delegate) ask `task.claim`. */
export const POLICY_ACTION: Partial<Record<OfficeCommand['type'], Action>> = {
  DecideRetention: 'task.decide',
  RuleOnOffice: 'office.rule',
};

/** The command a decision on this task is: a tier decision on a retention task, the ruling on a ruling task. */
export function taskDecision(task: TaskRow, body: TaskDecisionDto, approver: string): OfficeCommand {
  const tier = task.tier as Tier;
  if (task.kind === 'ruling') {
    if (body.ruling === undefined || body.decision !== undefined) {
      throw new RequestValidationError([
        {
          field: body.ruling === undefined ? 'ruling' : 'decision',
          rule: 'ruling-task',
          message:
            'a ruling task (an office the plan does not cover, 三) is decided with ruling and reasoning, not decision',
        },
      ]);
    }
    return {
      type: 'RuleOnOffice',
      data: { tier, ruling: body.ruling, reasoning: body.reasoning!, approver },
    };
  }
  if (body.decision === undefined || body.ruling !== undefined) {
    throw new RequestValidationError([
      {
        field: body.decision === undefined ? 'decision' : 'ruling',
        rule: 'retention-task',
        message: 'a retention task is decided with decision (approve, reject, return), not ruling',
      },
    ]);
  }
  return {
    type: 'DecideRetention',
    data: {
      tier,
      decision: body.decision,
      approver,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
    },
  };
}

/** The task as the API answers it; a decided ruling task cites the ruling: what was ruled, why, which tier. */
export function taskView(task: TaskRow, due?: DueIn) {
  return {
    taskId: task.task_id,
    kind: task.kind,
    officeId: task.office_id,
    officeName: task.office_name,
    sponsorUnitId: task.sponsor_unit_id,
    ruleId: task.rule_id,
    tier: task.tier,
    jurisdictionId: task.jurisdiction_id,
    candidateGroup: task.candidate_group,
    assignee: task.assignee,
    status: task.status,
    outcome: task.outcome,
    ...(task.kind === 'ruling' && task.outcome !== null
      ? { ruling: { ruling: task.outcome, reasoning: task.reasoning, tier: task.tier } }
      : {}),
    createdAt: task.created_at,
    dueAt: task.due_at,
    ...(due ? { dueIn: due } : {}),
    closedAt: task.closed_at,
    officeVersion: task.office_version,
  };
}

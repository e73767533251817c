import {
  DISPOSITION_RULES,
  NOT_COVERED_RULE,
  type OfficeContext,
  type OfficeState,
  type OfficeStatus,
  type TaskRecord,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import { formatPosition } from '@liaison/event-store';
import { shownData } from './withheld';

/** What may be done next, by status, so a user (or a UI) need not know the state machine. */
const NEXT_ACTIONS: Record<OfficeStatus, (state: OfficeState) => string[]> = {
  unregistered: () => ['register'],
  'awaiting-ruling': () => ['rule (provincial tier)'],
  proposed: (state) =>
    state.status === 'proposed' && state.retentionStartTier ? ['request retention', 'abolish'] : ['abolish'],
  'retention-requested': (state) =>
    state.status === 'retention-requested'
      ? [`decide at the ${state.tier} tier (approve, reject, return)`]
      : [],
  'returned-for-revision': () => ['resubmit retention request', 'abolish'],
  retained: () => ['abolish'],
  rejected: () => ['abolish'],
  abolished: () => ['record asset disposal', 'record staff placement', 'close when everything is done'],
  closed: () => [],
};

/**
 * The office as a user reads it. Its disposition is what the plan requires now: the rule's, or once an office the
 * plan does not cover is ruled on, the ruled outcome with the ruling (what, why, which tier). `tasks`, when given
 * (the office's task ledger), adds the task now open on it, a ruling or a tier decision, with its due date.
 */
export function officeDetail(
  state: OfficeState,
  version: number,
  context: OfficeContext,
  tasks: readonly TaskRecord[] = [],
) {
  if (state.status === 'unregistered') throw new Error('unregistered office has no detail');
  const { office } = state;
  const rule = [...DISPOSITION_RULES, NOT_COVERED_RULE].find((r) => r.id === office.disposition.ruleId);
  const sponsor = context.jurisdictions.get(office.sponsorUnitId);
  const host = context.hostCities.get(office.hostCityId);
  const open = tasks.find((task) => task.open);
  const assignee =
    state.status === 'awaiting-ruling' || state.status === 'retention-requested' ? state.assignee : undefined;
  const assets = Object.values(office.assets);
  const staff = Object.values(office.staff);
  return {
    officeId: office.officeId,
    name: office.name,
    status: state.status,
    version,
    sponsor: { unitId: sponsor.id, name: sponsor.name, kind: office.sponsorKind },
    hostCity: { id: office.hostCityId, name: host?.name ?? office.hostCityId },
    pairedAssistance: office.pairedAssistance,
    disposition: { ...office.disposition, ruleText: rule?.text ?? '' },
    ...(state.status === 'proposed' && state.retentionStartTier
      ? { retentionStartTier: state.retentionStartTier }
      : {}),
    ...(state.status === 'retention-requested'
      ? { pendingTier: state.tier, retentionRequest: state.request }
      : {}),
    ...(state.status === 'returned-for-revision'
      ? { returned: { tier: state.returnedAt, comment: state.comment }, retentionRequest: state.request }
      : {}),
    ...(state.status === 'rejected' ? { rejected: { tier: state.rejectedAt, reason: state.reason } } : {}),
    ...(open
      ? {
          openTask: {
            taskId: open.taskId,
            kind: open.kind,
            tier: open.tier,
            dueAt: open.dueAt ?? null,
            assignee: assignee ?? null,
          },
        }
      : {}),
    assets,
    staff,
    progress: {
      assetsDisposed: assets.filter((asset) => asset.disposal).length,
      assetsTotal: assets.length,
      staffPlaced: staff.filter((member) => member.placement).length,
      staffTotal: staff.length,
    },
    nextActions: NEXT_ACTIONS[state.status](state),
  };
}

export function historyEntry(event: RecordedEvent) {
  const { metadata } = event;
  return {
    revision: Number(event.revision),
    version: Number(event.revision) + 1,
    position: formatPosition(event.position),
    eventId: event.id,
    type: event.type,
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    actor: metadata.actor,
    role: metadata.role,
    ...(metadata.tier !== undefined ? { tier: metadata.tier } : {}),
    ...(metadata.comment !== undefined ? { comment: metadata.comment } : {}),
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    data: shownData(event),
  };
}

export type OfficeDetail = ReturnType<typeof officeDetail>;
export type HistoryEntry = ReturnType<typeof historyEntry>;

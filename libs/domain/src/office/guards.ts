import { InvalidCommand, InvalidTransition } from '../errors';
import { OFFICE_STATUSES, type OfficeState, type OfficeStatus, type RegisteredStatus } from './state';

// Checks the office rules share: the status a command needs, and the reasons a decision must give.

const STATUS_LABEL: Record<OfficeStatus, string> = {
  unregistered: 'not registered',
  'awaiting-ruling': 'awaiting a ruling',
  proposed: 'proposed',
  'retention-requested': 'awaiting a retention decision',
  'returned-for-revision': 'returned for revision',
  retained: 'retained',
  rejected: 'rejected (must be abolished)',
  abolished: 'abolished (disposal under way)',
  closed: 'closed',
};

/** Every status but closed: a closed office accepts nothing. */
export const OPEN_STATUSES = OFFICE_STATUSES.filter((status) => status !== 'closed');

export function expectStatus<S extends RegisteredStatus>(
  state: OfficeState,
  allowed: readonly S[],
  action: string,
): Extract<OfficeState, { status: S }> {
  if (!(allowed as readonly OfficeStatus[]).includes(state.status)) {
    throw new InvalidTransition(
      `cannot ${action} an office that is ${STATUS_LABEL[state.status]}; allowed when ${allowed
        .map((status) => STATUS_LABEL[status])
        .join(' or ')}`,
      state.status,
    );
  }
  return state as Extract<OfficeState, { status: S }>;
}

export function required(value: string | undefined, field: string, what: string): string {
  if (!value?.trim()) throw new InvalidCommand(field, `${what} must give its reason in ${field}`);
  return value;
}

/** A key only when the value is given, so an event never carries an undefined-valued key. */
export function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

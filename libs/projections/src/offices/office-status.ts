import { rulingOutcome, type OfficeEvent } from '@liaison/domain';

/**
 * What an office event does to the office's status and to the outcome its rule (or a ruling) requires, as the
 * office list shows them. The deadline read model follows the same two to know whether an office must still be
 * abolished, so both read models agree by construction.
 */
export interface StandingChange {
  status?: string;
  requiredOutcome?: string;
}

const NO_CHANGE: StandingChange = {};

export function standingChange(event: OfficeEvent): StandingChange {
  switch (event.type) {
    case 'OfficeRegistered': {
      const { outcome } = event.data.disposition;
      return {
        status: outcome === 'ruling-required' ? 'awaiting-ruling' : 'proposed',
        requiredOutcome: outcome,
      };
    }
    case 'OfficeRuledOn':
      // The office's own state says the same (its disposition's outcome once ruled on).
      return { status: 'proposed', requiredOutcome: rulingOutcome(event.data.ruling) };
    case 'RetentionRequested':
    case 'RetentionResubmitted':
      return { status: 'retention-requested' };
    case 'RetentionApproved':
      return { status: 'retained' };
    case 'RetentionRejected':
      return { status: 'rejected' };
    case 'RetentionReturned':
      return { status: 'returned-for-revision' };
    case 'OfficeAbolished':
      return { status: 'abolished' };
    case 'OfficeClosed':
      return { status: 'closed' };
    case 'RetentionForwarded':
    case 'TaskClaimed':
    case 'TaskReleased':
    case 'TaskDelegated':
    case 'AssetRegistered':
    case 'StaffMemberRegistered':
    case 'AssetDisposed':
    case 'StaffPlaced':
    case 'DeadlineSet':
    case 'DeadlineMoved':
      return NO_CHANGE;
    default: {
      const unknown: never = event;
      throw new Error(`no office status rule for ${JSON.stringify(unknown)}`);
    }
  }
}

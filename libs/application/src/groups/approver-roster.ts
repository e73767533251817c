import {
  candidateGroup,
  groupOfApprover,
  type ApproverRoster,
  type JurisdictionCatalog,
  type Tier,
} from '@liaison/domain';
import { activeApprovers, type ReadStore } from '@liaison/projections';

/**
 * Who can act in each candidate group, from the accounts' read model: read again before every decision that
 * opens a task (the command handler waits for the read models to reach the log's head first, so an approver
 * enrolled a moment ago counts).
 */
export class ReadModelApproverRoster implements ApproverRoster {
  private staffed = new Set<string>();

  constructor(
    private readonly readStore: ReadStore,
    private readonly jurisdictions: JurisdictionCatalog,
  ) {}

  async refresh(): Promise<void> {
    const staffed = new Set<string>();
    for (const approver of await activeApprovers(this.readStore)) {
      if (!this.jurisdictions.isLive(approver.unitId)) continue;
      const group = groupOfApprover(this.jurisdictions, approver.unitId);
      if (group !== undefined) staffed.add(group);
    }
    this.staffed = staffed;
  }

  hasActiveApprover(tier: Tier, jurisdictionId: string): boolean {
    return this.staffed.has(candidateGroup(tier, jurisdictionId));
  }
}

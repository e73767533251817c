import { EventEmitter } from 'node:events';
import type { TaskRow } from './schema';

/**
 * What a committed batch did to one task: it `arrived` (opened), `changed` (claimed, released, delegated, its due
 * date moved) or `left` (decided or superseded). Carries who may see it (group, sponsor, jurisdiction), so a
 * subscriber filters without a query; the row itself stays in the read model.
 */
export interface TaskChange {
  change: 'arrived' | 'changed' | 'left';
  taskId: string;
  officeId: string;
  sponsorUnitId: string;
  tier: string;
  jurisdictionId: string;
  candidateGroup: string;
  assignee: string | null;
  status: string;
  outcome: string | null;
  officeVersion: number;
}

/** Where the task read model sends its committed changes. */
export interface TaskChangePublisher {
  publish(changes: readonly TaskChange[]): void;
}

/** Where the API listens for them; the returned function stops listening. */
export interface TaskChangeFeed {
  subscribe(listener: (change: TaskChange) => void): () => void;
}

/**
 * Publisher and feed in one process. The application puts `RedisTaskChanges` (libs/app) behind the token, which
 * fans changes out to every API instance and uses this one within each.
 */
export class InProcessTaskChanges implements TaskChangePublisher, TaskChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(changes: readonly TaskChange[]): void {
    for (const change of changes) this.emitter.emit('change', change);
  }

  subscribe(listener: (change: TaskChange) => void): () => void {
    // A listener that throws must not stop the others, nor the projector that published.
    const safe = (change: TaskChange) => {
      try {
        listener(change);
      } catch {
        /* the subscriber's own failure */
      }
    };
    this.emitter.on('change', safe);
    return () => this.emitter.off('change', safe);
  }

  get listeners(): number {
    return this.emitter.listenerCount('change');
  }
}

export function taskChangeOf(row: TaskRow, arrived: boolean): TaskChange {
  return {
    change: row.status !== 'open' ? 'left' : arrived ? 'arrived' : 'changed',
    taskId: row.task_id,
    officeId: row.office_id,
    sponsorUnitId: row.sponsor_unit_id,
    tier: row.tier,
    jurisdictionId: row.jurisdiction_id,
    candidateGroup: row.candidate_group,
    assignee: row.assignee,
    status: row.status,
    outcome: row.outcome,
    officeVersion: row.office_version,
  };
}

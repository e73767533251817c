import type { OfficeContext } from '@liaison/domain';
import { CampaignProjection } from './campaign/projection';
import { DeadlineProjection } from './deadlines/projection';
import { NoticeProjection } from './notices/projection';
import { OfficeListProjection } from './offices/projection';
import type { Projection } from './projection';
import { TaskInboxProjection } from './tasks/projection';
import type { TaskChangePublisher } from './tasks/task-changes';
import { UnitDirectoryFollower } from './unit-directory';
import { UserListProjection } from './users/projection';

/** What a live projector (not a rebuild) tells as it commits: the task read model's changes, for push. */
export interface LiveOptions {
  taskChanges?: TaskChangePublisher;
}

/**
 * Every read model, in the order a batch is applied. Each reads and writes only its own tables, so the order
 * decides nothing but which runs first. No configuration reaches them: due dates come from the log alone.
 */
export function readModelProjections(
  context: Pick<OfficeContext, 'jurisdictions'>,
  live: LiveOptions = {},
): Projection[] {
  return [
    new OfficeListProjection(context.jurisdictions),
    new TaskInboxProjection(context.jurisdictions, live.taskChanges),
    new CampaignProjection(),
    new DeadlineProjection(context.jurisdictions),
    new NoticeProjection(),
    new UserListProjection(context.jurisdictions),
  ];
}

/**
 * What a projector applies: first the unit directory's events to the process's jurisdiction tree, then every read
 * model, which finds each unit the log has added by the time it meets an event about it.
 */
export function projectorProjections(
  context: Pick<OfficeContext, 'jurisdictions'>,
  live: LiveOptions = {},
): Projection[] {
  return [new UnitDirectoryFollower(context.jurisdictions), ...readModelProjections(context, live)];
}

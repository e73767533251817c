import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '../read-store';
import type { TaskRow } from './schema';
import { findTask, queryInbox, type Inbox, type InboxQuery } from './queries';

/** An approver's inbox: the page of one view and the count of every view. */
export class GetInboxQuery extends Query<Inbox> {
  constructor(readonly inbox: InboxQuery) {
    super();
  }
}

/** One task as the read model has it; undefined when there is none. */
export class FindTaskQuery extends Query<TaskRow | undefined> {
  constructor(readonly taskId: string) {
    super();
  }
}

@QueryHandler(GetInboxQuery)
export class GetInboxHandler implements IQueryHandler<GetInboxQuery, Inbox> {
  constructor(private readonly readStore: ReadStore) {}

  execute({ inbox }: GetInboxQuery): Promise<Inbox> {
    return queryInbox(this.readStore, inbox);
  }
}

@QueryHandler(FindTaskQuery)
export class FindTaskHandler implements IQueryHandler<FindTaskQuery, TaskRow | undefined> {
  constructor(private readonly readStore: ReadStore) {}

  execute({ taskId }: FindTaskQuery): Promise<TaskRow | undefined> {
    return findTask(this.readStore, taskId);
  }
}

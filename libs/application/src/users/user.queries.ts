import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  accountDecider,
  UserNotFound,
  userStreamId,
  type OfficeContext,
  type RegisteredAccount,
  type UserAccount,
} from '@liaison/domain';
import { foldStream, type EventStore, type RecordedEvent } from '@liaison/event-store';
import {
  historyEntry,
  pageByPosition,
  type HistoryEntry,
  type PositionPage,
  type PositionPageResult,
} from '@liaison/projections';
import { EVENT_STORE, OFFICE_CONTEXT } from '../tokens';

export interface UserDetail extends UserAccount {
  status: RegisteredAccount['status'];
  passwordChangeRequired: boolean;
  /** Events in the account's stream: the ETag of the account. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Every change with time, actor and reason (password hashes withheld), paged as an office's history is. */
export type UserHistory = {
  username: string;
  /** The unit the account is bound to now. */
  unitId: string;
  version: number;
} & PositionPageResult<HistoryEntry>;

/** An account as it stands: folded from its stream, so current whatever the read models' lag. */
export class GetUserQuery extends Query<UserDetail> {
  constructor(readonly username: string) {
    super();
  }
}

/** Every event of an account, as the audit trail shows it. */
export class GetUserHistoryQuery extends Query<UserHistory> {
  constructor(
    readonly username: string,
    readonly page: PositionPage = {},
  ) {
    super();
  }
}

abstract class AccountStreamReader {
  private readonly decider: ReturnType<typeof accountDecider>;

  constructor(
    private readonly store: EventStore,
    context: OfficeContext,
  ) {
    this.decider = accountDecider(context.jurisdictions);
  }

  protected async read(username: string): Promise<{ state: RegisteredAccount; recorded: RecordedEvent[] }> {
    const recorded = await this.store.readStream(userStreamId(username));
    const state = foldStream(this.decider, recorded);
    if (state.status === 'unregistered') throw new UserNotFound(username);
    return { state, recorded };
  }
}

@QueryHandler(GetUserQuery)
export class GetUserHandler extends AccountStreamReader implements IQueryHandler<GetUserQuery, UserDetail> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(OFFICE_CONTEXT) context: OfficeContext) {
    super(store, context);
  }

  async execute({ username }: GetUserQuery): Promise<UserDetail> {
    const { state, recorded } = await this.read(username);
    return {
      ...state.account,
      status: state.status,
      passwordChangeRequired: state.passwordMustChange,
      version: recorded.length,
      createdAt: recorded[0]!.metadata.occurredAt,
      updatedAt: recorded[recorded.length - 1]!.metadata.occurredAt,
    };
  }
}

@QueryHandler(GetUserHistoryQuery)
export class GetUserHistoryHandler
  extends AccountStreamReader
  implements IQueryHandler<GetUserHistoryQuery, UserHistory>
{
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(OFFICE_CONTEXT) context: OfficeContext) {
    super(store, context);
  }

  async execute({ username, page }: GetUserHistoryQuery): Promise<UserHistory> {
    const { state, recorded } = await this.read(username);
    return {
      username,
      unitId: state.account.unitId,
      version: recorded.length,
      ...pageByPosition(recorded.map(historyEntry), page),
    };
  }
}

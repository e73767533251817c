import type { Provider } from '@nestjs/common';
import type { OfficeContext } from '@liaison/domain';
import {
  AnchorLogHandler,
  CurrentTaskHandler,
  ExecuteCommandHandler,
  GetCampaignHandler,
  GetOfficeHandler,
  GetOfficeHistoryHandler,
  GetUnitFilingsHandler,
  GetUnitHandler,
  ListUnitsHandler,
  GetUserHandler,
  GetUserHistoryHandler,
  OFFICE_CONTEXT,
  ProjectionLagHandler,
  READ_STORE,
  StoresHealthHandler,
} from '@liaison/application';
import {
  CirculationHandler,
  RegulationLapsesHandler,
  FindTaskHandler,
  ListGroupsHandler,
  GetInboxHandler,
  ListOfficesHandler,
  ListUsersHandler,
  MyNoticesHandler,
  TaskHoldingsHandler,
  ReaderNoticeHandler,
  type ReadStore,
} from '@liaison/projections';

/** The CommandBus's handlers: the one that writes every stream, and the anchoring that sends it an anchor. */
export function commandHandlers(): Provider[] {
  return [ExecuteCommandHandler, AnchorLogHandler];
}

/**
 * The QueryBus's handlers: those that fold a stream (libs/application) and those beside their read models
 * (libs/projections, which know no DI tokens: they are given the read store here).
 */
export function queryHandlers(): Provider[] {
  return [
    GetOfficeHandler,
    GetOfficeHistoryHandler,
    CurrentTaskHandler,
    GetCampaignHandler,
    GetUnitFilingsHandler,
    GetUnitHandler,
    ListUnitsHandler,
    StoresHealthHandler,
    GetUserHandler,
    GetUserHistoryHandler,
    ProjectionLagHandler,
    onReadStore(ListOfficesHandler),
    onReadStore(ListUsersHandler),
    onReadStore(GetInboxHandler),
    onReadStore(FindTaskHandler),
    onReadStore(MyNoticesHandler),
    onReadStore(ReaderNoticeHandler),
    {
      provide: ListGroupsHandler,
      inject: [READ_STORE, OFFICE_CONTEXT],
      useFactory: (readStore: ReadStore, context: OfficeContext) =>
        new ListGroupsHandler(readStore, context.jurisdictions),
    },
    {
      provide: TaskHoldingsHandler,
      inject: [READ_STORE, OFFICE_CONTEXT],
      useFactory: (readStore: ReadStore, context: OfficeContext) =>
        new TaskHoldingsHandler(readStore, context.jurisdictions),
    },
    {
      provide: CirculationHandler,
      inject: [READ_STORE, OFFICE_CONTEXT],
      useFactory: (readStore: ReadStore, context: OfficeContext) =>
        new CirculationHandler(readStore, context.jurisdictions),
    },
    {
      provide: RegulationLapsesHandler,
      inject: [READ_STORE, OFFICE_CONTEXT],
      useFactory: (readStore: ReadStore, context: OfficeContext) =>
        new RegulationLapsesHandler(readStore, context.jurisdictions),
    },
  ];
}

function onReadStore<T>(handler: new (readStore: ReadStore) => T): Provider {
  return {
    provide: handler,
    inject: [READ_STORE],
    useFactory: (readStore: ReadStore) => new handler(readStore),
  };
}

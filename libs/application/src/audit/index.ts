import { OfficeAsOfHandler, OfficeTimelineHandler, UnitTimelineHandler } from './office-audit.queries';
import {
  CampaignAsOfHandler,
  EventsHandler,
  ExportEventsHandler,
  VerifyLogHandler,
} from './log-audit.queries';

export * from './office-audit.queries';
export * from './log-audit.queries';

/** The audit read side's query handlers, for a module's providers. */
export const AUDIT_QUERY_HANDLERS = [
  OfficeTimelineHandler,
  OfficeAsOfHandler,
  UnitTimelineHandler,
  CampaignAsOfHandler,
  EventsHandler,
  ExportEventsHandler,
  VerifyLogHandler,
];

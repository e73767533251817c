import { DEFAULT_TIER_SLA, OFFICIAL_CALENDAR } from './calendar';
import { JurisdictionCatalog } from './jurisdiction';
import { HOST_CITIES, NANYANG_UNITS } from './nanyang';
import type { OfficeContext, TaskDeadlinePolicy } from './office';

/** The jurisdiction tree and host cities the service runs with, and the task SLA that dates new tasks. */
export function officeContext(
  taskDeadlines: TaskDeadlinePolicy = { sla: DEFAULT_TIER_SLA, calendar: OFFICIAL_CALENDAR },
): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
    taskDeadlines,
  };
}

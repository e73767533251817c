import { DEFAULT_TIER_SLA, OFFICIAL_CALENDAR, type Duration } from './calendar';
import { DEFAULT_REGULATION_SLA } from './regulation/deadlines';
import type { RegulationDuty } from './regulation/events';
import { JurisdictionCatalog } from './jurisdiction';
import { HOST_CITIES } from './host-cities';
import { HENAN_UNITS } from './province';
import type { OfficeContext, TaskDeadlinePolicy } from './office';

/**
 * The jurisdiction tree and host cities the service runs with, and the task SLA that dates new tasks. The tree is
 * the whole province's static data; a process then brings it up to date with the unit directory's events.
 */
export function officeContext(
  taskDeadlines: TaskDeadlinePolicy = { sla: DEFAULT_TIER_SLA, calendar: OFFICIAL_CALENDAR },
  regulationSla: Record<RegulationDuty, Duration> = DEFAULT_REGULATION_SLA,
): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(HENAN_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
    taskDeadlines,
    regulationSla,
  };
}

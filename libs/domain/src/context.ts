import { JurisdictionCatalog } from './jurisdiction';
import { HOST_CITIES, NANYANG_UNITS } from './nanyang';
import type { OfficeContext } from './office';

/** The jurisdiction tree and host cities the service runs with. */
export function officeContext(): OfficeContext {
  return {
    jurisdictions: new JurisdictionCatalog(NANYANG_UNITS),
    hostCities: new Map(HOST_CITIES.map((city) => [city.id, city])),
  };
}

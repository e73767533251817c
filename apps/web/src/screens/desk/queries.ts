import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

/** What the desk reads from the API, each under its own cache key so a change refreshes exactly what it touches. */

export type OfficeListItem = Schemas['OfficeListItemDto'];
export type OfficeDetail = Schemas['OfficeDetailDto'];
export type RulePreview = Schemas['RulePreviewDto'];
export type Notice = Schemas['NoticeDto'];

export const DESK_KEYS = {
  offices: ['desk', 'offices'] as const,
  office: (officeId: string) => ['desk', 'office', officeId] as const,
  filings: (unitId: string) => ['desk', 'filings', unitId] as const,
  notices: ['desk', 'notices'] as const,
};

export function useOffices() {
  return useQuery({
    queryKey: DESK_KEYS.offices,
    queryFn: async () => unwrap(await api.GET('/offices', { params: { query: { pageSize: 500 } } })),
  });
}

export function useOffice(officeId: string) {
  return useQuery({
    queryKey: DESK_KEYS.office(officeId),
    queryFn: async () => unwrap(await api.GET('/offices/{officeId}', { params: { path: { officeId } } })),
    // A 404 (no such office, or one outside the unit) is an answer, not a glitch to retry.
    retry: false,
  });
}

/** Reference data changes rarely: read once per visit. */
export function useJurisdictions() {
  return useQuery({
    queryKey: ['reference', 'jurisdictions'],
    queryFn: async () => unwrap(await api.GET('/jurisdictions')),
    staleTime: Infinity,
  });
}

export function useHostCities() {
  return useQuery({
    queryKey: ['reference', 'host-cities'],
    queryFn: async () => unwrap(await api.GET('/host-cities')),
    staleTime: Infinity,
  });
}

/** The rule registration would apply, asked as soon as the sponsor and host city are chosen. */
export function useRulePreview(sponsorUnitId?: string, hostCityId?: string, pairedAssistance = false) {
  return useQuery({
    queryKey: ['desk', 'rule-preview', sponsorUnitId, hostCityId, pairedAssistance],
    enabled: Boolean(sponsorUnitId && hostCityId),
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.GET('/rules/preview', {
          params: { query: { sponsorUnitId: sponsorUnitId!, hostCityId: hostCityId!, pairedAssistance } },
        }),
      ),
  });
}

/** The campaign's deadlines, or null when none has been launched (the API answers 404). */
export function useCampaign() {
  return useQuery({
    queryKey: ['desk', 'campaign'],
    retry: false,
    queryFn: async () => {
      const result = await api.GET('/campaign');
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}

export function useFilings(unitId: string) {
  return useQuery({
    queryKey: DESK_KEYS.filings(unitId),
    queryFn: async () => unwrap(await api.GET('/units/{unitId}/filings', { params: { path: { unitId } } })),
  });
}

export function useNotices() {
  return useQuery({
    queryKey: DESK_KEYS.notices,
    queryFn: async () => unwrap(await api.GET('/notices', { params: { query: { pageSize: 50 } } })),
  });
}

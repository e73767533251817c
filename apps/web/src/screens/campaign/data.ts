import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type CampaignAsOf = Schemas['CampaignAsOfDto'];
export type Campaign = Schemas['CampaignDto'];
export type Unit = Schemas['UnitDto'];

/** The statuses an office goes through, in the order the charts list them. */
export const STATUSES = [
  'awaiting-ruling',
  'proposed',
  'retention-requested',
  'returned-for-revision',
  'retained',
  'rejected',
  'abolished',
  'closed',
] as const;

/** The campaign as of an instant (null: now), folded from the log; the previous answer stays while the next loads. */
export function useCampaignAsOf(at: string | null) {
  return useQuery({
    queryKey: ['campaign', 'as-of', at],
    queryFn: async () =>
      unwrap(await api.GET('/campaign/as-of', { params: { query: { at: at ?? new Date().toISOString() } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign() {
  return useQuery({
    queryKey: ['campaign'],
    queryFn: async () => unwrap(await api.GET('/campaign')),
  });
}

/** Every unit, retired ones too (past offices name them), by id: the names the charts and lists show. */
export function useUnitNames() {
  return useQuery({
    queryKey: ['units', 'all'],
    queryFn: async () => unwrap(await api.GET('/units', { params: { query: { status: 'all' } } })),
    staleTime: 60_000,
    select: (units) => new Map(units.map((unit) => [unit.id, unit.name])),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type CityReport = Schemas['CityReportDto'];
export type WhatIfReport = Schemas['WhatIfReportDto'];
export type WhatIfRequest = Schemas['WhatIfDto'];

/** The city's report as of an instant (null: now); the previous answer stays while the next loads. */
export function useCityReport(cityId: string | null, at: string | null) {
  return useQuery({
    queryKey: ['report', cityId, at],
    enabled: cityId !== null,
    // JSON by default: the same route answers a workbook or a PDF only when the Accept header asks for one.
    queryFn: async () =>
      unwrap(
        await api.GET('/reports/city/{cityId}', {
          params: { path: { cityId: cityId! }, query: at ? { at } : {} },
        }),
      ) as CityReport,
    placeholderData: keepPreviousData,
  });
}

/** Every city of a province, as the provincial Bureau receives their reports. */
export function useProvinceReports(provinceId: string | null) {
  return useQuery({
    queryKey: ['report', 'province', provinceId],
    enabled: provinceId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET('/reports/province/{provinceId}', { params: { path: { provinceId: provinceId! } } }),
      ),
  });
}

/** The Bureau's inspection, the government's review, the submission: each refreshes the report. */
export function useReportActions(cityId: string) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ['report'] });
  const path = { params: { path: { cityId } } };
  return {
    inspect: useMutation({
      mutationFn: async (body: { unitId: string; verdict: 'accepted' | 'returned'; comment?: string }) =>
        unwrap(await api.POST('/reports/city/{cityId}/inspections', { ...path, body })),
      onSuccess: done,
    }),
    review: useMutation({
      mutationFn: async (body: { decision: 'approved' | 'returned'; comment?: string }) =>
        unwrap(await api.POST('/reports/city/{cityId}/review', { ...path, body })),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: async () => unwrap(await api.POST('/reports/city/{cityId}/submission', path)),
      onSuccess: done,
    }),
  };
}

export function useWhatIf() {
  return useMutation({
    mutationFn: async (body: WhatIfRequest) => unwrap(await api.POST('/what-if', { body })),
  });
}

/** A download of the report as of the instant: the session cookie goes with the link. */
export function exportHref(
  cityId: string,
  file: 'report.xlsx' | 'report.pdf' | 'circulation.pdf',
  at: string | null,
) {
  const query = at ? `?at=${encodeURIComponent(at)}` : '';
  return `/reports/city/${encodeURIComponent(cityId)}/${file}${query}`;
}

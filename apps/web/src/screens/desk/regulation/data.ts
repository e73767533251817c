import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api, unwrap, type Schemas } from '../../../api/client';
import { useI18n } from '../../../i18n';

/** A retained office's regulation (四, 五, 六): its dated duties, lapses and records, as the API answers them. */
export type Regulation = Schemas['RegulatedOfficeDto'];
export type Obligation = Schemas['RegulationObligationDto'];

/** The records as kept (the API documents them as plain objects): the fields the panel shows. */
export interface Records {
  functions: { function: string; activity: string; evidence: string; occurredOn: string }[];
  decoupling: { entities: string[]; evidence: string; decoupledOn: string } | null;
  receptions: {
    receptionId: string;
    receivedOn: string;
    guestUnit: string;
    letterReference: string;
    list: string;
    cost: number;
  }[];
  disclosures: { year: number; budget: number; spending: number; venues: string; publication: string }[];
  rotations: { cadre: string; direction: 'in' | 'out'; rotatedOn: string; evidence: string }[];
  appraisals: { year: number; grade: string; summary: string; hostDepartment: string; hostOpinion: string }[];
  supervisions: {
    kind: string;
    conductedBy: string;
    conductedOn: string;
    findings: string;
    evidence: string;
  }[];
  complaints: {
    complaintId: string;
    channel: string;
    summary: string;
    receivedAt: string;
    resolution: { investigation: string; result: string; publication: string } | null;
  }[];
}

export const records = (regulation: Regulation) => regulation.records as unknown as Records;

export const REGULATION_KEY = (officeId: string) => ['desk', 'regulation', officeId] as const;

export function useRegulation(officeId: string) {
  return useQuery({
    queryKey: REGULATION_KEY(officeId),
    retry: false,
    queryFn: async () =>
      unwrap(await api.GET('/regulation/offices/{officeId}', { params: { path: { officeId } } })),
  });
}

/** What a clerk records about a retained office, one route each. */
export type RegulationRecord =
  | { kind: 'function'; body: Schemas['FunctionRecordDto'] }
  | { kind: 'decoupling'; body: Schemas['DecouplingRecordDto'] }
  | { kind: 'reception'; body: Schemas['ReceptionRecordDto'] }
  | { kind: 'disclosure'; body: Schemas['DisclosureRecordDto'] }
  | { kind: 'rotation'; body: Schemas['RotationRecordDto'] }
  | { kind: 'appraisal'; body: Schemas['AppraisalRecordDto'] }
  | { kind: 'supervision'; body: Schemas['SupervisionRecordDto'] }
  | { kind: 'complaint'; body: Schemas['ComplaintRecordDto'] }
  | { kind: 'complaint-result'; complaintId: string; body: Schemas['ComplaintResultDto'] };

async function send(officeId: string, record: RegulationRecord) {
  const params = { path: { officeId } };
  switch (record.kind) {
    case 'function':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/functions', { params, body: record.body }),
      );
    case 'decoupling':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/decoupling', { params, body: record.body }),
      );
    case 'reception':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/receptions', { params, body: record.body }),
      );
    case 'disclosure':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/disclosures', { params, body: record.body }),
      );
    case 'rotation':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/rotations', { params, body: record.body }),
      );
    case 'appraisal':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/appraisals', { params, body: record.body }),
      );
    case 'supervision':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/supervisions', { params, body: record.body }),
      );
    case 'complaint':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/complaints', { params, body: record.body }),
      );
    case 'complaint-result':
      return unwrap(
        await api.POST('/regulation/offices/{officeId}/complaints/{complaintId}/result', {
          params: { path: { officeId, complaintId: record.complaintId } },
          body: record.body,
        }),
      );
  }
}

/** Sends one record, then reads the office's regulation again (a record may meet a duty and set the next). */
export function useRegulationRecord(officeId: string, onDone?: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (record: RegulationRecord) => send(officeId, record),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: REGULATION_KEY(officeId) });
      void message.success(t('desk.saved'));
      onDone?.();
    },
  });
}

/** Today in Beijing, as the API's calendar days are written (YYYY-MM-DD). */
export function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

export function thisYear(): number {
  return Number(today().slice(0, 4));
}

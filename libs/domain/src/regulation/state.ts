import type {
  AppraisalRecorded,
  CadreRotated,
  ComplaintReceived,
  ComplaintResolved,
  DecouplingRecorded,
  DisclosurePublished,
  FunctionServed,
  ReceptionRecorded,
  RegulationDeadlineSet,
  RegulationEvent,
  RegulationOpened,
  SupervisionRecorded,
} from './events';

export interface RegulationState {
  office?: RegulationOpened['data'];
  /** Every deadline recorded, by id, with whether it is met and when. */
  deadlines: Readonly<Record<string, RegulationDeadlineSet['data'] & { metAt?: string }>>;
  functions: readonly FunctionServed['data'][];
  decoupling?: DecouplingRecorded['data'];
  receptions: Readonly<Record<string, ReceptionRecorded['data']>>;
  disclosures: Readonly<Record<number, DisclosurePublished['data']>>;
  rotations: readonly CadreRotated['data'][];
  appraisals: Readonly<Record<number, AppraisalRecorded['data']>>;
  supervisions: readonly SupervisionRecorded['data'][];
  complaints: Readonly<
    Record<string, ComplaintReceived['data'] & { resolution?: ComplaintResolved['data'] }>
  >;
}

export const initialState = (): RegulationState => ({
  deadlines: {},
  functions: [],
  receptions: {},
  disclosures: {},
  rotations: [],
  appraisals: {},
  supervisions: [],
  complaints: {},
});

/** The deadline an event meets, if any. */
export function deadlineMetBy(event: RegulationEvent): { deadlineId: string; at: string } | undefined {
  const { officeId } = event.data;
  switch (event.type) {
    case 'DecouplingRecorded':
      return { deadlineId: `regulation-decoupling.${officeId}`, at: event.data.recordedAt };
    case 'DisclosurePublished':
      return {
        deadlineId: `regulation-disclosure.${officeId}.${event.data.year}`,
        at: event.data.publishedAt,
      };
    case 'AppraisalRecorded':
      return { deadlineId: `regulation-appraisal.${officeId}.${event.data.year}`, at: event.data.recordedAt };
    case 'ComplaintResolved':
      return {
        deadlineId: `regulation-complaint.${officeId}.${event.data.complaintId}`,
        at: event.data.resolvedAt,
      };
    default:
      return undefined;
  }
}

function meet(state: RegulationState, event: RegulationEvent): RegulationState {
  const met = deadlineMetBy(event);
  const deadline = met && state.deadlines[met.deadlineId];
  if (!met || !deadline || deadline.metAt) return state;
  return { ...state, deadlines: { ...state.deadlines, [met.deadlineId]: { ...deadline, metAt: met.at } } };
}

function record(state: RegulationState, event: RegulationEvent): RegulationState {
  switch (event.type) {
    case 'RegulationOpened':
      return { ...state, office: event.data };
    case 'RegulationDeadlineSet':
      return { ...state, deadlines: { ...state.deadlines, [event.data.deadlineId]: event.data } };
    case 'FunctionServed':
      return { ...state, functions: [...state.functions, event.data] };
    case 'DecouplingRecorded':
      return { ...state, decoupling: event.data };
    case 'ReceptionRecorded':
      return { ...state, receptions: { ...state.receptions, [event.data.receptionId]: event.data } };
    case 'DisclosurePublished':
      return { ...state, disclosures: { ...state.disclosures, [event.data.year]: event.data } };
    case 'CadreRotated':
      return { ...state, rotations: [...state.rotations, event.data] };
    case 'AppraisalRecorded':
      return { ...state, appraisals: { ...state.appraisals, [event.data.year]: event.data } };
    case 'SupervisionRecorded':
      return { ...state, supervisions: [...state.supervisions, event.data] };
    case 'ComplaintReceived':
      return { ...state, complaints: { ...state.complaints, [event.data.complaintId]: event.data } };
    case 'ComplaintResolved': {
      const complaint = state.complaints[event.data.complaintId];
      if (!complaint) return state;
      const complaints = {
        ...state.complaints,
        [event.data.complaintId]: { ...complaint, resolution: event.data },
      };
      return { ...state, complaints };
    }
    default: {
      const _: never = event;
      throw new Error(`unknown regulation event ${JSON.stringify(_)}`);
    }
  }
}

export function evolve(state: RegulationState, event: RegulationEvent): RegulationState {
  return meet(record(state, event), event);
}

/** Whether a deadline of the stream is met (or was never recorded here: nothing to remind of). */
export function regulationDeadlineMet(state: RegulationState, deadlineId: string): boolean {
  const deadline = state.deadlines[deadlineId];
  return deadline === undefined || deadline.metAt !== undefined;
}

/** The deadlines an event of the stream records or meets. */
export function regulationDeadlinesTouched(event: RegulationEvent): string[] {
  if (event.type === 'RegulationDeadlineSet') return [event.data.deadlineId];
  const met = deadlineMetBy(event);
  return met ? [met.deadlineId] : [];
}

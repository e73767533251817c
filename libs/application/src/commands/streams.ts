import {
  accountDecider,
  ANCHOR_STREAM,
  anchorDecider,
  CAMPAIGN_STREAM,
  campaignDecider,
  deadlineDecider,
  deadlineStreamId,
  noticeReadsDecider,
  noticeReadsStreamId,
  officeDecider,
  OfficeNotFound,
  officeStreamId,
  reportDecider,
  reportStreamId,
  regulationDecider,
  regulationStreamId,
  DEFAULT_REGULATION_SLA,
  type RegulationCommand,
  type RegulationEvent,
  type RegulationState,
  UNIT_DIRECTORY_STREAM,
  unitDecider,
  unitDirectoryDecider,
  unitStreamId,
  UserNotFound,
  userStreamId,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type AnchorCommand,
  type AnchorEvent,
  type AnchorState,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type DeadlineCommand,
  type DeadlineEvent,
  type DeadlineState,
  type Decider,
  type NoticeReadsCommand,
  type NoticeReadsEvent,
  type NoticeReadsState,
  type OfficeCommand,
  type OfficeContext,
  type OfficeEvent,
  type OfficeStream,
  type ReportCommand,
  type ReportEvent,
  type ReportState,
  type UnitCommand,
  type UnitDirectoryCommand,
  type UnitDirectoryEvent,
  type UnitDirectoryState,
  type UnitEvent,
  type UnitState,
} from '@liaison/domain';

/** Stream types whose rules read the jurisdiction tree: the handler brings the tree up to date before deciding. */
const READS_JURISDICTIONS: ReadonlySet<StreamType> = new Set([
  'campaign',
  'unit',
  'unit-directory',
  'account',
  'report',
]);

/**
 * The office commands whose rules read the tree: registration (the sponsor must be a live unit) and those that open
 * a task in a tier's group. Abolition, disposals, placements, closure and claims decide on the office's own stream,
 * so they do not pay for a read of the unit directory.
 */
const OFFICE_COMMANDS_READING_TREE = new Set([
  'RegisterOffice',
  'RequestRetention',
  'ResubmitRetention',
  'DecideRetention',
]);

export function readsJurisdictions(streamType: StreamType, commandType: string): boolean {
  return streamType === 'office'
    ? OFFICE_COMMANDS_READING_TREE.has(commandType)
    : READS_JURISDICTIONS.has(streamType);
}

/** Every stream type the service writes: its commands, events and state, as its decider defines them. */
export interface StreamTypes {
  office: { command: OfficeCommand; event: OfficeEvent; state: OfficeStream };
  campaign: { command: CampaignCommand; event: CampaignEvent; state: CampaignState };
  unit: { command: UnitCommand; event: UnitEvent; state: UnitState };
  'unit-directory': { command: UnitDirectoryCommand; event: UnitDirectoryEvent; state: UnitDirectoryState };
  deadline: { command: DeadlineCommand; event: DeadlineEvent; state: DeadlineState };
  'notice-reads': { command: NoticeReadsCommand; event: NoticeReadsEvent; state: NoticeReadsState };
  account: { command: AccountCommand; event: AccountEvent; state: AccountState };
  anchor: { command: AnchorCommand; event: AnchorEvent; state: AnchorState };
  report: { command: ReportCommand; event: ReportEvent; state: ReportState };
  regulation: { command: RegulationCommand; event: RegulationEvent; state: RegulationState };
}

export type StreamType = keyof StreamTypes;
export type CommandOf<T extends StreamType> = StreamTypes[T]['command'];
export type EventOf<T extends StreamType> = StreamTypes[T]['event'];
export type StateOf<T extends StreamType> = StreamTypes[T]['state'];

/** How the handler finds a stream type's stream and rules. */
export interface StreamEntry<C, E, S> {
  /** The stream of the thing named by `key` (an office id, a unit id…; ignored by single-stream types). */
  streamId(key: string): string;
  decider: Decider<C, E, S>;
  /** Which commands need the stream to exist (all but the one that starts it), and the refusal when it does not. */
  mustExist?: { command: (command: C) => boolean; notFound: (key: string) => Error };
  /** What identifies a command for an Idempotency-Key where its data is made afresh on every attempt. */
  fingerprint?: (command: C) => unknown;
}

export type StreamRegistry = {
  [T in StreamType]: StreamEntry<CommandOf<T>, EventOf<T>, StateOf<T>>;
};

/** The domain's deciders, given the jurisdiction tree and host cities the service runs with. */
export function streamRegistry(context: OfficeContext): StreamRegistry {
  return {
    office: {
      streamId: officeStreamId,
      decider: officeDecider(context),
      mustExist: {
        command: (command) => command.type !== 'RegisterOffice',
        notFound: (officeId) => new OfficeNotFound(officeId),
      },
    },
    campaign: { streamId: () => CAMPAIGN_STREAM, decider: campaignDecider(context.jurisdictions) },
    unit: { streamId: unitStreamId, decider: unitDecider(context.jurisdictions) },
    'unit-directory': {
      streamId: () => UNIT_DIRECTORY_STREAM,
      decider: unitDirectoryDecider(context.jurisdictions.base),
    },
    deadline: { streamId: deadlineStreamId, decider: deadlineDecider },
    'notice-reads': { streamId: noticeReadsStreamId, decider: noticeReadsDecider },
    account: {
      streamId: userStreamId,
      decider: accountDecider(context.jurisdictions),
      mustExist: {
        command: (command) => command.type !== 'RegisterUser' && command.type !== 'CreateUser',
        notFound: (username) => new UserNotFound(username),
      },
      // A password is kept under a fresh credential id on every attempt: a retry with the same key is the same command.
      fingerprint: (command) => {
        if (!('credentialId' in command.data)) return undefined;
        const { credentialId: _id, ...rest } = command.data;
        return rest;
      },
    },
    anchor: { streamId: () => ANCHOR_STREAM, decider: anchorDecider },
    // The report's steps are the city's: the municipal tier's time for a decision, on the same calendar.
    report: {
      streamId: reportStreamId,
      decider: reportDecider(context.jurisdictions, {
        allowed: context.taskDeadlines.sla.municipal,
        calendar: context.taskDeadlines.calendar,
      }),
    },
    // A retained office's duties (四, 五, 六), on the calendar tasks are dated by.
    regulation: {
      streamId: regulationStreamId,
      decider: regulationDecider({
        allowed: context.regulationSla ?? DEFAULT_REGULATION_SLA,
        calendar: context.taskDeadlines.calendar,
      }),
    },
  };
}

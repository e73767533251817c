import { randomUUID } from 'node:crypto';
import {
  accountDecider,
  CAMPAIGN_STREAM,
  campaignDecider,
  deadlineDecider,
  deadlineStreamId,
  nanyangCampaign,
  noticeReadsStreamId,
  unitDecider,
  unitStreamId,
  userStreamId,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type DeadlineEvent,
  type DeadlineState,
  type SendDeadlineNotice,
  type UnitCommand,
  type UnitEvent,
  type UnitState,
} from '@liaison/domain';
import { handleCommand, type EventStore, type Position } from '@liaison/event-store';
import { DECISIONS, OfficeScenario, REGISTRATIONS } from './office-scenario';

/**
 * A realistic log: the campaign launched, the nine offices' histories, filings, a moved deadline, notices, and
 * accounts enrolled and administered.
 */
export async function realisticLog(
  store: EventStore,
  scenario: OfficeScenario,
  after: (position: Position) => Promise<void> = async () => undefined,
): Promise<void> {
  const actor = { actor: 'bureau', role: 'admin', now: OfficeScenario.timeOf(0) };
  const campaign = (command: CampaignCommand) =>
    handleCommand<CampaignCommand, CampaignEvent, CampaignState>(
      store,
      CAMPAIGN_STREAM,
      campaignDecider(scenario.context.jurisdictions),
      command,
      actor,
    );
  const unit = (command: UnitCommand) =>
    handleCommand<UnitCommand, UnitEvent, UnitState>(
      store,
      unitStreamId(command.data.unitId),
      unitDecider(scenario.context.jurisdictions),
      command,
      actor,
    );
  const plan = (unitId: string) =>
    unit({
      type: 'FileWorkPlan',
      data: {
        unitId,
        leadDepartment: `${unitId}.office`,
        liaisonPerson: { name: 'Liu Yang', phone: '0377-1234567' },
        plan: 'close what the plan says, by the end of October',
      },
      metadata: { now: OfficeScenario.timeOf(5) },
    });
  const step = async (result: { position?: Position }) => {
    if (result.position) await after(result.position);
  };

  await step(await campaign({ type: 'LaunchCampaign', data: nanyangCampaign() }));
  for (const [username, role, unitId] of [
    ['xichuan-approver', 'approver', 'henan.nanyang.xichuan'],
    ['xixia-clerk', 'clerk', 'henan.nanyang.xixia'],
  ] as const) {
    const register: AccountCommand = {
      type: 'RegisterUser',
      data: { username, displayName: username, role, unitId, credentialId: 'not a real credential' },
    };
    await step(
      await handleCommand<AccountCommand, AccountEvent, AccountState>(
        store,
        userStreamId(username),
        accountDecider(scenario.context.jurisdictions),
        register,
        actor,
      ),
    );
  }
  for (const office of REGISTRATIONS) await step(await scenario.run(office));
  await step(await plan('henan.nanyang.xichuan'));
  for (const decision of DECISIONS.slice(0, 10)) await step(await scenario.run(decision));
  await step(
    await campaign({
      type: 'MovePhaseDeadline',
      data: { phase: 'carry-out', to: '2015-11-10T15:59:59.999Z', reason: 'extended by the leading group' },
    }),
  );
  const deadlineId = 'work-plan.henan.nanyang.xixia';
  const notice: SendDeadlineNotice = {
    type: 'SendDeadlineNotice',
    data: {
      deadline: {
        deadlineId,
        kind: 'work-plan',
        subjectId: 'henan.nanyang.xixia',
        unitId: 'henan.nanyang.xixia',
        title: 'Xixia County',
      },
      step: 'escalation',
      dueAt: nanyangCampaign().deadlines.plan,
      sentAt: OfficeScenario.timeOf(30),
      audiences: {
        reminder: ['clerks:henan.nanyang.xixia'],
        escalation: ['supervisors:henan.nanyang', 'clerks:henan.nanyang.xixia'],
        'leading-group': ['supervisors:henan'],
      },
    },
  };
  await step(
    await handleCommand<SendDeadlineNotice, DeadlineEvent, DeadlineState>(
      store,
      deadlineStreamId(deadlineId),
      deadlineDecider,
      notice,
      actor,
    ),
  );
  const read = await store.append(
    noticeReadsStreamId('xixia-clerk'),
    [
      {
        id: randomUUID(),
        type: 'NoticeRead',
        data: {
          username: 'xixia-clerk',
          noticeId: `${deadlineId}.reminder`,
          readAt: OfficeScenario.timeOf(31),
        },
        metadata: {
          actor: 'xixia-clerk',
          role: 'clerk',
          correlationId: 'c',
          causationId: 'c',
          occurredAt: OfficeScenario.timeOf(31),
        },
      },
    ],
    { expectedRevision: 'any' },
  );
  await step(read);
  await step(await plan('henan.nanyang.tanghe'));
  for (const command of ACCOUNT_COMMANDS) {
    await step(
      await handleCommand<AccountCommand, AccountEvent, AccountState>(
        store,
        userStreamId(command.data.username),
        accountDecider(scenario.context.jurisdictions),
        command,
        actor,
      ),
    );
  }
  for (const decision of DECISIONS.slice(10)) await step(await scenario.run(decision));
}

const CREDENTIAL = '00000000-0000-4000-8000-00000000c0de';
const reason = 'enrolled for the clean-up';

/** Accounts as administrators keep them: registered, created, moved, disabled, reset and changed. */
const ACCOUNT_COMMANDS: readonly AccountCommand[] = [
  {
    type: 'RegisterUser',
    data: {
      username: 'clerk.xichuan',
      displayName: '淅川县联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.xichuan',
      credentialId: CREDENTIAL,
    },
  },
  {
    type: 'CreateUser',
    data: {
      username: 'approver.tongbai',
      displayName: '桐柏县审批人',
      role: 'approver',
      unitId: 'henan.nanyang.tongbai',
      credentialId: CREDENTIAL,
      reason,
    },
  },
  {
    type: 'CreateUser',
    data: {
      username: 'clerk.neixiang',
      displayName: '内乡县联络员',
      role: 'clerk',
      unitId: 'henan.nanyang.neixiang',
      credentialId: CREDENTIAL,
      reason,
    },
  },
  { type: 'ChangePassword', data: { username: 'approver.tongbai', credentialId: CREDENTIAL } },
  {
    type: 'ChangeUserRole',
    data: { username: 'clerk.xichuan', role: 'supervisor', unitId: 'henan.nanyang.bureau', reason },
  },
  { type: 'DisableUser', data: { username: 'clerk.neixiang', reason: 'left the unit' } },
  {
    type: 'ResetPassword',
    data: { username: 'clerk.neixiang', credentialId: CREDENTIAL, reason: 'forgotten' },
  },
];

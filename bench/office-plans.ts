import { randomUUID } from 'node:crypto';
import {
  HOST_CITIES,
  NANYANG_UNITS,
  officeDecider,
  type Asset,
  type OfficeCommand,
  type OfficeContext,
  type OfficeState,
  type OfficeStream,
  type OfficeStatus,
  type StaffMember,
  type Tier,
} from '@liaison/domain';
import type { EventMetadata, EventToAppend } from '@liaison/event-store';
import { fingerprint } from '@liaison/event-store';

/** Every planned office takes this many steps (appends); a step that opens a task adds its due date. */
export const STEPS_PER_OFFICE = 8;

export const COUNTY_UNITS = NANYANG_UNITS.filter((unit) => unit.kind === 'county').map((unit) => unit.id);
export const COUNTY_DEPARTMENTS = NANYANG_UNITS.filter(
  (unit) => unit.kind === 'department' && unit.parentId !== 'henan.nanyang' && unit.parentId !== 'henan',
).map((unit) => unit.id);
const MUNICIPAL_DEPARTMENTS = ['henan.nanyang.commerce', 'henan.nanyang.drc', 'henan.nanyang.transport'];
export const OUT_OF_PROVINCE_HOSTS = HOST_CITIES.filter((city) => city.provinceId !== 'henan').map(
  (city) => city.id,
);
const STAFF_NAMES = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];

export interface Step {
  command: OfficeCommand;
  role: string;
  tier?: Tier;
  comment?: string;
  /** Who sent it, when not the office's own clerk (an approver's username, say). */
  actor?: string;
}

/** One command's events, and the stream revision of the first of them. */
export interface DecidedStep {
  revision: number;
  events: EventToAppend[];
}

export interface PlannedOffice {
  officeId: string;
  /** Every event, in stream order. */
  events: EventToAppend[];
  /** The events of each step, ready to append one step at a time. */
  steps: DecidedStep[];
  /** What the domain's own fold says the office ends as: the read model must agree. */
  finalStatus: OfficeStatus;
}

function asset(index: number, n: number, kind: Asset['kind']): Asset {
  return {
    assetId: `asset-${n}`,
    kind,
    description: kind === 'vehicle' ? '公务用车 豫R·' + String(10000 + (index % 90000)) : '办公用房 120 m²',
    bookValue: kind === 'vehicle' ? 80_000 + (index % 50) * 1_000 : 1_200_000 + (index % 1000) * 100,
  };
}

function staff(index: number, n: number): StaffMember {
  return { staffId: `staff-${n}`, name: STAFF_NAMES[(index + n) % STAFF_NAMES.length]! };
}

const RETENTION = {
  justification: '承担对口援助联络服务,与所属宾馆脱钩',
  functions: ['economic-cooperation', 'government-liaison'] as (
    'economic-cooperation' | 'government-liaison'
  )[],
  decoupledFromBusinessEntities: true,
};

/**
 * Four 8-command lifecycles, rotated by office index so the log mixes retention chains, returns, rejections, rulings,
 * abolitions, disposals and placements the way section 三 produces them.
 */
function steps(index: number, officeId: string): Step[] {
  const register = (
    sponsorUnitId: string,
    hostCityId: string,
    extra: { pairedAssistance?: boolean; staff?: StaffMember[] } = {},
  ) => {
    const host = HOST_CITIES.find((city) => city.id === hostCityId)!;
    const sponsor = NANYANG_UNITS.find((unit) => unit.id === sponsorUnitId)!;
    return {
      role: 'clerk',
      command: {
        type: 'RegisterOffice',
        data: {
          officeId,
          name: `${sponsor.name}驻${host.name}办事处(${index})`,
          sponsorUnitId,
          hostCityId,
          pairedAssistance: false,
          assets: [asset(index, 1, 'building')],
          staff: [staff(index, 1)],
          ...extra,
        },
      },
    } as Step;
  };
  const approve = (tier: Tier): Step => ({
    role: 'approver',
    tier,
    command: { type: 'DecideRetention', data: { tier, decision: 'approve' } },
  });
  const abolish: Step = {
    role: 'clerk',
    command: { type: 'AbolishOffice', data: { decisionReference: `宛政〔2015〕${(index % 500) + 1}号` } },
  };
  const dispose = (n: number, method: 'transfer' | 'public-auction' | 'write-off'): Step => ({
    role: 'clerk',
    command: {
      type: 'RecordAssetDisposal',
      data:
        method === 'write-off'
          ? { assetId: `asset-${n}`, method, value: 0, approvalReference: '宛国资〔2015〕7号' }
          : method === 'public-auction'
            ? {
                assetId: `asset-${n}`,
                method,
                recipient: '竞得人',
                recipientKind: 'private-party',
                value: 61_000,
                approvalReference: '宛国资〔2015〕8号',
              }
            : {
                assetId: `asset-${n}`,
                method,
                recipient: '郑州市机关事务管理局',
                recipientKind: 'government-body',
                value: 1_200_000,
                approvalReference: '宛国资〔2015〕9号',
              },
    },
  });
  const place = (n: number): Step => ({
    role: 'clerk',
    command: {
      type: 'RecordStaffPlacement',
      data: { staffId: `staff-${n}`, placement: 'returned-to-sponsor', destination: '派出单位机关' },
    },
  });
  const close: Step = { role: 'clerk', command: { type: 'CloseOffice', data: {} } };

  switch (index % 4) {
    case 0: {
      // 三(二)-exception: paired assistance outside the province, returned once at the municipal tier, then retained.
      const sponsor = COUNTY_UNITS[index % COUNTY_UNITS.length]!;
      const host = OUT_OF_PROVINCE_HOSTS[index % OUT_OF_PROVINCE_HOSTS.length]!;
      const comment = '请补充接待经费公开情况(五(三))';
      return [
        register(sponsor, host, { pairedAssistance: true }),
        { role: 'clerk', command: { type: 'RequestRetention', data: RETENTION } },
        approve('county'),
        {
          role: 'approver',
          tier: 'municipal',
          comment,
          command: { type: 'DecideRetention', data: { tier: 'municipal', decision: 'return', comment } },
        },
        { role: 'clerk', command: { type: 'ResubmitRetention', data: RETENTION } },
        approve('municipal'),
        approve('provincial'),
        { role: 'clerk', command: { type: 'RegisterStaffMember', data: { staffMember: staff(index, 2) } } },
      ];
    }
    case 1: {
      // 三(一)-a / 三(一)-b: abolished in Zhengzhou, an asset found later, everything disposed of and placed, closed.
      const sponsor =
        index % 8 === 1
          ? COUNTY_DEPARTMENTS[index % COUNTY_DEPARTMENTS.length]!
          : COUNTY_UNITS[index % COUNTY_UNITS.length]!;
      return [
        register(sponsor, 'zhengzhou', { staff: [staff(index, 1), staff(index, 2)] }),
        { role: 'clerk', command: { type: 'RegisterAsset', data: { asset: asset(index, 2, 'vehicle') } } },
        abolish,
        dispose(1, 'transfer'),
        dispose(2, 'public-auction'),
        place(1),
        place(2),
        close,
      ];
    }
    case 2: {
      // 三(一)-c: the city's own office asks to stay, the province refuses, it is abolished and closed.
      const reason = '不符合保留条件';
      return [
        register('henan.nanyang', 'zhengzhou'),
        { role: 'clerk', command: { type: 'RequestRetention', data: RETENTION } },
        approve('municipal'),
        {
          role: 'approver',
          tier: 'provincial',
          comment: reason,
          command: {
            type: 'DecideRetention',
            data: { tier: 'provincial', decision: 'reject', comment: reason },
          },
        },
        abolish,
        dispose(1, 'write-off'),
        place(1),
        close,
      ];
    }
    default: {
      // Not covered by the plan: a municipal department outside the province waits for a provincial ruling.
      const sponsor = MUNICIPAL_DEPARTMENTS[index % MUNICIPAL_DEPARTMENTS.length]!;
      const host = OUT_OF_PROVINCE_HOSTS[(index * 7) % OUT_OF_PROVINCE_HOSTS.length]!;
      const reasoning = '参照豫政办〔2015〕74号,市直部门驻外省办事机构一律撤销';
      return [
        register(sponsor, host),
        {
          role: 'supervisor',
          tier: 'provincial',
          comment: reasoning,
          command: { type: 'RuleOnOffice', data: { tier: 'provincial', ruling: 'abolish', reasoning } },
        },
        { role: 'clerk', command: { type: 'RegisterStaffMember', data: { staffMember: staff(index, 2) } } },
        abolish,
        dispose(1, 'transfer'),
        place(1),
        place(2),
        close,
      ];
    }
  }
}

/** How many events the first `offices` planned offices hold (the plans repeat every four offices). */
export function eventsOfOffices(offices: number, context: OfficeContext): number {
  const at = (step: number) => new Date(Date.UTC(2015, 8, 1) + step * 3_600_000).toISOString();
  const sizes = [0, 1, 2, 3].map((index) => planOffice(index, context, at).events.length);
  let events = Math.floor(offices / 4) * sizes.reduce((sum, size) => sum + size, 0);
  for (let index = 0; index < offices % 4; index++) events += sizes[index]!;
  return events;
}

/**
 * The events of one office, produced by the domain's own `decide` and `evolve` (so the projection sees exactly what
 * the service would have stored), with the metadata `handleCommand` writes.
 */
export function planOffice(
  index: number,
  context: OfficeContext,
  occurredAt: (step: number) => string,
): PlannedOffice {
  const officeId = randomUUID();
  const actor = `${NANYANG_UNITS[index % NANYANG_UNITS.length]!.name} 经办人`;
  const decided = decideSteps(steps(index, officeId), context, actor, occurredAt, `office ${index}`);
  if (decided.steps.length !== STEPS_PER_OFFICE)
    throw new Error(`office ${index}: ${decided.steps.length} steps`);
  return { officeId, events: decided.events, steps: decided.steps, finalStatus: decided.state.status };
}

/**
 * Runs each step's command through the domain's own `decide` and `evolve` (so a projection sees exactly what the
 * service would have stored) and gives every event the metadata `handleCommand` writes. A step yields one
 * event, or two when it opens a task (the task's due date follows it).
 */
export function decideSteps(
  steps: readonly Step[],
  context: OfficeContext,
  actor: string,
  occurredAt: (step: number) => string,
  label: string,
): { events: EventToAppend[]; steps: DecidedStep[]; state: OfficeState } {
  const office = officeDecider(context);
  let stream: OfficeStream = office.initialState();
  const events: EventToAppend[] = [];
  const decidedSteps: DecidedStep[] = [];
  steps.forEach((step, n) => {
    const decided = office.decide({ ...step.command, metadata: { now: occurredAt(n) } }, stream);
    if (decided.length === 0) throw new Error(`${label} step ${n}: decided nothing`);
    const correlationId = randomUUID();
    const metadata: EventMetadata = {
      actor: step.actor ?? actor,
      role: step.role,
      ...(step.tier !== undefined ? { tier: step.tier } : {}),
      ...(step.comment !== undefined ? { comment: step.comment } : {}),
      correlationId,
      causationId: correlationId,
      occurredAt: occurredAt(n),
      commandType: step.command.type,
      commandHash: fingerprint(step.command),
    };
    const appended = decided.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata,
    }));
    decidedSteps.push({ revision: events.length, events: appended });
    events.push(...appended);
    for (const event of decided) stream = office.evolve(stream, event);
  });
  return { events, steps: decidedSteps, state: stream.office };
}

import { randomUUID } from 'node:crypto';
import {
  NANYANG_UNITS,
  type OfficeContext,
  type OfficeStatus,
  type Tier,
  type TierSla,
  type WorkingCalendar,
} from '@liaison/domain';
import type { AppendResult, ChainedEventStore, SqliteEventStore } from '@liaison/event-store';
import { candidateGroup } from '@liaison/projections';
import { officeStreamId } from '@liaison/domain';
import {
  COUNTY_UNITS,
  decideSteps,
  OUT_OF_PROVINCE_HOSTS,
  type DecidedStep,
  type Step,
} from './office-plans';
import { fmtInt, log, now } from './support';

/**
 * The data set of the inbox benchmark: offices at every point of their lives, with the approvers' tasks they open
 * and close, as events made by the domain's own `decide` and `evolve`. Open tasks are recent (mostly days old,
 * a few weeks at most) and crowd some groups more than others: one county (淅川县) and the municipal tier hold
 * thousands. Some are claimed, delegated or released by the approvers the benchmark signs in as.
 */

export const CITY = 'henan.nanyang';
export const PROVINCE = 'henan';
export const HEAVY_COUNTY = 'henan.nanyang.xichuan';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * Every event happens 12 h (minus up to 4 h) off the run's time of day, on some earlier day. Due dates are whole
 * (working) days after an event, so none falls within 8 h of the run: which tasks are overdue cannot change while
 * the benchmark runs.
 */
const TIME_OF_DAY_OFFSET = 12 * HOUR;
const STEP_SPACING = 8 * 60_000;
const MAX_BASE_OFFSET = 100 * 60_000;
/** Age of an open task in days: exponential with this mean, capped. */
const OPEN_AGE_MEAN_DAYS = 6;
const OPEN_AGE_MAX_DAYS = 60;
/** Offices no longer waiting for anyone finished their last step within this many days. */
const CLOSED_SPAN_DAYS = 150;

/** Relative weight of each county-level unit among county tasks; 淅川县 carries 40%. */
const COUNTY_WEIGHTS: Record<string, number> = {
  xichuan: 40,
  wancheng: 6,
  wolong: 6,
  tanghe: 6,
  xixia: 5,
  zhenping: 5,
  neixiang: 4,
  fangcheng: 4,
  sheqi: 4,
  nanzhao: 4,
  xinye: 4,
  tongbai: 4,
  'demonstration-zone': 2,
  'high-tech-zone': 2,
  guanzhuang: 2,
  yahe: 2,
};

/** County departments that exist in the catalogue, by county. */
const DEPARTMENTS_OF = new Map<string, string[]>();
for (const unit of NANYANG_UNITS) {
  if (unit.kind === 'department' && unit.parentId && COUNTY_UNITS.includes(unit.parentId)) {
    DEPARTMENTS_OF.set(unit.parentId, [...(DEPARTMENTS_OF.get(unit.parentId) ?? []), unit.id]);
  }
}
const MUNICIPAL_DEPARTMENTS = NANYANG_UNITS.filter(
  (unit) => unit.kind === 'department' && unit.parentId === CITY && unit.id !== `${CITY}.bureau`,
).map((unit) => unit.id);

const OPEN_LIFECYCLES = [
  'open-county',
  'open-municipal-from-county',
  'open-municipal-city',
  'open-municipal-resubmitted',
  'open-provincial-from-county',
  'open-provincial-city',
] as const;
const CLOSED_LIFECYCLES = [
  'retained',
  'rejected',
  'returned',
  'abolished-closed',
  'abolished-in-progress',
  'proposed',
  'ruled-abolished',
] as const;
export type Lifecycle = (typeof OPEN_LIFECYCLES)[number] | (typeof CLOSED_LIFECYCLES)[number];

/** What happens to the open task after it arrives. */
type Handling =
  | { kind: 'none' }
  | { kind: 'claimed'; by: string }
  | { kind: 'delegated'; by: string; to: string }
  | { kind: 'released'; by: string };

interface OfficeSpec {
  lifecycle: Lifecycle;
  index: number;
  officeId: string;
  /** The county-level unit the office belongs to (its county tier), or the city for the city's own offices. */
  county: string;
  sponsorUnitId: string;
  hostCityId: string;
  variant: number;
  handling: Handling;
  /** occurredAt of every step, ms since the epoch, increasing. */
  times: number[];
}

/** A step, with what it does to the office's task: expectations derived from the plan, not from the events. */
interface PlanStep {
  step: Step;
  opens?: Tier;
  closes?: boolean;
  assignee?: string | null;
}

export interface GroupExpectation {
  open: number;
  overdue: number;
  claimed: number;
  byAssignee: Map<string, number>;
}

export interface InboxPlan {
  specs: OfficeSpec[];
  /** Commands in the plan; once written, the events in the log (a task a command opens adds its due date). */
  events: number;
  /** Task rows the projection must hold (open and closed). */
  tasks: number;
  openTasks: number;
  /** Open tasks by candidate group. */
  groups: Map<string, GroupExpectation>;
  lifecycles: Record<string, number>;
  /** Office statuses as the domain's fold ends them, filled in by `writeInboxLog`. */
  statuses: Map<OfficeStatus, number>;
  now: number;
}

/** mulberry32: a small seeded generator, so the same sizes give the same data set. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` in proportion to `weights` (largest remainder), so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

const slug = (county: string) => county.slice(county.lastIndexOf('.') + 1);
const approverOf = (tier: Tier, county: string) =>
  tier === 'county'
    ? `approver.${slug(county)}`
    : tier === 'municipal'
      ? 'approver.nanyang'
      : 'approver.henan';

export function groupOf(tier: Tier, county: string): string {
  return candidateGroup(tier, tier === 'county' ? county : tier === 'municipal' ? CITY : PROVINCE);
}

/**
 * Plans `offices` offices of which `openTasks` wait for a decision (half at county tier, 40% of those in 淅川县;
 * 30% at the municipal tier; 20% at the provincial). The rest are retained, rejected, returned, abolished (closed or
 * under way), not yet acted on, or ruled on by the province.
 */
export function planInboxData(options: {
  offices: number;
  openTasks: number;
  now: number;
  sla: TierSla;
  calendar: WorkingCalendar;
  seed?: number;
}): InboxPlan {
  const { offices, openTasks } = options;
  if (openTasks > offices) throw new Error('more open tasks than offices');
  const rnd = random(options.seed ?? 20151117);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  const counties = COUNTY_UNITS.filter((id) => (COUNTY_WEIGHTS[slug(id)] ?? 1) > 0);
  const weights = counties.map((id) => COUNTY_WEIGHTS[slug(id)] ?? 1);
  const byWeight = () => {
    let u = rnd() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < counties.length; i++) if ((u -= weights[i]!) < 0) return counties[i]!;
    return counties[counties.length - 1]!;
  };

  const [countyOpen, municipalOpen, provincialOpen] = apportion(openTasks, [50, 30, 20]) as [
    number,
    number,
    number,
  ];
  const [fromCounty, cityOwn, resubmitted] = apportion(municipalOpen, [50, 30, 20]) as [
    number,
    number,
    number,
  ];
  const [provincialFromCounty, provincialCity] = apportion(provincialOpen, [70, 30]) as [number, number];
  const closedCounts = apportion(offices - openTasks, [10, 8, 4, 55, 12, 7, 4]);
  const perCounty = apportion(countyOpen, weights);

  const wanted: [Lifecycle, number, (() => string) | undefined][] = [
    ['open-municipal-from-county', fromCounty, byWeight],
    ['open-municipal-city', cityOwn, undefined],
    ['open-municipal-resubmitted', resubmitted, byWeight],
    ['open-provincial-from-county', provincialFromCounty, byWeight],
    ['open-provincial-city', provincialCity, undefined],
    ...CLOSED_LIFECYCLES.map((lifecycle, i): [Lifecycle, number, () => string] => [
      lifecycle,
      closedCounts[i]!,
      byWeight,
    ]),
  ];
  const jobs: { lifecycle: Lifecycle; county: string }[] = [];
  counties.forEach((county, i) => {
    for (let n = 0; n < perCounty[i]!; n++) jobs.push({ lifecycle: 'open-county', county });
  });
  for (const [lifecycle, count, county] of wanted) {
    for (let n = 0; n < count; n++) jobs.push({ lifecycle, county: county ? county() : CITY });
  }
  // Shuffle, so that indexes (and names) do not group by lifecycle.
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
  }

  const plan: InboxPlan = {
    specs: [],
    events: 0,
    tasks: 0,
    openTasks: 0,
    groups: new Map(),
    lifecycles: {},
    statuses: new Map(),
    now: options.now,
  };
  const nowIso = new Date(options.now).toISOString();
  jobs.forEach(({ lifecycle, county }, index) => {
    const variant = Math.floor(rnd() * 1_000_000);
    const spec: OfficeSpec = {
      lifecycle,
      index,
      officeId: randomUUID(),
      county,
      ...sponsorAndHost(lifecycle, county, variant, pick),
      variant,
      handling: { kind: 'none' },
      times: [],
    };
    const open = (OPEN_LIFECYCLES as readonly string[]).includes(lifecycle);
    if (open) spec.handling = handlingOf(lifecycle, county, rnd);
    const steps = stepsOf(spec);
    spec.times = timesOf(steps, open, options.now, rnd);
    plan.specs.push(spec);
    plan.events += steps.length;
    plan.lifecycles[lifecycle] = (plan.lifecycles[lifecycle] ?? 0) + 1;

    // What the projection must make of it: every task opened, and the one left open with its assignee.
    let task: { tier: Tier; at: number; assignee: string | null } | undefined;
    steps.forEach((step, n) => {
      if (step.closes || step.opens) task = undefined;
      if (step.opens) {
        plan.tasks++;
        task = { tier: step.opens, at: spec.times[n]!, assignee: null };
      }
      if (step.assignee !== undefined && task) task.assignee = step.assignee;
    });
    if (open !== (task !== undefined)) throw new Error(`office ${index} (${lifecycle}): open task mismatch`);
    if (!task) return;
    plan.openTasks++;
    const group = groupOf(task.tier, county);
    const expectation = plan.groups.get(group) ?? { open: 0, overdue: 0, claimed: 0, byAssignee: new Map() };
    plan.groups.set(group, expectation);
    expectation.open++;
    const due = options.calendar.add(new Date(task.at), options.sla[task.tier]).toISOString();
    if (due < nowIso) expectation.overdue++;
    if (task.assignee !== null) {
      expectation.claimed++;
      expectation.byAssignee.set(task.assignee, (expectation.byAssignee.get(task.assignee) ?? 0) + 1);
    }
  });
  if (plan.openTasks !== openTasks) throw new Error(`planned ${plan.openTasks} open tasks, not ${openTasks}`);
  return plan;
}

function sponsorAndHost(
  lifecycle: Lifecycle,
  county: string,
  variant: number,
  pick: <T>(items: readonly T[]) => T,
): { sponsorUnitId: string; hostCityId: string } {
  const outside = pick(OUT_OF_PROVINCE_HOSTS);
  const departments = DEPARTMENTS_OF.get(county) ?? [];
  // A county's own office, or (one in five, where the county has one in the catalogue) one of its departments'.
  const countySponsor = departments.length > 0 && variant % 5 === 0 ? pick(departments) : county;
  switch (lifecycle) {
    case 'open-municipal-city':
    case 'open-provincial-city':
      return { sponsorUnitId: CITY, hostCityId: 'zhengzhou' };
    case 'abolished-closed':
    case 'abolished-in-progress':
    case 'proposed':
      // 三(一)-a, 三(一)-b and 三(二): abolition required.
      return variant % 3 === 0
        ? { sponsorUnitId: countySponsor, hostCityId: 'zhengzhou' }
        : variant % 3 === 1
          ? { sponsorUnitId: pick(MUNICIPAL_DEPARTMENTS), hostCityId: 'zhengzhou' }
          : { sponsorUnitId: countySponsor, hostCityId: outside };
    case 'ruled-abolished':
      return { sponsorUnitId: pick(MUNICIPAL_DEPARTMENTS), hostCityId: outside };
    case 'retained':
    case 'rejected':
    case 'returned':
      // Half of the retention requests that were decided came from the county tier, half from the city's own.
      return variant % 2 === 0
        ? { sponsorUnitId: countySponsor, hostCityId: outside }
        : { sponsorUnitId: CITY, hostCityId: 'zhengzhou' };
    default:
      // 三(二)-exception: paired assistance outside the province, decided from the county tier up.
      return { sponsorUnitId: countySponsor, hostCityId: outside };
  }
}

/** Who holds the open task: about one in eight is claimed; in 淅川县 by either of its two approvers. */
function handlingOf(lifecycle: Lifecycle, county: string, rnd: () => number): Handling {
  const tier: Tier =
    lifecycle === 'open-county'
      ? 'county'
      : lifecycle.startsWith('open-municipal')
        ? 'municipal'
        : 'provincial';
  const u = rnd();
  if (tier === 'county' && county === HEAVY_COUNTY) {
    if (u < 0.1) return { kind: 'claimed', by: 'approver.xichuan' };
    if (u < 0.18) return { kind: 'claimed', by: 'approver.xichuan.2' };
    if (u < 0.2) return { kind: 'delegated', by: 'approver.xichuan.2', to: 'approver.xichuan' };
    if (u < 0.22) return { kind: 'released', by: 'approver.xichuan' };
    return { kind: 'none' };
  }
  if (u < 0.12) return { kind: 'claimed', by: approverOf(tier, county) };
  if (tier === 'municipal' && u < 0.14) return { kind: 'released', by: 'approver.nanyang' };
  return { kind: 'none' };
}

const RETENTION = {
  justification: '承担对口援助联络服务,与所属宾馆脱钩',
  functions: ['economic-cooperation', 'government-liaison'] as (
    'economic-cooperation' | 'government-liaison'
  )[],
  decoupledFromBusinessEntities: true,
};

/** The commands of one office, in order, each marked with what it does to the office's task. */
function stepsOf(spec: OfficeSpec): PlanStep[] {
  const { officeId, index, county, variant } = spec;
  const city = spec.sponsorUnitId === CITY;
  const clerk = (command: Step['command']): PlanStep => ({ step: { role: 'clerk', command } });
  const register = (): PlanStep =>
    clerk({
      type: 'RegisterOffice',
      data: {
        officeId,
        name: `${spec.sponsorUnitId} 驻 ${spec.hostCityId} 办事处 ${index}`,
        sponsorUnitId: spec.sponsorUnitId,
        hostCityId: spec.hostCityId,
        pairedAssistance: spec.lifecycle.startsWith('open-') && !city ? true : !city && variant % 2 === 0,
        assets: [
          {
            assetId: 'asset-1',
            kind: 'building',
            description: '办公用房 120 m²',
            bookValue: 1_200_000 + (index % 1000) * 100,
          },
        ],
        staff: [{ staffId: 'staff-1', name: '王建国' }],
      },
    });
  const decision = (tier: Tier, kind: 'approve' | 'reject' | 'return'): PlanStep => {
    const approver = approverOf(tier, county);
    const comment =
      kind === 'reject' ? '不符合保留条件' : kind === 'return' ? '请补充接待经费公开情况(五(三))' : undefined;
    return {
      step: {
        role: 'approver',
        tier,
        actor: approver,
        ...(comment !== undefined ? { comment } : {}),
        command: {
          type: 'DecideRetention',
          data: { tier, decision: kind, approver, ...(comment !== undefined ? { comment } : {}) },
        },
      },
      closes: true,
      ...(kind === 'approve' && tier !== 'provincial'
        ? { opens: tier === 'county' ? 'municipal' : 'provincial' }
        : {}),
    };
  };
  const request = (): PlanStep => ({
    ...clerk({ type: 'RequestRetention', data: RETENTION }),
    opens: city ? 'municipal' : 'county',
  });
  const resubmit = (tier: Tier): PlanStep => ({
    ...clerk({ type: 'ResubmitRetention', data: RETENTION }),
    opens: tier,
  });
  const approvedUpTo = (tier: Tier): PlanStep[] => {
    // Forwarded from the start tier up to (not including) `tier`.
    const tiers: Tier[] = city ? ['municipal', 'provincial'] : ['county', 'municipal', 'provincial'];
    return tiers.slice(0, tiers.indexOf(tier)).map((t) => decision(t, 'approve'));
  };
  const abolishedAndClosed = (): PlanStep[] => [
    clerk({ type: 'AbolishOffice', data: { decisionReference: `宛政〔2015〕${(index % 500) + 1}号` } }),
    clerk({
      type: 'RecordAssetDisposal',
      data: {
        assetId: 'asset-1',
        method: 'transfer',
        recipient: '南阳市机关事务管理局',
        recipientKind: 'government-body',
        value: 1_200_000,
        approvalReference: '宛国资〔2015〕9号',
      },
    }),
    clerk({
      type: 'RecordStaffPlacement',
      data: { staffId: 'staff-1', placement: 'returned-to-sponsor', destination: '派出单位机关' },
    }),
    clerk({ type: 'CloseOffice', data: {} }),
  ];
  const handled = (tier: Tier): PlanStep[] => {
    const h = spec.handling;
    const approver = (actor: string, command: Step['command'], assignee: string | null): PlanStep => ({
      step: { role: 'approver', tier, actor, command },
      assignee,
    });
    switch (h.kind) {
      case 'none':
        return [];
      case 'claimed':
        return [approver(h.by, { type: 'ClaimTask', data: { tier, approver: h.by } }, h.by)];
      case 'delegated':
        return [
          approver(h.by, { type: 'ClaimTask', data: { tier, approver: h.by } }, h.by),
          approver(h.by, { type: 'DelegateTask', data: { tier, from: h.by, to: h.to } }, h.to),
        ];
      case 'released':
        return [
          approver(h.by, { type: 'ClaimTask', data: { tier, approver: h.by } }, h.by),
          approver(h.by, { type: 'ReleaseTask', data: { tier, approver: h.by } }, null),
        ];
    }
  };

  switch (spec.lifecycle) {
    case 'open-county':
      return [register(), request(), ...handled('county')];
    case 'open-municipal-from-county':
    case 'open-municipal-city':
      return [register(), request(), ...approvedUpTo('municipal'), ...handled('municipal')];
    case 'open-municipal-resubmitted':
      return [
        register(),
        request(),
        ...approvedUpTo('municipal'),
        decision('municipal', 'return'),
        resubmit('municipal'),
        ...handled('municipal'),
      ];
    case 'open-provincial-from-county':
    case 'open-provincial-city':
      return [register(), request(), ...approvedUpTo('provincial'), ...handled('provincial')];
    case 'retained':
      return [
        register(),
        request(),
        ...approvedUpTo('provincial'),
        decision('provincial', 'approve'),
        clerk({ type: 'RegisterStaffMember', data: { staffMember: { staffId: 'staff-2', name: '李秀英' } } }),
      ];
    case 'rejected': {
      const tiers: Tier[] = city ? ['municipal', 'provincial'] : ['county', 'municipal', 'provincial'];
      const at = tiers[variant % tiers.length]!;
      return [register(), request(), ...approvedUpTo(at), decision(at, 'reject'), ...abolishedAndClosed()];
    }
    case 'returned': {
      const at: Tier = city || variant % 4 < 2 ? 'municipal' : 'county';
      return [register(), request(), ...approvedUpTo(at), decision(at, 'return')];
    }
    case 'abolished-closed':
      return [register(), ...abolishedAndClosed()];
    case 'abolished-in-progress':
      return [register(), ...abolishedAndClosed().slice(0, 1 + (variant % 3))];
    case 'proposed':
      return [register()];
    case 'ruled-abolished': {
      const reasoning = '参照豫政办〔2015〕74号,市直部门驻外省办事机构一律撤销';
      return [
        // Not covered by the plan: the registration opens the provincial ruling task, the ruling closes it.
        { ...register(), opens: 'provincial' },
        {
          closes: true,
          step: {
            role: 'supervisor',
            tier: 'provincial',
            actor: 'supervisor.henan',
            comment: reasoning,
            command: { type: 'RuleOnOffice', data: { tier: 'provincial', ruling: 'abolish', reasoning } },
          },
        },
        ...abolishedAndClosed(),
      ];
    }
  }
}

/**
 * When each step happened. An open task arrived days ago (exponentially distributed, mean six days); what led to
 * it came before, one to four days apart, and a claim came the same day or a day or two later. Offices that wait
 * for no one finished within the last five months.
 */
function timesOf(steps: PlanStep[], open: boolean, nowMs: number, rnd: () => number): number[] {
  const days = new Array<number>(steps.length);
  if (open) {
    let opening = -1;
    steps.forEach((step, n) => {
      if (step.opens) opening = n;
    });
    const age = Math.min(OPEN_AGE_MAX_DAYS, Math.floor(-Math.log(1 - rnd()) * OPEN_AGE_MEAN_DAYS));
    days[opening] = age;
    for (let n = opening - 1; n >= 0; n--) days[n] = days[n + 1]! + Math.floor(rnd() * 5);
    for (let n = opening + 1; n < steps.length; n++)
      days[n] = Math.max(0, days[n - 1]! - Math.floor(rnd() * 3));
  } else {
    days[steps.length - 1] = Math.floor(rnd() * CLOSED_SPAN_DAYS);
    for (let n = steps.length - 2; n >= 0; n--) days[n] = days[n + 1]! + Math.floor(rnd() * 7);
  }
  const base = Math.floor(rnd() * MAX_BASE_OFFSET);
  return days.map((d, n) => nowMs - d * DAY - TIME_OF_DAY_OFFSET + base + n * STEP_SPACING);
}

/**
 * Appends the plan's events in the order they happened, a few thousand at a time so group commit batches them.
 * An office's events are made when its first one is due and dropped after its last, so memory stays small.
 */
export async function writeInboxLog(
  store: ChainedEventStore<SqliteEventStore>,
  plan: InboxPlan,
  context: OfficeContext,
): Promise<{ elapsedMs: number; commits: number }> {
  const total = plan.events;
  let written = 0;
  const time = new Float64Array(total);
  const office = new Uint32Array(total);
  const stepOf = new Uint8Array(total);
  let k = 0;
  plan.specs.forEach((spec, i) => {
    spec.times.forEach((t, n) => {
      time[k] = t;
      office[k] = i;
      stepOf[k++] = n;
    });
  });
  const order = Uint32Array.from({ length: total }, (_v, i) => i).sort((a, b) => time[a]! - time[b]!);
  const live = new Map<number, DecidedStep[]>();
  const commitsBefore = store.storage.commits;
  const started = now();
  let lastReport = started;
  const CHUNK = 5000;
  for (let from = 0; from < total; from += CHUNK) {
    const chains = new Map<number, Promise<AppendResult>>();
    for (let j = from; j < Math.min(total, from + CHUNK); j++) {
      const e = order[j]!;
      const i = office[e]!;
      const step = stepOf[e]!;
      const spec = plan.specs[i]!;
      let steps = live.get(i);
      if (!steps) {
        if (step !== 0) throw new Error(`office ${i}: step ${step} due before its first`);
        const decided = decideSteps(
          stepsOf(spec).map((s) => s.step),
          context,
          `${spec.sponsorUnitId} 经办人`,
          (n) => new Date(spec.times[n]!).toISOString(),
          `office ${i} (${spec.lifecycle})`,
        );
        steps = decided.steps;
        plan.statuses.set(decided.state.status, (plan.statuses.get(decided.state.status) ?? 0) + 1);
        live.set(i, steps);
      }
      const { revision, events } = steps[step]!;
      written += events.length;
      const append = () =>
        store.append(officeStreamId(spec.officeId), events, {
          expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
        });
      const previous = chains.get(i);
      chains.set(i, previous ? previous.then(append) : append());
      if (step === steps.length - 1) live.delete(i);
    }
    await Promise.all(chains.values());
    if (now() - lastReport > 10_000) {
      lastReport = now();
      log(`    … ${fmtInt(Math.min(total, from + CHUNK))} of ${fmtInt(total)} commands`);
    }
  }
  if (live.size > 0) throw new Error(`${live.size} offices did not get all their events`);
  // A step that opens a task wrote its due date too: the log holds more events than the plan has steps.
  plan.events = written;
  return { elapsedMs: now() - started, commits: store.storage.commits - commitsBefore };
}

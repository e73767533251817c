import { nanyangContext } from '@liaison/domain/testing/office-fixtures';
import {
  officeAbolished,
  officeRuledOn,
  pairedAssistanceOffice,
  retentionForwarded,
  retentionRequested,
  uncoveredOffice,
} from '@liaison/domain/testing/office-history';
import { diffStates, officeAsOf, officeAsOfView, officeTimeline, registeredSponsor } from './office-timeline';
import { RecordedLog } from './testing/recorded-log';

const XICHUAN = 'henan.nanyang.xichuan';

function officeLog(): RecordedLog {
  const log = new RecordedLog();
  log.office(
    'o-1',
    pairedAssistanceOffice({ officeId: 'o-1', name: '淅川县驻北京办事处' }),
    '2015-06-01T00:00:00.000Z',
  );
  log.office('o-1', retentionRequested('county'), '2015-06-02T00:00:00.000Z');
  log.office(
    'o-1',
    retentionForwarded('county', 'municipal', '符合对口援助条件'),
    '2015-06-03T00:00:00.000Z',
    {
      actor: 'approver.xichuan',
      role: 'approver',
      tier: 'county',
      comment: '符合对口援助条件',
    },
  );
  return log;
}

describe("an office's timeline", () => {
  it('gives each event with who, in which role and tier, why, the status after it and what it changed', () => {
    const [registered, requested, forwarded, ...rest] = officeTimeline(officeLog().events);
    expect(rest).toEqual([]);
    expect(registered).toMatchObject({
      revision: 0,
      version: 1,
      position: '1/1',
      eventId: 'event-1',
      type: 'OfficeRegistered',
      occurredAt: '2015-06-01T00:00:00.000Z',
      recordedAt: '2015-06-01T00:00:00.000Z',
      actor: 'clerk.xichuan',
      role: 'clerk',
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      status: 'proposed',
    });
    expect(registered).not.toHaveProperty('tier');
    expect(registered!.changes).toContainEqual({ path: 'status', from: 'unregistered', to: 'proposed' });
    expect(registered!.changes).toContainEqual({ path: 'office.sponsorUnitId', from: null, to: XICHUAN });
    expect(requested!.status).toBe('retention-requested');
    expect(requested!.changes).toContainEqual({
      path: 'status',
      from: 'proposed',
      to: 'retention-requested',
    });
    expect(requested!.changes).toContainEqual({ path: 'tier', from: null, to: 'county' });
    expect(forwarded).toMatchObject({
      type: 'RetentionForwarded',
      version: 3,
      actor: 'approver.xichuan',
      role: 'approver',
      tier: 'county',
      comment: '符合对口援助条件',
      status: 'retention-requested',
    });
    expect(forwarded!.changes).toEqual([{ path: 'tier', from: 'county', to: 'municipal' }]);
  });

  it('diffs states leaf by leaf, in path order, naming what appeared or went as null', () => {
    expect(
      diffStates(
        { a: { b: 1, c: [1, 2] }, gone: 'x', empty: {} },
        { a: { b: 2, c: [1] }, empty: [], d: true },
      ),
    ).toEqual([
      { path: 'a.b', from: 1, to: 2 },
      { path: 'a.c.1', from: 2, to: null },
      { path: 'd', from: null, to: true },
      { path: 'empty', from: {}, to: [] },
      { path: 'gone', from: 'x', to: null },
    ]);
    expect(diffStates({ same: [1] }, { same: [1] })).toEqual([]);
  });

  it('names the sponsor the office was registered for, or none for a stream without a registration', () => {
    expect(registeredSponsor(officeLog().events)).toBe(XICHUAN);
    expect(registeredSponsor([])).toBeUndefined();
    const log = new RecordedLog();
    log.office('o-2', officeAbolished(), '2015-06-01T00:00:00.000Z');
    expect(registeredSponsor(log.events)).toBeUndefined();
  });
});

describe('an office as of an instant', () => {
  it('folds the events that had happened by then, inclusive', () => {
    const { events } = officeLog();
    const between = officeAsOf(events, Date.parse('2015-06-02T12:00:00.000Z'));
    expect(between.state.status).toBe('retention-requested');
    expect(between.version).toBe(2);
    expect(between.lastEvent?.type).toBe('RetentionRequested');
    expect(officeAsOf(events, Date.parse('2015-06-03T00:00:00.000Z')).version).toBe(3);
    const before = officeAsOf(events, Date.parse('2015-05-31T00:00:00.000Z'));
    expect(before).toEqual({
      state: { status: 'unregistered' },
      tasks: [],
      version: 0,
      lastEvent: undefined,
    });
  });

  it("answers with the office's detail then, and the event it stood at", () => {
    const at = '2015-06-02T12:00:00.000Z';
    const view = officeAsOfView('o-1', officeLog().events, at, nanyangContext());
    expect(view).toMatchObject({
      at,
      registered: true,
      asOfEvent: { type: 'RetentionRequested', occurredAt: '2015-06-02T00:00:00.000Z' },
      officeId: 'o-1',
      name: '淅川县驻北京办事处',
      status: 'retention-requested',
      version: 2,
      sponsor: { unitId: XICHUAN, name: '淅川县', kind: 'county-government' },
      pendingTier: 'county',
    });
  });

  it('says the office was not registered yet, before its first event', () => {
    const at = '2015-05-01T00:00:00.000Z';
    expect(officeAsOfView('o-1', officeLog().events, at, nanyangContext())).toEqual({
      officeId: 'o-1',
      at,
      registered: false,
      version: 0,
    });
  });
});

describe('an office the plan does not cover, ruled on', () => {
  function ruledLog(): RecordedLog {
    const log = new RecordedLog();
    log.office('office-1', uncoveredOffice(), '2015-07-01T00:00:00.000Z');
    log.taskDue('office-1', 'provincial', '2015-07-22T00:00:00.000Z', '2015-07-01T00:00:00.000Z');
    log.office(
      'office-1',
      officeRuledOn('abolish', undefined, '参照三(一)-b撤销'),
      '2015-07-10T00:00:00.000Z',
      {
        actor: 'approver.henan',
        role: 'approver',
        tier: 'provincial',
        comment: '参照三(一)-b撤销',
      },
    );
    return log;
  }

  it('awaiting the ruling, its detail names the open ruling task and when it is due', () => {
    const view = officeAsOfView('office-1', ruledLog().events, '2015-07-02T00:00:00.000Z', nanyangContext());
    expect(view).toMatchObject({
      status: 'awaiting-ruling',
      disposition: { ruleId: 'not-covered', outcome: 'ruling-required' },
      openTask: {
        taskId: 'office-1/0',
        kind: 'ruling',
        tier: 'provincial',
        dueAt: '2015-07-22T00:00:00.000Z',
        assignee: null,
      },
      nextActions: ['rule (provincial tier)'],
    });
    expect(view).not.toHaveProperty('disposition.ruling');
  });

  it('after the ruling, the detail gives the ruled outcome citing the ruling, and the timeline shows the change', () => {
    const { events } = ruledLog();
    const view = officeAsOfView('office-1', events, '2015-07-11T00:00:00.000Z', nanyangContext());
    expect(view).toMatchObject({
      status: 'proposed',
      disposition: {
        ruleId: 'not-covered',
        outcome: 'abolish',
        ruling: { ruling: 'abolish', reasoning: '参照三(一)-b撤销', tier: 'provincial' },
      },
      nextActions: ['abolish'],
    });
    expect(view).not.toHaveProperty('openTask');
    const ruled = officeTimeline(events).at(-1)!;
    expect(ruled).toMatchObject({ type: 'OfficeRuledOn', actor: 'approver.henan', tier: 'provincial' });
    expect(ruled.changes).toEqual(
      expect.arrayContaining([
        { path: 'status', from: 'awaiting-ruling', to: 'proposed' },
        { path: 'office.disposition.outcome', from: 'ruling-required', to: 'abolish' },
        { path: 'office.disposition.ruling.reasoning', from: null, to: '参照三(一)-b撤销' },
        { path: 'office.disposition.ruling.tier', from: null, to: 'provincial' },
      ]),
    );
  });
});

import { DEFAULT_TIER_SLA, OFFICIAL_CALENDAR, WorkingCalendar, type TierSla } from '../calendar';
import { InvalidCommand, InvalidTransition } from '../errors';
import { givenWhenThen } from '../testing/given-when-then';
import {
  DECIDED_AT,
  OFFICE_ID,
  decideAt,
  nanyangContext,
  requestRetention,
} from '../testing/office-fixtures';
import {
  pairedAssistanceOffice,
  retentionForwarded,
  retentionRequested,
  retentionReturned,
} from '../testing/office-history';
import type { OfficeCommand } from './commands';
import { officeDecider } from './decide';
import type { DeadlineMoved, DeadlineSet } from './deadlines';
import type { OfficeEvent } from './events';

function deciderWith(sla: Partial<TierSla> = {}, calendar: WorkingCalendar = OFFICIAL_CALENDAR) {
  return officeDecider({
    ...nanyangContext(),
    taskDeadlines: { sla: { ...DEFAULT_TIER_SLA, ...sla }, calendar },
  });
}

const { given } = givenWhenThen(deciderWith());

function taskDeadline(
  revision: number,
  tier: 'county' | 'municipal' | 'provincial',
  dueAt: string,
): DeadlineSet {
  return {
    type: 'DeadlineSet',
    data: {
      officeId: OFFICE_ID,
      deadlineId: `task.${OFFICE_ID}.${revision}`,
      kind: 'task',
      taskId: `${OFFICE_ID}/${revision}`,
      tier,
      dueAt,
      basis: {
        rule: 'task-sla',
        tier,
        allowed: DEFAULT_TIER_SLA[tier],
        from: DECIDED_AT,
        calendar: 'official 2004-2026',
      },
    },
  };
}

const applySla = (reason = 'TASK_SLA changed to county=10'): OfficeCommand => ({
  type: 'ApplyTaskSla',
  data: { reason },
  metadata: { now: '2026-12-01T01:00:00.000Z' },
});

describe('a task’s due date is decided once, recorded with its basis (七, 八: deadlines hastened)', () => {
  it('a request records the county tier’s due date: 5 working days from Monday 09:00 is the next Monday 09:00', () => {
    given(pairedAssistanceOffice())
      .when(requestRetention())
      .then(retentionRequested('county'), taskDeadline(1, 'county', '2026-12-07T01:00:00.000Z'));
  });

  it('working days skip the National Day holidays and count the adjusted Saturday (调休)', () => {
    const events = deciderWith().decide(
      { ...requestRetention(), metadata: { now: '2026-09-30T01:00:00.000Z' } },
      given(pairedAssistanceOffice()).state,
    );
    // Oct 1–7 holidays; Oct 8, 9, 10 (an adjusted working Saturday), 12 and 13 are the five working days.
    expect((events[1] as DeadlineSet).data.dueAt).toBe('2026-10-13T01:00:00.000Z');
  });

  it('a fixed SLA counts clock time, and the calendar that counted working days is named', () => {
    const events = deciderWith({ county: { ms: 180_000 } }).decide(
      requestRetention(),
      given(pairedAssistanceOffice()).state,
    );
    expect(events[1]).toMatchObject({
      type: 'DeadlineSet',
      data: { dueAt: '2026-11-30T01:03:00.000Z', basis: { allowed: { ms: 180_000 }, from: DECIDED_AT } },
    });
    const withOverride = new WorkingCalendar({ '2026-12-01': 'holiday' });
    const counted = deciderWith({}, withOverride).decide(
      requestRetention(),
      given(pairedAssistanceOffice()).state,
    );
    expect(counted[1]).toMatchObject({
      data: {
        dueAt: '2026-12-08T01:00:00.000Z',
        basis: { calendar: 'official 2004-2026; 2026-12-01=holiday' },
      },
    });
  });

  it('every tier a request climbs to opens a task with its own due date', () => {
    given(
      pairedAssistanceOffice(),
      retentionRequested('county'),
      taskDeadline(1, 'county', '2026-12-07T01:00:00.000Z'),
    )
      .when(decideAt('county', 'approve'))
      .then(
        retentionForwarded('county', 'municipal'),
        taskDeadline(3, 'municipal', '2026-12-14T01:00:00.000Z'),
      );
  });

  it('claims, releases and delegations leave the due date alone', () => {
    given(
      pairedAssistanceOffice(),
      retentionRequested('county'),
      taskDeadline(1, 'county', '2026-12-07T01:00:00.000Z'),
    )
      .when({
        type: 'DelegateTask',
        data: { tier: 'county', from: 'a', to: 'b' },
        metadata: { now: DECIDED_AT },
      })
      .then({ type: 'TaskDelegated', data: { officeId: OFFICE_ID, tier: 'county', to: 'b' } });
  });
});

describe('a changed TASK_SLA moves an open task’s due date only by command, on record', () => {
  const open: OfficeEvent[] = [
    pairedAssistanceOffice(),
    retentionRequested('county'),
    taskDeadline(1, 'county', '2026-12-07T01:00:00.000Z'),
  ];

  it('re-dates from when the task arrived, with the reason and the new basis', () => {
    const moved: DeadlineMoved = {
      type: 'DeadlineMoved',
      data: {
        officeId: OFFICE_ID,
        deadlineId: `task.${OFFICE_ID}.1`,
        kind: 'task',
        taskId: `${OFFICE_ID}/1`,
        tier: 'county',
        from: '2026-12-07T01:00:00.000Z',
        to: '2026-12-14T01:00:00.000Z',
        reason: 'TASK_SLA changed to county=10',
        basis: {
          rule: 'task-sla',
          tier: 'county',
          allowed: { workingDays: 10 },
          from: DECIDED_AT,
          calendar: 'official 2004-2026',
        },
      },
    };
    const longer = givenWhenThen(deciderWith({ county: { workingDays: 10 } }));
    const { state } = longer
      .given(...open)
      .when(applySla())
      .then(moved);
    expect(state.tasks).toEqual([expect.objectContaining({ open: true, dueAt: '2026-12-14T01:00:00.000Z' })]);
  });

  it('records nothing when the SLA gives the same date', () => {
    given(...open)
      .when(applySla())
      .then();
  });

  it('needs a reason, and an open task with a recorded due date', () => {
    given(...open)
      .when(applySla('  '))
      .thenThrows(InvalidCommand, { field: 'reason' });
    given(...open, retentionReturned('county'))
      .when(applySla())
      .thenThrows(InvalidTransition, {
        message: 'no open task',
        status: 'returned-for-revision',
      });
    given(pairedAssistanceOffice(), retentionRequested('county'))
      .when(applySla())
      .thenThrows(InvalidTransition, {
        message: 'npm run migrate',
      });
  });
});

describe('a log written before due dates were recorded gets them once', () => {
  const older: OfficeEvent[] = [
    pairedAssistanceOffice(),
    retentionRequested('county'),
    retentionForwarded('county', 'municipal'),
  ];
  const record = (tasks: { taskId: string; arrivedAt: string }[]): OfficeCommand => ({
    type: 'RecordTaskDeadlines',
    data: { tasks },
    metadata: { now: '2026-12-01T01:00:00.000Z' },
  });
  const arrivals = [
    { taskId: `${OFFICE_ID}/1`, arrivedAt: '2026-11-23T01:00:00.000Z' },
    { taskId: `${OFFICE_ID}/2`, arrivedAt: DECIDED_AT },
  ];

  it('dates the decided task and the open one by the rule, marked as migrated', () => {
    const { events, state } = given(...older)
      .when(record(arrivals))
      .then(
        expect.objectContaining({
          type: 'DeadlineSet',
          data: expect.objectContaining({
            taskId: `${OFFICE_ID}/1`,
            tier: 'county',
            dueAt: '2026-11-30T01:00:00.000Z',
            basis: expect.objectContaining({ rule: 'migrated', from: '2026-11-23T01:00:00.000Z' }),
          }),
        }),
        expect.objectContaining({
          type: 'DeadlineSet',
          data: expect.objectContaining({
            taskId: `${OFFICE_ID}/2`,
            tier: 'municipal',
            dueAt: '2026-12-14T01:00:00.000Z',
          }),
        }),
      );
    expect(events).toHaveLength(2);
    expect(state.tasks.map((task) => [task.taskId, task.open, task.dueAt])).toEqual([
      [`${OFFICE_ID}/1`, false, '2026-11-30T01:00:00.000Z'],
      [`${OFFICE_ID}/2`, true, '2026-12-14T01:00:00.000Z'],
    ]);
    given(...older, ...events)
      .when(record(arrivals))
      .then();
  });

  it('refuses a task whose arrival it is not told', () => {
    given(...older)
      .when(record(arrivals.slice(1)))
      .thenThrows(InvalidCommand, { field: 'tasks' });
  });
});

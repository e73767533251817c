import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import type { DeadlineRow } from '@liaison/projections';
import { DeadlineNotices } from './deadline-notices';

/** Who hears of each step of a deadline: only the jurisdiction tree decides it, so no store is needed here. */
const notices = new DeadlineNotices(
  undefined as never,
  undefined as never,
  undefined as never,
  new JurisdictionCatalog(NANYANG_UNITS),
);

function taskRow(overrides: Partial<DeadlineRow>): DeadlineRow {
  return {
    deadline_id: 'task.o-1.0',
    kind: 'task',
    task_kind: 'retention',
    subject_id: 'o-1/0',
    office_id: 'o-1',
    unit_id: 'henan.nanyang.xichuan',
    title: '办事处',
    tier: 'county',
    candidate_group: 'county@henan.nanyang.xichuan',
    assignee: null,
    due_at: '2026-01-01T00:00:00.000Z',
    status: 'pending',
    last_step: null,
    ...overrides,
  };
}

describe('the audiences of a deadline’s notices', () => {
  it('a ruling task: the provincial approvers, then the province’s supervisors', () => {
    const ruling = taskRow({
      task_kind: 'ruling',
      unit_id: 'henan',
      tier: 'provincial',
      candidate_group: 'provincial@henan',
    });
    expect(notices.audiences(ruling)).toEqual({
      reminder: ['approvers:provincial@henan'],
      escalation: ['supervisors:henan'],
      'leading-group': ['supervisors:henan'],
    });
    // Claimed, the reminder goes to the approver who holds it.
    expect(notices.audiences({ ...ruling, assignee: 'approver.henan' }).reminder).toEqual([
      'user:approver.henan',
    ]);
  });

  it('a county retention task: the county approvers, then the city’s supervisors', () => {
    expect(notices.audiences(taskRow({}))).toEqual({
      reminder: ['approvers:county@henan.nanyang.xichuan'],
      escalation: ['supervisors:henan.nanyang'],
      'leading-group': ['supervisors:henan.nanyang'],
    });
  });

  it("a step of the city's report (七(三)): the city's supervisors, then the province's, then the leading group", () => {
    const inspection = taskRow({
      deadline_id: 'report-inspection.henan.nanyang',
      kind: 'report-inspection',
      task_kind: null,
      subject_id: 'henan.nanyang',
      office_id: null,
      unit_id: 'henan.nanyang',
      tier: 'municipal',
      candidate_group: null,
    });
    expect(notices.audiences(inspection)).toEqual({
      reminder: ['supervisors:henan.nanyang'],
      escalation: ['supervisors:henan'],
      'leading-group': ['supervisors:henan.nanyang'],
    });
  });
  it("a retained office's dated duty (五, 六): the sponsor's clerks, then the city's supervisors, and circulation", () => {
    const disclosure = taskRow({
      deadline_id: 'regulation-disclosure.o-1.2026',
      kind: 'regulation-disclosure',
      task_kind: null,
      subject_id: '2026',
      unit_id: 'henan.nanyang.xichuan',
      tier: null,
      candidate_group: null,
    });
    expect(notices.audiences(disclosure)).toEqual({
      reminder: ['clerks:henan.nanyang.xichuan'],
      escalation: ['supervisors:henan.nanyang'],
      'leading-group': ['supervisors:henan.nanyang'],
    });
  });
});

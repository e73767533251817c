import type { Transaction } from 'kysely';
import {
  abolitionDeadlineId,
  CAMPAIGN_STREAM,
  DEADLINE_STREAM_PREFIX,
  filingDeadlineId,
  OFFICE_STREAM_PREFIX,
  PHASE_DEADLINE_KIND,
  REGULATION_STREAM_PREFIX,
  REPORT_STREAM_PREFIX,
  taskDeadlineId,
  UNIT_STREAM_PREFIX,
  type CampaignEvent,
  type DeadlineNoticeSent,
  type JurisdictionCatalog,
  type Phase,
  type UnitEvent,
} from '@liaison/domain';
import type { RecordedEvent } from '@liaison/event-store';
import type { Projection } from '../projection';
import type { ReadStore } from '../read-store';
import type { DeadlineOfficeRow, DeadlineTables } from './schema';
import { followAbolition, followOffice, type TaskRules } from './office-deadlines';
import { followReport, reportDeadlineIds } from './report-deadlines';
import { followRegulation, regulatedOffice, regulationDeadlineIds } from './regulation-deadlines';
import { deadlineWriters, DeadlineWorkingSet } from './working-set';

type Trx = Transaction<DeadlineTables>;

/** Office rows remembered between batches; past this the memory starts over (it is only a shortcut). */
const OFFICES_IN_MEMORY = 250_000;

/**
 * The deadlines the scheduler watches: each open task's decision, each filing unit's work plan and summary, and
 * each abolition the plan or a rejection calls for. It follows the office, campaign, unit and notice events itself,
 * keeping what it needs of them in its own tables (`deadline_offices`, `deadline_phases`, `deadline_filings`),
 * and applies a batch event by event, so however the log is cut into batches it builds the same rows. Due dates
 * are the log's: a task's from its DeadlineSet and DeadlineMoved, a phase's from the campaign's events. The
 * scheduler reads these rows for the deadlines a page of the log touched.
 */
export class DeadlineProjection implements Projection {
  readonly name = 'deadlines';
  private readonly writers = deadlineWriters();
  private readonly rules: TaskRules;
  /** Office rows as stored by the last batches (only this projection writes them): not loaded again. */
  private readonly remembered = new Map<string, DeadlineOfficeRow>();
  /** The batch whose transaction has not committed yet. */
  private pending?: DeadlineWorkingSet;

  constructor(private readonly jurisdictions: JurisdictionCatalog) {
    this.rules = { jurisdictions };
  }

  committed(): void {
    const work = this.pending;
    this.pending = undefined;
    if (!work) return;
    if (this.remembered.size > OFFICES_IN_MEMORY) this.remembered.clear();
    for (const row of work.storedOfficeRows()) this.remembered.set(row.office_id, row);
  }

  invalidate(): void {
    this.remembered.clear();
    this.pending = undefined;
  }

  async applyBatch(trx: Trx, events: readonly RecordedEvent[], store: ReadStore): Promise<void> {
    const work = (this.pending = new DeadlineWorkingSet(this.writers, this.remembered));
    let carryOut = (
      await trx
        .selectFrom('deadline_phases')
        .select('due_at')
        .where('phase', '=', 'carry-out')
        .executeTakeFirst()
    )?.due_at;
    // A campaign event acts on every deadline of a kind, or every office: what came before it is written first.
    let from = 0;
    for (let i = 0; i <= events.length; i++) {
      const event = events[i];
      if (event && event.streamId !== CAMPAIGN_STREAM) continue;
      await this.applyStretch(trx, events.slice(from, i), work, carryOut);
      await work.flush(trx, store);
      if (!event) break;
      work.forgetDeadlines();
      carryOut = await this.followCampaign(trx, event as unknown as CampaignEvent, work, carryOut);
      await work.flush(trx, store);
      from = i + 1;
    }
  }

  /** Events with no campaign event among them: rows loaded in a few selects, then each event in order. */
  private async applyStretch(
    trx: Trx,
    events: readonly RecordedEvent[],
    work: DeadlineWorkingSet,
    carryOut: string | undefined,
  ): Promise<void> {
    // Offices to load: those the stretch touches that are not in memory and not registered within it.
    const offices = new Set<string>();
    const seen = new Set<string>();
    const deadlineIds: string[] = [];
    for (const recorded of events) {
      if (recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
        const officeId = recorded.streamId.slice(OFFICE_STREAM_PREFIX.length);
        if (recorded.type === 'DeadlineSet' || recorded.type === 'DeadlineMoved') {
          // The task may be decided already (a due date recorded afterwards, for an older log).
          deadlineIds.push((recorded.data as { deadlineId: string }).deadlineId);
        }
        if (seen.has(officeId)) continue;
        seen.add(officeId);
        if (recorded.type !== 'OfficeRegistered' && !work.hasOffice(officeId)) offices.add(officeId);
      } else if (recorded.streamId.startsWith(UNIT_STREAM_PREFIX)) {
        const { data } = recorded as unknown as UnitEvent;
        deadlineIds.push(filingDeadlineId(filingKind(recorded.type), data.unitId));
      } else if (recorded.streamId.startsWith(REPORT_STREAM_PREFIX)) {
        deadlineIds.push(
          ...reportDeadlineIds(recorded.streamId.slice(REPORT_STREAM_PREFIX.length), recorded.data),
        );
      } else if (recorded.streamId.startsWith(REGULATION_STREAM_PREFIX)) {
        deadlineIds.push(...regulationDeadlineIds(recorded));
        const officeId = regulatedOffice(recorded);
        if (!work.hasOffice(officeId)) offices.add(officeId);
      } else if (
        recorded.type === 'DeadlineNoticeSent' &&
        recorded.streamId.startsWith(DEADLINE_STREAM_PREFIX)
      ) {
        deadlineIds.push((recorded as unknown as DeadlineNoticeSent).data.deadlineId);
      }
    }
    await work.loadOffices(trx, offices);
    // Their rows the stretch may change: the open task's deadline, the abolition deadline.
    for (const officeId of seen) {
      const office = work.office(officeId);
      if (!office) continue;
      if (office.open_task_id) deadlineIds.push(taskDeadlineId(office.open_task_id));
      if (carryOut !== undefined) deadlineIds.push(abolitionDeadlineId(officeId));
    }
    await work.loadDeadlines(trx, deadlineIds);
    for (const recorded of events) {
      if (recorded.streamId.startsWith(OFFICE_STREAM_PREFIX)) {
        followOffice(recorded, work, carryOut, this.rules);
      } else if (recorded.streamId.startsWith(UNIT_STREAM_PREFIX)) {
        const { unitId, filedAt } = (recorded as unknown as UnitEvent).data;
        const deadlineId = filingDeadlineId(filingKind(recorded.type), unitId);
        work.filed({ deadline_id: deadlineId, filed_at: filedAt });
        const deadline = work.deadline(deadlineId);
        if (deadline?.status === 'pending') deadline.status = 'met';
      } else if (recorded.streamId.startsWith(REPORT_STREAM_PREFIX)) {
        followReport(recorded, work, this.jurisdictions);
      } else if (recorded.streamId.startsWith(REGULATION_STREAM_PREFIX)) {
        followRegulation(recorded, work);
      } else if (
        recorded.type === 'DeadlineNoticeSent' &&
        recorded.streamId.startsWith(DEADLINE_STREAM_PREFIX)
      ) {
        // A step sent is a change the scheduler acts on: it schedules the next one.
        const { data } = recorded as unknown as DeadlineNoticeSent;
        const deadline = work.deadline(data.deadlineId);
        if (deadline) deadline.last_step = data.step;
      }
    }
  }

  /** Returns the carry-out phase's end as it stands after the event. */
  private async followCampaign(
    trx: Trx,
    event: CampaignEvent,
    work: DeadlineWorkingSet,
    carryOut: string | undefined,
  ): Promise<string | undefined> {
    if (event.type === 'PhaseDeadlineMoved') {
      const { phase, to } = event.data;
      await trx.updateTable('deadline_phases').set({ due_at: to }).where('phase', '=', phase).execute();
      // Every deadline of the phase still pending moves with it; the scheduler drops the jobs of the old date.
      await trx
        .updateTable('deadlines')
        .set({ due_at: to })
        .where('kind', '=', PHASE_DEADLINE_KIND[phase])
        .where('status', '=', 'pending')
        .execute();
      return phase === 'carry-out' ? to : carryOut;
    }
    // Launch: a work plan and a summary deadline per filing unit, and an abolition deadline per office that needs one.
    const { deadlines, filingUnits } = event.data;
    await trx.deleteFrom('deadline_phases').execute();
    for (const phase of Object.keys(deadlines) as Phase[]) {
      await trx.insertInto('deadline_phases').values({ phase, due_at: deadlines[phase] }).execute();
    }
    const filed = new Set(
      (await trx.selectFrom('deadline_filings').select('deadline_id').execute()).map((r) => r.deadline_id),
    );
    const filings = filingUnits.flatMap((unitId) =>
      (['work-plan', 'work-summary'] as const).map((kind) => ({
        unitId,
        kind,
        id: filingDeadlineId(kind, unitId),
      })),
    );
    await work.loadDeadlines(
      trx,
      filings.map((filing) => filing.id),
    );
    for (const { unitId, kind, id } of filings) {
      work.putDeadline(
        {
          deadline_id: id,
          kind,
          task_kind: null,
          subject_id: unitId,
          office_id: null,
          unit_id: unitId,
          title: this.jurisdictions.find(unitId)?.name ?? unitId,
          tier: null,
          candidate_group: null,
          assignee: null,
          due_at: deadlines[kind === 'work-plan' ? 'plan' : 'summary'],
          status: filed.has(id) ? 'met' : 'pending',
          last_step: work.deadline(id)?.last_step ?? null,
        },
        { force: true },
      );
    }
    const due = deadlines['carry-out'];
    await work.loadAllOffices(trx);
    const offices = [...work.allOffices()];
    await work.loadDeadlines(
      trx,
      offices.map((office) => abolitionDeadlineId(office.office_id)),
    );
    for (const office of offices) followAbolition(office, due, work);
    return due;
  }
}

function filingKind(type: string): 'work-plan' | 'work-summary' {
  return type === 'WorkPlanFiled' ? 'work-plan' : 'work-summary';
}

import {
  countyOfficeInZhengzhou,
  pairedAssistanceOffice,
  retentionRequested,
} from '@liaison/domain/testing/office-history';
import { officeStreamId, unitStreamId } from '@liaison/domain';
import { comparePositionText, pageByPosition } from './paging';
import { RecordedLog } from './testing/recorded-log';
import { unitTimeline } from './unit-timeline';

const XICHUAN = 'henan.nanyang.xichuan';
const COMMERCE = 'henan.nanyang.xichuan.commerce';

describe("a unit's timeline", () => {
  it("merges its offices' events (with what they changed) and its units' filings in log order", () => {
    const log = new RecordedLog();
    log.office('o-1', pairedAssistanceOffice({ officeId: 'o-1' }), '2015-06-01T00:00:00.000Z');
    log.unit(XICHUAN, 'WorkPlanFiled', '2015-06-02T00:00:00.000Z');
    log.office(
      'o-2',
      countyOfficeInZhengzhou({ officeId: 'o-2', sponsor: COMMERCE }),
      '2015-06-03T00:00:00.000Z',
    );
    log.office('o-1', retentionRequested('county'), '2015-06-04T00:00:00.000Z');
    log.unit(COMMERCE, 'WorkPlanFiled', '2015-06-05T00:00:00.000Z');
    const entries = unitTimeline(
      [
        { officeId: 'o-1', events: log.stream(officeStreamId('o-1')) },
        { officeId: 'o-2', events: log.stream(officeStreamId('o-2')) },
      ],
      [
        { unitId: XICHUAN, events: log.stream(unitStreamId(XICHUAN)) },
        { unitId: COMMERCE, events: log.stream(unitStreamId(COMMERCE)) },
      ],
    );
    expect(entries.map((e) => [e.position, e.type, 'officeId' in e ? e.officeId : e.unitId])).toEqual([
      ['1/1', 'OfficeRegistered', 'o-1'],
      ['2/2', 'WorkPlanFiled', XICHUAN],
      ['3/3', 'OfficeRegistered', 'o-2'],
      ['4/4', 'RetentionRequested', 'o-1'],
      ['5/5', 'WorkPlanFiled', COMMERCE],
    ]);
    const requested = entries[3]!;
    expect('changes' in requested && requested.changes).toContainEqual({
      path: 'status',
      from: 'proposed',
      to: 'retention-requested',
    });
    // A filing changes no office: it carries no status and no changes.
    expect(entries[1]).not.toHaveProperty('changes');
    expect(entries[1]).toMatchObject({ unitId: XICHUAN, version: 1, data: { unitId: XICHUAN } });
  });
});

describe('paging by position', () => {
  const entries = ['1/1', '2/2', '9/9', '10/10', '11/11'].map((position) => ({ position }));

  it('compares positions as numbers, commit first', () => {
    expect(comparePositionText('9/9', '10/10')).toBeLessThan(0);
    expect(comparePositionText('10/3', '10/2')).toBeGreaterThan(0);
    expect(comparePositionText('7/7', '7/7')).toBe(0);
  });

  it('gives the entries after the cursor, the total and the next cursor while more follow', () => {
    expect(pageByPosition(entries, { limit: 2 })).toEqual({
      items: [{ position: '1/1' }, { position: '2/2' }],
      total: 5,
      nextCursor: '2/2',
    });
    expect(pageByPosition(entries, { after: '2/2', limit: 2 })).toEqual({
      items: [{ position: '9/9' }, { position: '10/10' }],
      total: 5,
      nextCursor: '10/10',
    });
    expect(pageByPosition(entries, { after: '10/10', limit: 2 })).toEqual({
      items: [{ position: '11/11' }],
      total: 5,
      nextCursor: null,
    });
    // A cursor between entries, or past the last one.
    expect(pageByPosition(entries, { after: '5/5' }).items[0]).toEqual({ position: '9/9' });
    expect(pageByPosition(entries, { after: '12/12' })).toEqual({ items: [], total: 5, nextCursor: null });
  });

  it('pages a hundred entries by default', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ position: `${i + 1}/${i + 1}` }));
    const page = pageByPosition(many, {});
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).toBe('100/100');
  });
});

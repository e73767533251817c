import { JurisdictionCatalog, NANYANG_UNITS } from '@liaison/domain';
import { pairedAssistanceOffice, retentionForwarded } from '@liaison/domain/testing/office-history';
import {
  csvLine,
  eventFilter,
  exportFile,
  exportLines,
  exportRecord,
  firstPage,
  unitOf,
  type UnitEvent,
} from './event-query';
import { RecordedLog } from './testing/recorded-log';

const jurisdictions = new JurisdictionCatalog(NANYANG_UNITS);
const XICHUAN = 'henan.nanyang.xichuan';
const COMMERCE = 'henan.nanyang.xichuan.commerce';

function log(): RecordedLog {
  const built = new RecordedLog();
  built.office('o-1', pairedAssistanceOffice({ officeId: 'o-1' }), '2015-06-01T00:00:00.000Z');
  built.unit(COMMERCE, 'WorkPlanFiled', '2015-06-02T00:00:00.000Z');
  built.append(
    'deadline-work-plan.henan.nanyang.xixia',
    { type: 'DeadlineNoticeSent', data: { unitId: 'henan.nanyang.xixia' } },
    '2015-06-03T00:00:00.000Z',
    { actor: 'scheduler', role: 'system' },
  );
  built.office('o-1', retentionForwarded('county', 'municipal', 'ok, "quoted"'), '2015-06-04T00:00:00.000Z', {
    actor: 'approver.xichuan',
    role: 'approver',
    tier: 'county',
    comment: '符合条件, "quoted"\nline two',
  });
  built.campaign({ type: 'CampaignLaunched', data: {} }, '2015-06-05T00:00:00.000Z');
  return built;
}

const sponsors = new Map([['o-1', XICHUAN]]);
const withUnits = (events: readonly RecordedLog['events'][number][]): UnitEvent[] =>
  events.map((event) => ({ event, unitId: unitOf(event, sponsors) }));

describe('the unit an event belongs to', () => {
  it("is an office's sponsor, a unit stream's unit, or the unit a deadline names; a campaign event has none", () => {
    expect(withUnits(log().events).map((e) => e.unitId)).toEqual([
      XICHUAN,
      COMMERCE,
      'henan.nanyang.xixia',
      XICHUAN,
      undefined,
    ]);
    expect(unitOf(log().events[0]!, new Map())).toBeUndefined();
  });
});

describe('the event filter', () => {
  const types = (filter: Parameters<typeof eventFilter>[0]) => {
    const matches = eventFilter(filter, jurisdictions);
    return withUnits(log().events)
      .filter(({ event, unitId }) => matches(event, unitId))
      .map(({ event }) => event.type);
  };

  it('keeps everything when empty', () => {
    expect(types({})).toHaveLength(5);
  });

  it('keeps the events of a unit and of everything below it', () => {
    expect(types({ unitId: XICHUAN })).toEqual(['OfficeRegistered', 'WorkPlanFiled', 'RetentionForwarded']);
    expect(types({ unitId: COMMERCE })).toEqual(['WorkPlanFiled']);
    expect(types({ unitId: 'henan.nanyang' })).toHaveLength(4);
  });

  it('matches the type and the actor exactly', () => {
    expect(types({ type: 'RetentionForwarded' })).toEqual(['RetentionForwarded']);
    expect(types({ actor: 'approver.xichuan' })).toEqual(['RetentionForwarded']);
    expect(types({ actor: 'approver', type: 'RetentionForwarded' })).toEqual([]);
  });

  it('bounds when it happened, both ends inclusive', () => {
    expect(types({ from: '2015-06-02T00:00:00.000Z', to: '2015-06-04T00:00:00.000Z' })).toEqual([
      'WorkPlanFiled',
      'DeadlineNoticeSent',
      'RetentionForwarded',
    ]);
  });
});

describe('the export', () => {
  const forwarded = () => withUnits(log().events)[3]!;

  it('writes an event as a flat record', () => {
    const { event } = forwarded();
    expect(exportRecord(event, XICHUAN)).toEqual({
      position: '4/4',
      occurredAt: '2015-06-04T00:00:00.000Z',
      recordedAt: '2015-06-04T00:00:00.000Z',
      streamId: 'office-o-1',
      revision: 1,
      type: 'RetentionForwarded',
      unitId: XICHUAN,
      actor: 'approver.xichuan',
      role: 'approver',
      tier: 'county',
      comment: '符合条件, "quoted"\nline two',
      eventId: 'event-4',
      data: event.data,
    });
    expect(exportRecord(log().events[4]!, undefined)).toMatchObject({
      unitId: null,
      tier: null,
      comment: null,
    });
  });

  it('withholds an account event’s password hash, in the record, the CSV and the JSON line alike', async () => {
    const built = new RecordedLog();
    const hash = '$2b$04$abcdefghijklmnopqrstuuN0pDq8Vx4OqVnYbLZ8qY7lq5aHn3nSe';
    const created = built.append(
      'user-approver.tongbai',
      { type: 'UserCreated', data: { username: 'approver.tongbai', passwordHash: hash, reason: '到岗' } },
      '2015-06-06T00:00:00.000Z',
      { actor: 'admin', role: 'admin' },
    );

    expect(exportRecord(created, undefined).data).toStrictEqual({
      username: 'approver.tongbai',
      passwordHash: '(withheld)',
      reason: '到岗',
    });
    for (const format of ['csv', 'jsonl'] as const) {
      const lines: string[] = [];
      for await (const line of exportLines([{ event: created, unitId: undefined }], format)) lines.push(line);
      expect(lines.join('')).not.toContain(hash);
    }
  });

  it('quotes a CSV field that holds a comma, a quote or a line break, and writes data as JSON', () => {
    const { event, unitId } = forwarded();
    expect(csvLine(exportRecord(event, unitId))).toBe(
      [
        '4/4',
        '2015-06-04T00:00:00.000Z',
        '2015-06-04T00:00:00.000Z',
        'office-o-1',
        '1',
        'RetentionForwarded',
        XICHUAN,
        'approver.xichuan',
        'approver',
        'county',
        '"符合条件, ""quoted""\nline two"',
        'event-4',
        `"${JSON.stringify(event.data).replace(/"/g, '""')}"`,
      ].join(',') + '\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://evil.example/x","see")', `"'=HYPERLINK(""http://evil.example/x"",""see"")"`],
    ['+1+cmd|/C calc', `"'+1+cmd|/C calc"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['a=1', 'a=1'],
  ])('neutralises a cell a spreadsheet would run (OWASP): %j', (comment, cell) => {
    const { event, unitId } = forwarded();
    const line = csvLine(exportRecord({ ...event, metadata: { ...event.metadata, comment } }, unitId));
    expect(line.split(',approver,county,')[1]!.startsWith(`${cell},event-4,`)).toBe(true);
  });

  it('streams a CSV header then a row per event, or a JSON record per line', async () => {
    const lines = async (format: 'csv' | 'jsonl') => {
      const out: string[] = [];
      for await (const line of exportLines(withUnits(log().events.slice(0, 2)), format)) out.push(line);
      return out;
    };
    const csv = await lines('csv');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toBe(
      'position,occurredAt,recordedAt,streamId,revision,type,unitId,actor,role,tier,comment,eventId,data\r\n',
    );
    expect(
      csv[2]!.startsWith(`2/2,2015-06-02T00:00:00.000Z,2015-06-02T00:00:00.000Z,unit-${COMMERCE},0,`),
    ).toBe(true);
    const jsonl = await lines('jsonl');
    expect(jsonl.every((line) => line.endsWith('\n'))).toBe(true);
    expect(jsonl.map((line) => JSON.parse(line))).toEqual(
      withUnits(log().events.slice(0, 2)).map(({ event, unitId }) =>
        // Each line carries the whole metadata too, chain link included, for re-checking the hashes.
        JSON.parse(JSON.stringify({ ...exportRecord(event, unitId), metadata: event.metadata })),
      ),
    );
  });

  it('names the file after the unit it is narrowed to', () => {
    expect(exportFile('csv', XICHUAN)).toEqual({
      fileName: `events-${XICHUAN}.csv`,
      contentType: 'text/csv; charset=utf-8',
    });
    expect(exportFile('jsonl', undefined)).toEqual({
      fileName: 'events.jsonl',
      contentType: 'application/x-ndjson; charset=utf-8',
    });
  });
});

describe('the first page of a query', () => {
  it('takes `limit` records and gives the last one as the cursor only when more follow', async () => {
    const page = await firstPage(withUnits(log().events), 2);
    expect(page.items.map((r) => r.position)).toEqual(['1/1', '2/2']);
    expect(page.nextCursor).toBe('2/2');
    const all = await firstPage(withUnits(log().events), 5);
    expect(all.items).toHaveLength(5);
    expect(all.nextCursor).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { JurisdictionCatalog, NANYANG_UNITS, unitStreamId } from '@liaison/domain';
import { formatPosition, type EventStore } from '@liaison/event-store';
import { OfficeListProjection } from '../offices/projection';
import { Projector } from '../projector';
import { openReadStore, resetReadModels, type ReadStore } from '../read-store';
import {
  decideRetention,
  OfficeScenario,
  openTempEventStore,
  register,
  requestRetention,
  TempFiles,
} from '../testing/office-scenario';
import { matchingEvents, officeIdsWithin, readLog } from './event-log';
import type { EventFilter } from './event-query';

const files = new TempFiles();
const catalog = new JurisdictionCatalog(NANYANG_UNITS);
const XICHUAN = 'henan.nanyang.xichuan';
const XIXIA = 'henan.nanyang.xixia';

/** The log as it is read from the store, through the office list for each office's sponsor. */
describe('reading the log for the audit queries', () => {
  let store: EventStore;
  let readStore: ReadStore;
  let projector: Projector;

  beforeAll(async () => {
    store = openTempEventStore(files);
    readStore = await openReadStore({ kind: 'sqlite', filename: files.path('audit') });
    await resetReadModels(readStore);
    projector = new Projector(store, readStore, [new OfficeListProjection(catalog)]);
    await projector.start();
    const scenario = new OfficeScenario(store);
    await scenario.runAll([
      register('o-1', XICHUAN, 'beijing', { pairedAssistance: true }),
      register('o-2', `${XIXIA}.agriculture`, 'zhengzhou'),
      requestRetention('o-1'),
    ]);
    await store.append(
      unitStreamId(XICHUAN),
      [
        {
          id: randomUUID(),
          type: 'WorkPlanFiled',
          data: { unitId: XICHUAN },
          metadata: {
            actor: 'clerk.xichuan',
            role: 'clerk',
            correlationId: 'c',
            causationId: 'c',
            occurredAt: OfficeScenario.timeOf(3),
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const last = await scenario.run(decideRetention('o-1', 'county', 'approve'));
    await projector.waitFor(last.position);
  });

  afterAll(async () => {
    await projector.stop();
    await store.close();
    await readStore.close();
    files.removeAll();
  });

  const collect = async (filter: EventFilter, after?: string, pageSize?: number) => {
    const out: { type: string; streamId: string; unitId: string | undefined; position: string }[] = [];
    for await (const { event, unitId } of matchingEvents(
      store,
      readStore,
      catalog,
      filter,
      after,
      pageSize,
    )) {
      out.push({
        type: event.type,
        streamId: event.streamId,
        unitId,
        position: formatPosition(event.position),
      });
    }
    return out;
  };

  it('reads the whole log in order, page by page', async () => {
    const whole = await store.readAll({ maxCount: 1000 });
    expect(whole).toHaveLength(7);
    for (const pageSize of [1, 2, 7, 2000]) {
      const read = [];
      for await (const event of readLog(store, pageSize)) read.push(event.id);
      expect(read).toEqual(whole.map((event) => event.id));
    }
  });

  it("names each office event's unit from the office list, and reads across pages", async () => {
    const expected = [
      { type: 'OfficeRegistered', streamId: 'office-o-1', unitId: XICHUAN },
      { type: 'OfficeRegistered', streamId: 'office-o-2', unitId: `${XIXIA}.agriculture` },
      { type: 'RetentionRequested', streamId: 'office-o-1', unitId: XICHUAN },
      { type: 'DeadlineSet', streamId: 'office-o-1', unitId: XICHUAN },
      { type: 'WorkPlanFiled', streamId: unitStreamId(XICHUAN), unitId: XICHUAN },
      { type: 'RetentionForwarded', streamId: 'office-o-1', unitId: XICHUAN },
      { type: 'DeadlineSet', streamId: 'office-o-1', unitId: XICHUAN },
    ];
    expect(await collect({})).toMatchObject(expected);
    expect(await collect({}, undefined, 2)).toMatchObject(expected);
  });

  it('narrows to a unit and below, to a type, and continues after a cursor', async () => {
    expect((await collect({ unitId: XIXIA })).map((e) => e.streamId)).toEqual(['office-o-2']);
    expect((await collect({ unitId: XICHUAN }, undefined, 2)).map((e) => e.type)).toEqual([
      'OfficeRegistered',
      'RetentionRequested',
      'DeadlineSet',
      'WorkPlanFiled',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    const all = await collect({});
    expect((await collect({}, all[2]!.position, 2)).map((e) => e.type)).toEqual([
      'DeadlineSet',
      'WorkPlanFiled',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    expect((await collect({ type: 'OfficeRegistered' })).map((e) => e.streamId)).toEqual([
      'office-o-1',
      'office-o-2',
    ]);
  });

  it("reads only the office's stream for an office filter, after the cursor", async () => {
    const office = await collect({ officeId: 'o-1' });
    expect(office.map((e) => e.type)).toEqual([
      'OfficeRegistered',
      'RetentionRequested',
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    expect((await collect({ officeId: 'o-1' }, office[0]!.position)).map((e) => e.type)).toEqual([
      'RetentionRequested',
      'DeadlineSet',
      'RetentionForwarded',
      'DeadlineSet',
    ]);
    expect(await collect({ officeId: 'o-unknown' })).toEqual([]);
  });

  it('finds the offices of a unit and of the units below it', async () => {
    expect(await officeIdsWithin(readStore, XICHUAN)).toEqual(['o-1']);
    expect((await officeIdsWithin(readStore, 'henan.nanyang')).sort()).toEqual(['o-1', 'o-2']);
    expect(await officeIdsWithin(readStore, 'henan.nanyang.wancheng')).toEqual([]);
  });
});

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANCHOR_STREAM, anchorDecider } from '@liaison/domain';
import { proposeAnchor, recordedAnchor, verifyLog } from './audit';
import { handleCommand } from './command-handling';
import type { EventStore, EventToAppend } from './event-store.port';
import { chained, chainOf } from './hash-chain/index';
import { SqliteEventStore } from './sqlite-event-store';

/** Rows of the events table as the store wrote them before links had a version (and hashed no recording time). */
const V1_ROWS = JSON.parse(
  readFileSync(join(__dirname, 'hash-chain', 'v1-links.fixture.json'), 'utf8'),
) as Record<string, string | number>[];

function event(type: string, data: unknown): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: 'clerk.xichuan',
      role: 'clerk',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: '2015-10-20T02:00:00.000Z',
    },
  };
}

/** Verifies the log and sends the anchor computed over it as a command, as the service does. */
async function anchorLog(store: EventStore) {
  const { anchor } = await proposeAnchor(store);
  return handleCommand(
    store,
    ANCHOR_STREAM,
    anchorDecider,
    { type: 'AnchorChain', data: anchor! },
    { actor: 'auditor', role: 'system', now: '2015-11-01T00:00:00.000Z' },
  );
}

/** A small log: three office streams of three events each, interleaved, and an anchor at the end. */
async function writeLog(filename: string, anchor = true): Promise<void> {
  const store = chained(new SqliteEventStore({ filename }));
  for (let step = 0; step < 3; step++) {
    for (const office of ['a', 'b', 'c']) {
      await store.append(`office-${office}`, [event(`Step${step}`, { office, step, note: '淅川县' })], {
        expectedRevision: step === 0 ? 'no_stream' : BigInt(step - 1),
      });
    }
  }
  if (anchor) await anchorLog(store);
  await store.close();
}

async function verify(from: string | EventStore) {
  const store = typeof from === 'string' ? new SqliteEventStore({ filename: from }) : from;
  try {
    const { heads: _heads, lastPosition: _last, ...report } = await verifyLog(store);
    return report;
  } finally {
    if (typeof from === 'string') await store.close();
  }
}

/** Edits the SQLite file directly, as someone with access to the disk could. */
function tamper(filename: string, sql: string, ...params: unknown[]): void {
  const db = new Database(filename);
  try {
    const changed = db.prepare(sql).run(...params).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }
}

describe('tamper evidence on the SQLite store', () => {
  let dir: string;
  let filename: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-'));
    filename = join(dir, 'events.sqlite');
    await writeLog(filename);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an intact log verifies, anchor included', async () => {
    const report = await verify(filename);
    expect(report).toMatchObject({ intact: true, events: 10, streams: 4, anchors: 1 });
    expect(report.firstBroken).toBeUndefined();
  });

  it('names a changed event', async () => {
    tamper(
      filename,
      `UPDATE events SET data = json_set(data, '$.note', '西峡县') WHERE stream_id = 'office-b' AND revision = 1`,
    );
    const report = await verify(filename);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-b', revision: '1' });
    expect(report.firstBroken!.problem).toMatch(/changed after it was written/);
  });

  it('names the event after a deleted one', async () => {
    tamper(filename, `DELETE FROM events WHERE stream_id = 'office-a' AND revision = 1`);
    const report = await verify(filename);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-a', revision: '2' });
    expect(report.firstBroken!.problem).toMatch(/missing or was inserted/);
  });

  it('names an inserted event', async () => {
    const db = new Database(filename);
    const [row] = db
      .prepare(`SELECT metadata FROM events WHERE stream_id = 'office-c' AND revision = 2`)
      .all() as {
      metadata: string;
    }[];
    db.close();
    // A plausible row: the next revision, copying a real link, appended at the end of the log.
    tamper(
      filename,
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, 'office-c', 3, 'OfficeClosed', '{}', ?, '2015-11-01T00:00:00.000Z')`,
      randomUUID(),
      row!.metadata,
    );
    const report = await verify(filename);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-c', revision: '3' });
    expect(report.firstBroken!.problem).toMatch(/altered|changed/);
  });

  it('names an event whose recording time was changed', async () => {
    tamper(
      filename,
      `UPDATE events SET recorded_at = '2015-06-01T00:00:00.000Z' WHERE stream_id = 'office-c' AND revision = 1`,
    );
    const report = await verify(filename);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-c', revision: '1' });
    expect(report.firstBroken!.problem).toMatch(/recording time .* changed after it was written/);
  });

  it('names an event whose recording time was made unreadable', async () => {
    tamper(
      filename,
      `UPDATE events SET recorded_at = 'yesterday' WHERE stream_id = 'office-a' AND revision = 2`,
    );
    const report = await verify(filename);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-a', revision: '2' });
  });

  it('names an event whose link was downgraded to the old version', async () => {
    tamper(
      filename,
      `UPDATE events SET metadata = json_remove(metadata, '$.chain.v') WHERE stream_id = 'office-b' AND revision = 0`,
    );
    const report = await verify(filename);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-b', revision: '0' });
    expect(report.firstBroken!.problem).toMatch(/changed after it was written/);
  });

  it('catches a whole stream removed, through the anchor', async () => {
    tamper(filename, `DELETE FROM events WHERE stream_id = 'office-b' AND revision = 2`);
    // Cutting a stream short at its end leaves every remaining link intact; the anchor still sees it.
    const db = new Database(filename);
    db.prepare(`DELETE FROM events WHERE stream_id = 'office-b'`).run();
    db.close();
    const report = await verify(filename);
    expect(report.intact).toBe(false);
    expect(report.firstBroken!.streamId).toBe('audit-anchors');
    expect(report.firstBroken!.problem).toMatch(/removed, added or cut short/);
  });
});

describe('a store written before links had a version', () => {
  let dir: string;
  let filename: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-v1-'));
    filename = join(dir, 'events.sqlite');
    // The schema, then the old rows exactly as they were stored.
    await new SqliteEventStore({ filename }).close();
    const db = new Database(filename);
    const insert = db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (@event_id, @stream_id, @revision, @type, @data, @metadata, @recorded_at)`,
    );
    for (const row of V1_ROWS) insert.run(row);
    db.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('still verifies intact, and its streams go on with version-2 links', async () => {
    expect(await verify(filename)).toMatchObject({ intact: true, events: 3, streams: 1 });

    const store = chained(new SqliteEventStore({ filename }));
    await store.append('office-v1', [event('RetentionDecided', { retained: true })], {
      expectedRevision: 2n,
    });
    await anchorLog(store);
    const [last] = await store.readStream('office-v1', { fromRevision: 3n });
    expect(chainOf(last!)).toMatchObject({
      v: 2,
      prev: chainOf({ metadata: JSON.parse(String(V1_ROWS[2]!.metadata)) })!.hash,
    });
    await store.close();

    expect(await verify(filename)).toMatchObject({ intact: true, events: 5, streams: 2, anchors: 1 });
  });

  it('names a changed old event', async () => {
    tamper(
      filename,
      `UPDATE events SET data = json_set(data, '$.amounts[0]', 0.2) WHERE stream_id = 'office-v1' AND revision = 1`,
    );
    const report = await verify(filename);
    expect(report.firstBroken).toMatchObject({ streamId: 'office-v1', revision: '1' });
    expect(report.firstBroken!.problem).toMatch(/changed after it was written/);
  });
});

describe('anchoring', () => {
  let store: EventStore;

  beforeEach(async () => {
    store = chained(new SqliteEventStore({ filename: ':memory:' }));
    await store.append('office-a', [event('Step0', { office: 'a' })], { expectedRevision: 'no_stream' });
  });

  afterEach(() => store.close());

  it('lets the process’s other work run while it verifies a large log', async () => {
    for (let i = 0; i < 20; i++) {
      const events = Array.from({ length: 250 }, (_, j) => event('Step', { i, j, note: '淅川县' }));
      await store.append(`office-bulk-${i}`, events, { expectedRevision: 'no_stream' });
    }
    // A timer set before verifying fires before the verification ends: the walk does not hold the thread throughout.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const report = await verifyLog(store);
      expect(report).toMatchObject({ intact: true, events: 5001 });
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('proposes no anchor for an empty log', async () => {
    const empty = chained(new SqliteEventStore({ filename: ':memory:' }));
    expect((await proposeAnchor(empty)).anchor).toBeUndefined();
    await empty.close();
  });

  it('two anchorings of the same log at once leave one anchor; the other records nothing', async () => {
    const results = await Promise.all([anchorLog(store), anchorLog(store)]);

    expect(results.map((result) => result.events.length).sort()).toStrictEqual([0, 1]);
    expect(await store.readStream(ANCHOR_STREAM)).toHaveLength(1);
    const recorded = await recordedAnchor(store, 0);
    expect(recorded).toMatchObject({
      streams: 1,
      events: 1,
      anchorHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await verify(store)).anchors).toBe(1);
  });
});

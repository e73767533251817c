import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import {
  CHAIN_VERSION,
  chainOf,
  eventHash,
  GENESIS,
  legacyEventHash,
  linkEvents,
  linkProblem,
} from './links';

describe('canonical JSON (RFC 8785)', () => {
  it('writes the RFC’s own example exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, at every depth', () => {
    const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    expect(canonicalJson({ b: [input], a: input })).toBe(`{"a":${sortedExample},"b":[${sortedExample}]}`);
  });

  it('refuses what JSON cannot hold rather than hash something else than is stored', () => {
    expect(() => canonicalJson({ amount: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ amount: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    // What JSON.stringify leaves out or turns to null, it leaves out or turns to null too.
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date(0) })).toBe(
      '{"b":[null],"c":"1970-01-01T00:00:00.000Z"}',
    );
  });
});

const sortedExample = '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}';

function recorded(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: '7d9a2c1e-8f3b-4a5c-9d6e-0f1a2b3c4d5e',
    type: 'OfficeRegistered',
    streamId: 'office-1',
    revision: 0n,
    position: { commit: 1n, prepare: 1n },
    data: { name: '淅川县人民政府驻郑州办事处', bookValue: 1_200_000 },
    metadata: {
      actor: 'clerk.xichuan',
      role: 'clerk',
      correlationId: 'c1',
      causationId: 'c1',
      occurredAt: '2015-06-10T02:00:00.000Z',
    },
    recordedAt: new Date('2015-06-10T02:00:00.250Z'),
    ...overrides,
  };
}

describe('links', () => {
  const at = new Date('2015-06-10T02:00:00.250Z');

  it('hashes one RFC 8785 object of prev, the event and its recording instant, with the version', () => {
    const event = recorded();
    const expected = createHash('sha256')
      .update(
        canonicalJson({
          v: 2,
          prev: GENESIS,
          streamId: 'office-1',
          revision: '0',
          id: event.id,
          type: event.type,
          recordedAt: '2015-06-10T02:00:00.250Z',
          data: event.data,
          metadata: event.metadata,
        }),
      )
      .digest('hex');
    expect(eventHash(GENESIS, event)).toBe(expected);
    // The link itself is not hashed: a stored event hashes as the event appended.
    const linked = {
      ...event,
      metadata: { ...event.metadata, chain: { v: 2, prev: GENESIS, hash: expected } },
    };
    expect(eventHash(GENESIS, linked)).toBe(expected);
  });

  it('links a batch in order, each to the one before, from the given revision and prev', () => {
    const first = recorded();
    const events = [first, recorded({ id: 'second', type: 'Renamed' }), recorded({ id: 'third' })];
    const prev = 'a'.repeat(64);
    const linked = linkEvents('office-1', 5n, prev, events, at);
    let expectedPrev = prev;
    linked.forEach((event, index) => {
      expect(event.recordedAt).toBe(at);
      const link = chainOf(event)!;
      const hash = eventHash(expectedPrev, {
        ...event,
        streamId: 'office-1',
        revision: 5n + BigInt(index),
        recordedAt: at,
      });
      expect(link).toEqual({ v: CHAIN_VERSION, prev: expectedPrev, hash });
      expectedPrev = hash;
    });
    // The events given are left as they were.
    expect(chainOf(first)).toBeUndefined();
  });

  it('replaces a link the caller put in the metadata', () => {
    const forged = recorded({
      metadata: { ...recorded().metadata, chain: { prev: 'x', hash: 'y' } } as EventMetadata,
    });
    const [linked] = linkEvents('office-1', 0n, GENESIS, [forged], at);
    expect(chainOf(linked!)).toMatchObject({ v: 2, prev: GENESIS });
    expect(chainOf(linked!)!.hash).toBe(eventHash(GENESIS, recorded()));
  });

  it('changes the hash with any field the history shows', () => {
    const base = eventHash(GENESIS, recorded());
    const variants: Partial<RecordedEvent>[] = [
      { streamId: 'office-2' },
      { revision: 1n },
      { id: 'other' },
      { type: 'OfficeRenamed' },
      { data: { name: '西峡县人民政府驻郑州办事处', bookValue: 1_200_000 } },
      { metadata: { ...recorded().metadata, actor: 'clerk.xixia' } },
      { metadata: { ...recorded().metadata, comment: '同意' } },
      { recordedAt: new Date('2015-06-10T02:00:00.251Z') },
    ];
    for (const variant of variants) expect(eventHash(GENESIS, recorded(variant))).not.toBe(base);
    expect(eventHash('f'.repeat(64), recorded())).not.toBe(base);
    // The position in the whole log is the store's to give at commit, so it cannot be hashed beforehand.
    expect(eventHash(GENESIS, recorded({ position: { commit: 9n, prepare: 9n } }))).toBe(base);
  });

  it('says what is wrong with a stored event', () => {
    const [linked] = linkEvents('office-1', 0n, GENESIS, [recorded()], at);
    const stored = recorded({ metadata: linked!.metadata });
    expect(linkProblem(GENESIS, stored)).toBeUndefined();
    expect(linkProblem('b'.repeat(64), stored)).toMatch(/does not name the hash of the event before it/);
    expect(linkProblem(GENESIS, { ...stored, data: { changed: true } })).toMatch(
      /changed after it was written/,
    );
    expect(linkProblem(GENESIS, { ...stored, recordedAt: new Date('invalid') })).toMatch(/recording time/);
    expect(linkProblem(GENESIS, recorded())).toMatch(/no chain link/);
    const future = { ...stored, metadata: { ...stored.metadata, chain: { ...chainOf(stored)!, v: 3 } } };
    expect(linkProblem(GENESIS, future)).toMatch(/version 3/);
  });
});

describe('links written before versions (no v)', () => {
  const rows = JSON.parse(readFileSync(join(__dirname, 'v1-links.fixture.json'), 'utf8')) as {
    event_id: string;
    stream_id: string;
    revision: number;
    type: string;
    data: string;
    metadata: string;
    recorded_at: string;
  }[];
  const events = rows.map((row): RecordedEvent => ({
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: 0n, prepare: 0n },
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: new Date(row.recorded_at),
  }));

  it('still check out: the same hash rule, with RFC 8785 for the content', () => {
    let prev = GENESIS;
    for (const event of events) {
      const link = chainOf(event)!;
      expect(link.v).toBeUndefined();
      expect(legacyEventHash(prev, event)).toBe(link.hash);
      expect(linkProblem(prev, event)).toBeUndefined();
      prev = link.hash;
    }
  });

  it('do not hash the recording instant, and still catch a changed content', () => {
    const first = events[0]!;
    expect(linkProblem(GENESIS, { ...first, recordedAt: new Date(0) })).toBeUndefined();
    expect(linkProblem(GENESIS, { ...first, type: 'OfficeAbolished' })).toMatch(
      /changed after it was written/,
    );
  });
});

import fc from 'fast-check';

/** Identifiers and data the running app holds, so generated requests reach past "not found" into the rules. */
export interface KnownValues {
  officeIds: string[];
  unitIds: string[];
  hostCityIds: string[];
  usernames: string[];
  eventTypes: string[];
}

/** Strings that have broken services before: prototype keys, control characters, traversal, injection, unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred\u001b[0m',
  '\r\nSet-Cookie: x=1',
  '\ud800',
  '\u202eevil',
  '𠜎𠜱😀👨‍👩‍👧',
  'ｈｅｎａｎ',
  '南阳市',
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e300',
  '-0',
  '0x10',
  '99999999999999999999999',
  '[]',
  '{}',
  '*',
  '%',
  '_',
  'henan.nanyang.xichuan\n',
  'HENAN',
  'henan..nanyang',
  'x'.repeat(300),
  '长'.repeat(2000),
];

export const HOSTILE_NUMBERS: readonly unknown[] = [
  -1,
  0,
  1.5,
  1e300,
  -1e300,
  1e-7,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  'NaN',
  'Infinity',
  '12',
  null,
];

export const DATES: readonly string[] = [
  '2015-06-15T00:00:00.000Z',
  '2015-10-31T16:00:00.000Z',
  '2015-11-15',
  '2030-01-01T00:00:00+08:00',
  '2015-02-30T00:00:00Z',
  '2015-10-31T25:61:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '0000-00-00',
  '1970-01-01T00:00:00Z',
  'yesterday',
  '1e300',
  '1446307200000',
];

/** A long string, sometimes past the body limit, to see it refused whole rather than half-stored. */
export const huge = fc.constantFrom('a'.repeat(20_000), '办'.repeat(100_000), 'z'.repeat(1_100_000));

/** Any text: mostly printable, sometimes the full unicode range and lone surrogates. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...HOSTILE_STRINGS),
);

/** Values known to the app for a field or parameter name, mixed with hostile strings and random text. */
export function stringFor(name: string, known: KnownValues): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  const pool = (values: string[]) =>
    values.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, anyText, fc.uuid())
      : anyText;
  if (lower === 'officeid') return pool(known.officeIds);
  if (['unitid', 'sponsorunitid', 'parentid', 'within'].includes(lower)) return pool(known.unitIds);
  if (lower === 'hostcityid') return pool(known.hostCityIds);
  if (['username', 'to', 'actor'].includes(lower) && known.usernames.length) {
    return lower === 'to'
      ? fc.oneof(pool(known.usernames), fc.constantFrom(...DATES))
      : pool(known.usernames);
  }
  if (lower === 'type') return pool(known.eventTypes);
  if (['at', 'from'].includes(lower)) return fc.oneof(fc.constantFrom(...DATES), anyText);
  if (lower === 'revision') return fc.oneof(fc.nat({ max: 12 }).map(String), anyText);
  if (lower === 'after') {
    const position = fc.nat({ max: 400 });
    return fc.oneof(
      { weight: 2, arbitrary: position.map((at) => `${at}/${at}`) },
      position.map(String),
      anyText,
    );
  }
  if (['assetid', 'staffid'].includes(lower)) {
    return fc.oneof(fc.constantFrom('staff-1', 'staff-2', 'car-1', 'building-1', 'land-1'), anyText);
  }
  return fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) }, anyText);
}

/** A value of a different JSON type than the schema asks for. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e300, '', 'x', [], {}, [1, 2], { a: 1 }),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
);

/** A body sent as this text, exactly, with a JSON content type. */
export class RawBody {
  constructor(readonly text: string) {}
}

/** JSON nested deeper than any request of the API (it nests three levels), around the parser's bound of 64. */
export const deepNesting = fc.constantFrom(10, 63, 70, 100).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
});

/** JSON text nested thousands deep: written as text, since no stack here or there should have to hold it. */
export const deepText = fc
  .constantFrom(500, 5000, 100_000)
  .map((depth) => new RawBody(`${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`));

/** Whole bodies that are not what any route takes: another JSON type, or text that is not JSON. */
export const strayBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, 'text', [], [{}], true),
  fc
    .constantFrom('{"a":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '', ']')
    .map((text) => new RawBody(text)),
  fc.json({ maxDepth: 3 }).map((text) => new RawBody(text)),
  deepText,
);

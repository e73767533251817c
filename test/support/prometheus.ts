/**
 * A strict reader of Prometheus's text exposition format (0.0.4), for the tests: every line must be a HELP, a TYPE
 * or a sample of a family declared before it; names, labels, escapes and values must be well-formed; no series may
 * repeat; a histogram's buckets must rise to `+Inf` and agree with its `_count`. Anything else throws, naming the
 * line.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"\s*(,|$)/y;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
// Go's ParseFloat, which Prometheus reads values with: decimal numbers, and NaN and [+-]Inf(inity) in any case.
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?inf(inity)?|nan)$/i;
const SUFFIXES: Record<Family['type'], string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const at = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || match.index !== at) throw new Error(`${where}: malformed labels {${text}}`);
    const [, name, raw] = match;
    if (name! in labels) throw new Error(`${where}: label ${name} twice`);
    labels[name!] = raw!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (match[3] === '') break;
  }
  return labels;
}

function value(text: string, where: string): number {
  if (!VALUE.test(text)) throw new Error(`${where}: ${text} is not a sample value`);
  if (/inf/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return /nan/i.test(text) ? NaN : Number(text);
}

function checkHistogram(family: Family): void {
  const series = new Map<string, Sample[]>();
  for (const sample of family.samples.filter((s) => s.name.endsWith('_bucket'))) {
    const { le, ...rest } = sample.labels;
    if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), sample]);
  }
  for (const [key, buckets] of series) {
    const bounds = buckets.map((b) => value(b.labels.le!, family.name));
    const counts = buckets.map((b) => b.value);
    if (
      bounds.some((b, i) => i > 0 && b <= bounds[i - 1]!) ||
      counts.some((c, i) => i > 0 && c < counts[i - 1]!)
    )
      throw new Error(`${family.name}${key}: buckets do not rise`);
    if (bounds[bounds.length - 1] !== Infinity) throw new Error(`${family.name}${key}: no +Inf bucket`);
    const count = family.samples.find(
      (s) => s.name === `${family.name}_count` && JSON.stringify(s.labels) === key,
    );
    if (count?.value !== counts[counts.length - 1])
      throw new Error(`${family.name}${key}: _count is not the +Inf bucket`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a line feed');
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, index) => {
      const where = `line ${index + 1} (${line})`;
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (meta) {
        const [, kind, name, rest] = meta;
        if (!NAME.test(name!)) throw new Error(`${where}: bad metric name`);
        const family = families.get(name!) ?? { name: name!, type: 'untyped', help: '', samples: [] };
        if (kind === 'HELP') family.help = rest!;
        else if (rest! in SUFFIXES) family.type = rest as Family['type'];
        else throw new Error(`${where}: unknown type`);
        families.set(name!, family);
        return;
      }
      if (line === '' || line.startsWith('#')) return;
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`${where}: not a sample`);
      const [, name, labelText, valueText] = match;
      const family = [...families.values()].find((f) =>
        SUFFIXES[f.type].some((suffix) => `${f.name}${suffix}` === name),
      );
      if (!family) throw new Error(`${where}: a sample of no declared family`);
      const sample = {
        name: name!,
        labels: parseLabels(labelText ?? '', where),
        value: value(valueText!, where),
      };
      const id = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
      if (seen.has(id)) throw new Error(`${where}: the same series twice`);
      seen.add(id);
      family.samples.push(sample);
    });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of one series (labels matched exactly), or 0 when the family has no such series yet. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.get(name.replace(/_(bucket|sum|count)$/, '')) ?? families.get(name);
  const want = JSON.stringify(Object.entries(labels).sort());
  const sample = family?.samples.find(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want,
  );
  return sample?.value ?? 0;
}

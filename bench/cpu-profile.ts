/**
 * Summarises a V8 CPU profile (from `node --cpu-prof` or `run.js replay --profile`): self time by area and by
 * function, and inclusive time of the heaviest functions.
 *
 *   node dist/bench/cpu-profile.js some.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { fmtMs, table } from './support';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a function lives, coarsely: a package, a file of this repository, Node itself, or V8's own buckets. */
function area(node: CpuProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native ${functionName || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(libs\/[^/]+\/src\/[^/]+|apps\/[^/]+\/src\/.+|bench\/[^/]+)$/.exec(url);
  return own ? own[1]!.replace(/\.js$/, '') : url;
}

function label(node: CpuProfileNode): string {
  const { functionName, lineNumber, url } = node.callFrame;
  const where = area(node);
  if (where.startsWith('(')) return where;
  // Within a package, the file name tells apart e.g. kysely's select and insert builders.
  const file = url.includes('node_modules/') ? ` ${url.slice(url.lastIndexOf('/') + 1)}` : '';
  return `${functionName || '(anonymous)'} ${where}${file}:${lineNumber + 1}`;
}

export function summariseProfile(profile: CpuProfile, top = 20): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the gap before sample i; attributing it to sample i is how DevTools does it.
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);

  const selfByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    selfByArea.set(area(node), (selfByArea.get(area(node)) ?? 0) + ms);
    selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + ms);
  }

  // Inclusive time per function, counting a recursive function once per stack.
  const inclusive = new Map<string, number>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  for (const [id, ms] of self) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const key = label(byId.get(current)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }

  const rows = (entries: Map<string, number>, n: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, ms]) => [key, fmtMs(ms), `${((100 * ms) / totalMs).toFixed(1)}%`]);
  const skip = new Set(['(root)', '(program)', '(idle)']);
  const inclusiveRows = new Map(
    [...inclusive].filter(([key]) => !skip.has(key) && !key.startsWith('(anonymous)')),
  );
  return [
    `CPU profile: ${fmtMs(totalMs)} sampled`,
    '',
    'Self time by area',
    table([['area', 'self', 'share'], ...rows(selfByArea, top)]),
    '',
    'Self time by function',
    table([['function', 'self', 'share'], ...rows(selfByFunction, top)]),
    '',
    'Inclusive time by function',
    table([['function', 'total', 'share'], ...rows(inclusiveRows, top)]),
  ].join('\n');
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** Profiles this thread from now on (the server's, in the commands benchmark). */
export async function startProfiler(intervalUs = 1000): Promise<Session> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
  await post(session, 'Profiler.start');
  return session;
}

export async function stopProfiler(session: Session): Promise<CpuProfile> {
  const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  return profile;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${summariseProfile(profile, top ? Number(top) : 25)}\n`);
}

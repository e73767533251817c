// The initial JavaScript of each console route, gzipped: the entry chunk and what it imports statically, plus the
// route's own lazy chunk and its static imports. Run after `npm run build`: node scripts/route-js-size.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = join(process.cwd(), 'dist', 'web');
const assets = join(dir, 'assets');
const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)[1];

/** A chunk and every chunk it imports statically (`import … from "./x.js"`), not the dynamic `import("./x.js")`. */
function closure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const code = readFileSync(join(assets, name), 'utf8');
  for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g))
    closure(match[1], seen);
  return seen;
}

const gzip = (names) =>
  [...names].reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
const base = closure(entry);
const routes = { 'sign-in': 'SignIn', inbox: 'Inbox', campaign: 'Campaign', admin: 'Admin', desk: 'Desk' };
console.log(`entry ${entry}: ${(gzip(base) / 1024).toFixed(1)} KB gzip (${[...base].join(', ')})`);
for (const [route, prefix] of Object.entries(routes)) {
  const chunk = files.find((name) => name.startsWith(`${prefix}-`));
  if (!chunk) continue;
  const all = closure(chunk, new Set(base));
  console.log(
    `${route}: ${(gzip(all) / 1024).toFixed(1)} KB gzip (${[...all].filter((n) => !base.has(n)).join(', ')})`,
  );
}

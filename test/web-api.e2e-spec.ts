import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specRedisUrl, startApp, type RunningApp } from './support/app';

/**
 * The web console's typed client is generated from the OpenAPI document the API serves (openapi-typescript) and
 * committed: regenerated here and compared, so a change to the API that the console's types miss fails.
 * `npm run web:api` writes it afresh.
 */
const SCHEMA = join(__dirname, '..', 'apps', 'web', 'src', 'api', 'schema.d.ts');
let running: RunningApp;
let dir: string;

beforeAll(async () => {
  running = await startApp({ REDIS_URL: specRedisUrl(8) });
  dir = mkdtempSync(join(tmpdir(), 'web-api-'));
}, 30_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await running.close();
});

it('the console’s committed API types are those generated from the served document', async () => {
  const document = await (await fetch(`${running.url}/docs/openapi.json`)).text();
  writeFileSync(join(dir, 'openapi.json'), document);
  const generated = join(dir, 'schema.d.ts');
  const cli = join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '-o', generated], { stdio: 'pipe' });
  const fresh = readFileSync(generated, 'utf8');
  if (process.env.UPDATE_WEB_API) writeFileSync(SCHEMA, fresh);
  expect(readFileSync(SCHEMA, 'utf8')).toBe(fresh);
}, 60_000);

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { EXIT_TAMPERED } from '../apps/cli/src/audit.command';
import { main } from '../apps/cli/src/main';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';

const url = process.env.EVENT_STORE_TEST_URL;

/** The CLI run in this process, with its output kept. */
async function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await main(args, {
    env,
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
  });
  return { code, ...out };
}

if (url) {
  describe('the service on a PostgreSQL event store', () => {
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'pg-event-store-e2e-'));
    // The read models on PostgreSQL too, as a deployment on one server would have them; each in a schema of its own.
    const env: Record<string, string> = {
      CAMPAIGN: 'nanyang-2015',
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: url,
      EVENT_STORE_SCHEMA: `e2e_events_${suffix}`,
      READ_STORE_URL: url,
      READ_STORE_SCHEMA: `e2e_read_models_${suffix}`,
      REDIS_URL: specRedisUrl(5),
      QUEUE_PREFIX: `pg-e2e-${suffix}`,
      DATA_DIR: dataDir,
    };
    const cliEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
    let running: RunningApp | undefined;
    let officeId: string;

    afterAll(async () => {
      await running?.close(); // drops the read models' schema
      const pool = new Pool({ connectionString: url });
      await pool.query(`DROP SCHEMA IF EXISTS ${env.EVENT_STORE_SCHEMA} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${env.READ_STORE_SCHEMA} CASCADE`);
      await pool.end();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('registers an office, asks to retain it and approves the request', async () => {
      running = await startApp(env);
      const clerk = await signedIn(running.url, 'clerk.xichuan');
      const registered = await clerk.post(
        '/offices',
        registration('henan.nanyang.xichuan', 'urumqi', { pairedAssistance: true }),
      );
      expect(registered.status).toBe(201);
      officeId = registered.body.officeId;
      expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBeLessThan(
        300,
      );
      const approver = await signedIn(running.url, 'approver.xichuan');
      const task = (await approver.get('/tasks')).body.items.find((t: any) => t.officeId === officeId);
      const decided = await approver.post(`/tasks/${task.taskId}/decision`, {
        decision: 'approve',
        comment: '符合对口援助条件',
      });
      expect(decided.status).toBe(200);
      const health = await (await signedIn(running.url, 'admin')).get('/health/ready');
      expect(health.body.eventStore).toMatchObject({ status: 'up', kind: 'postgres' });
    }, 60_000);

    it('finds everything again after a restart, and goes on from there', async () => {
      await running!.app.close(); // the process ends; the log and the read models stay on the server
      running = await startApp(env);
      const supervisor = await signedIn(running.url, 'supervisor.nanyang');
      const timeline = await supervisor.get(`/offices/${officeId}/timeline`);
      expect(timeline.body.items.map((e: any) => e.type)).toEqual([
        'OfficeRegistered',
        'RetentionRequested',
        'DeadlineSet',
        'RetentionForwarded',
        'DeadlineSet',
      ]);
      const office = await supervisor.get(`/offices/${officeId}`);
      expect(office.status).toBe(200);
      const approver = await signedIn(running.url, 'approver.nanyang');
      const task = (await approver.get('/tasks')).body.items.find((t: any) => t.officeId === officeId);
      expect(task).toBeDefined();
      const decided = await approver.post(`/tasks/${task.taskId}/decision`, {
        decision: 'approve',
        comment: '同意保留',
      });
      expect(decided.status).toBe(200);
    }, 60_000);

    it('verifies every hash chain, rebuilds the read models from the log, and finds a change made behind its back', async () => {
      const verified = await cli(['verify', '--json'], cliEnv);
      expect(verified).toMatchObject({ code: 0 });
      expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true });
      const inApi = await (await signedIn(running!.url, 'admin')).get('/audit/verify');
      expect(inApi.body).toMatchObject({ intact: true });

      await running!.app.close();
      running = undefined;
      expect(await cli(['rebuild'], cliEnv)).toMatchObject({ code: 0 });
      const refused = await cli(['backup', join(dataDir, 'backup')], cliEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("backed up with PostgreSQL's tools");

      const pool = new Pool({ connectionString: url });
      try {
        await pool.query(
          `UPDATE ${env.EVENT_STORE_SCHEMA}.events SET data = '{"comment":"改过"}'::json
            WHERE position = (SELECT max(position) FROM ${env.EVENT_STORE_SCHEMA}.events WHERE type = 'OfficeRegistered')`,
        );
      } finally {
        await pool.end();
      }
      const tampered = await cli(['verify'], cliEnv);
      expect(tampered.code).toBe(EXIT_TAMPERED);
      expect(tampered.stdout).toContain('NOT INTACT');
    }, 60_000);
  });
} else {
  describe('the service on a PostgreSQL event store (EVENT_STORE_TEST_URL not set: no PostgreSQL configured)', () => {
    it('refuses to start on PostgreSQL without EVENT_STORE_URL, naming it', async () => {
      await expect(startApp({ EVENT_STORE: 'postgres', EVENT_STORE_URL: '' })).rejects.toThrow(
        /EVENT_STORE=postgres needs EVENT_STORE_URL/,
      );
    });
  });
}

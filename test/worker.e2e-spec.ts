import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { loadConfig } from '@liaison/app';
import { registration, signedIn, startApp, type RunningApp } from './support/app';

/** The production shape: the API appends, a separate worker feeds the read models from the shared log. */
describe('API with the read models fed by a worker (PROJECTIONS=external)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'offices-worker-'));
  let worker: INestApplicationContext | undefined;
  let running: RunningApp;

  const startWorker = async () => {
    const config = loadConfig({
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PROJECTIONS: 'external',
      QUEUE_PREFIX: `worker-e2e-${process.pid}`,
    });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
  };

  beforeAll(async () => {
    await startWorker();
    running = await startApp({ DATA_DIR: dataDir, PROJECTIONS: 'external', READ_MODEL_WAIT_MS: '1500' });
  });

  afterAll(async () => {
    await running.close();
    await worker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a command answers once the worker has applied it, so the caller reads its own write', async () => {
    const api = await signedIn(running.url, 'admin');
    for (let i = 0; i < 5; i++) {
      const registered = await api.post('/offices', registration('henan.nanyang.xixia', 'zhengzhou'));
      expect(registered.headers.get('read-models')).toBeNull();
      const { officeId } = registered.body;
      await api.post(`/offices/${officeId}/abolition`, { decisionReference: '西政〔2015〕2号' });
      const list = await api.get(`/offices?status=abolished&unitId=henan.nanyang.xixia`);
      expect(list.body.items.map((o: any) => o.officeId)).toContain(officeId);
    }
  });

  it('with the worker down a command still succeeds, says the lists lag, and the worker catches up on return', async () => {
    const api = await signedIn(running.url, 'admin');
    await worker!.close();
    worker = undefined;
    const registered = await api.post('/offices', registration('henan.nanyang.xinye', 'zhengzhou'));
    expect(registered.status).toBe(201);
    expect(registered.headers.get('read-models')).toBe('lagging');
    expect(registered.body.readModelsLagging).toBe(true);
    const before = await api.get('/offices?unitId=henan.nanyang.xinye');
    expect(before.body.total).toBe(0);

    await startWorker();
    const deadline = Date.now() + 5000;
    let total = 0;
    while (Date.now() < deadline && total === 0) {
      total = (await api.get('/offices?unitId=henan.nanyang.xinye')).body.total;
      if (total === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(total).toBe(1);
  });
});

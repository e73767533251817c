import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { signedIn, specRedisUrl, startApp, type Client, type RunningApp } from './support/app';
import { eventually, startWorker } from './support/worker';

/**
 * The report's steps (七(三)) on the escalation ladder: on the plan's 2015 dates every step is long overdue, so the
 * worker reminds the city's supervisors, escalates to the province's and lists the report for circulation.
 */
const REDIS_URL = specRedisUrl(0);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `report-deadlines-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
  ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
  DEADLINE_RECONCILE_MS: '1000',
};
const CITY = 'henan.nanyang';

let running: RunningApp;
let worker: INestApplicationContext | undefined;
const as: Record<string, Client> = {};

beforeAll(async () => {
  running = await startApp(ENV);
  for (const name of ['supervisor.nanyang', 'supervisor.henan']) as[name] = await signedIn(running.url, name);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await running.close();
});

interface Notice {
  deadlineId: string;
  kind: string;
  step: string;
}

describe("the report's deadlines on the escalation ladder", () => {
  it("reminds the city's supervisors, escalates to the province's and lists the report for circulation", async () => {
    worker = await startWorker(ENV, running.dataDir);
    const mine = async (user: string) =>
      ((await as[user]!.get('/notices?pageSize=500')).body.items as Notice[]).filter((notice) =>
        notice.kind.startsWith('report-'),
      );
    const city = await eventually(
      'the leading-group notices of the three report steps',
      async () => {
        const notices = await mine('supervisor.nanyang');
        return notices.filter((notice) => notice.step === 'leading-group').length === 3 ? notices : undefined;
      },
      60_000,
    );
    expect(new Set(city.map((notice) => notice.deadlineId))).toEqual(
      new Set([`report-inspection.${CITY}`, `report-review.${CITY}`, `report-submission.${CITY}`]),
    );
    expect(city.filter((notice) => notice.step === 'reminder')).toHaveLength(3);
    const province = await mine('supervisor.henan');
    expect(province.filter((notice) => notice.step === 'escalation')).toHaveLength(3);
    const report = await as['supervisor.nanyang']!.get(`/reports/city/${CITY}`);
    expect(report.body.steps.map((step: { status: string }) => step.status)).toEqual([
      'overdue',
      'overdue',
      'overdue',
    ]);
    expect(report.body.circulation.map((item: { kind: string }) => item.kind).sort()).toEqual(
      expect.arrayContaining(['report-inspection', 'report-review', 'report-submission']),
    );
  }, 90_000);
});

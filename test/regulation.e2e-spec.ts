import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import {
  registration,
  RETENTION,
  signedIn,
  specRedisUrl,
  startApp,
  type Client,
  type RunningApp,
} from './support/app';
import { eventually, startWorker } from './support/worker';

/**
 * A retained office under regulation (四, 五, 六), with demo durations: its yearly disclosure falls due seconds after
 * the retention, so the worker reminds the sponsor's clerks, escalates to the city's supervisors and lists the lapse
 * for circulation (通报) in the city's report. Redis database 6 is this suite's alone.
 */
const REDIS_URL = specRedisUrl(6);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `regulation-e2e-${process.pid}`,
  REGULATION_SLA: 'disclosure=3s',
  ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
  DEADLINE_RECONCILE_MS: '1000',
};
const USERS = ['clerk.nanyang', 'clerk.xichuan', 'approver.nanyang', 'approver.henan', 'supervisor.nanyang'];

let running: RunningApp;
let worker: INestApplicationContext | undefined;
const as: Record<string, Client> = {};
let officeId: string;

beforeAll(async () => {
  running = await startApp(ENV);
  for (const name of USERS) as[name] = await signedIn(running.url, name);
  // The municipal government's Zhengzhou office (三(一)-c), retained municipal → provincial.
  const registered = await as['clerk.nanyang']!.post('/offices', registration('henan.nanyang', 'zhengzhou'));
  officeId = registered.body.officeId as string;
  await as['clerk.nanyang']!.post(`/offices/${officeId}/retention-request`, RETENTION);
  for (const approver of ['approver.nanyang', 'approver.henan']) {
    const inbox = await as[approver]!.get('/tasks?pageSize=200');
    const task = inbox.body.items.find((t: { officeId: string }) => t.officeId === officeId);
    expect((await as[approver]!.post(`/tasks/${task.taskId}/decision`, { decision: 'approve' })).status).toBe(
      200,
    );
  }
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

const path = (rest = '') => `/regulation/offices/${officeId}${rest}`;

describe('a retained office under regulation', () => {
  it('opens with the final approval: decoupling, the first disclosure and appraisal are due', async () => {
    const reply = await as['supervisor.nanyang']!.get(path());
    expect(reply.status).toBe(200);
    expect(reply.body.obligations.map((o: { duty: string; section: string }) => [o.duty, o.section])).toEqual(
      expect.arrayContaining([
        ['decoupling', '五(一)'],
        ['disclosure', '五(三)'],
        ['appraisal', '六(二)'],
      ]),
    );
  });

  it('refuses a function outside 四, a reception without its letter, and an appraisal without the host’s opinion', async () => {
    const fn = await as['clerk.nanyang']!.post(path('/functions'), {
      function: 'project-lobbying',
      activity: '争取项目资金',
      evidence: '无',
      occurredOn: '2015-11-28',
    });
    expect(fn.status).toBe(422);
    expect(fn.body.ruleId).toBe('四');
    expect(JSON.stringify(fn.body)).toMatch(/project-lobbying.*四/);
    const reception = await as['clerk.nanyang']!.post(path('/receptions'), {
      receptionId: 'r-1',
      receivedOn: '2015-11-30',
      guestUnit: '南阳市发展和改革委员会',
      list: '工作餐 4 人',
      cost: 320,
    });
    expect(reception.status).toBe(400);
    expect(JSON.stringify(reception.body)).toMatch(/letterReference.*公函.*五\(二\)/);
    const appraisal = await as['clerk.nanyang']!.post(path('/appraisals'), {
      year: new Date().getUTCFullYear(),
      grade: 'competent',
      summary: '规范',
      hostDepartment: '郑州市机关事务管理局',
    });
    expect(appraisal.status).toBe(400);
    expect(JSON.stringify(appraisal.body)).toMatch(/hostOpinion.*六\(二\)/);
  });

  it('records the decoupling with evidence, a reception, a rotation, an audit and a complaint with its result', async () => {
    const clerk = as['clerk.nanyang']!;
    const records = [
      [
        '/decoupling',
        { entities: ['中州宾馆'], evidence: '脱钩协议 宛管〔2015〕3号', decoupledOn: '2015-11-25' },
      ],
      [
        '/receptions',
        {
          receptionId: 'r-1',
          receivedOn: '2015-11-30',
          guestUnit: '南阳市发展和改革委员会',
          letterReference: '宛发改函〔2015〕12号',
          list: '工作餐 4 人',
          cost: 320,
        },
      ],
      [
        '/rotations',
        { cadre: '赵明', direction: 'out', rotatedOn: '2015-11-30', evidence: '宛组干〔2015〕88号' },
      ],
      [
        '/supervisions',
        {
          kind: 'audit',
          conductedBy: '南阳市审计局',
          conductedOn: '2015-11-30',
          findings: '无',
          evidence: '审计报告',
        },
      ],
      ['/complaints', { complaintId: 'c-1', channel: 'hotline', summary: '反映超标准接待' }],
      [
        '/complaints/c-1/result',
        { investigation: '调阅清单', result: '反映不实', publication: '南阳市政府网站' },
      ],
    ] as const;
    for (const [route, body] of records) {
      const reply = await clerk.post(path(route), body);
      expect([route, reply.status]).toEqual([route, 200]);
    }
    const view = (await as['supervisor.nanyang']!.get(path())).body;
    const status = (duty: string) => view.obligations.find((o: { duty: string }) => o.duty === duty)?.status;
    expect(status('decoupling')).toBe('met');
    expect(status('complaint')).toBe('met');
    expect(view.records.receptions[0]).toMatchObject({ letterReference: '宛发改函〔2015〕12号' });
  });

  it("keeps another unit's clerk and the approvers out", async () => {
    expect((await as['clerk.xichuan']!.get(path())).status).toBe(404);
    expect(
      (
        await as['clerk.xichuan']!.post(path('/rotations'), {
          cadre: '赵明',
          direction: 'in',
          rotatedOn: '2015-11-30',
          evidence: '文件',
        })
      ).status,
    ).toBe(404);
    expect((await as['approver.nanyang']!.get(path())).status).toBe(403);
    expect(
      (
        await as['supervisor.nanyang']!.post(path('/rotations'), {
          cadre: '赵明',
          direction: 'in',
          rotatedOn: '2015-11-30',
          evidence: '文件',
        })
      ).status,
    ).toBe(403);
  });

  it('a missed yearly disclosure is reminded, escalated and listed for circulation in the report', async () => {
    worker = await startWorker(ENV, running.dataDir);
    const disclosure = (notices: { kind: string; step: string; officeId: string | null }[]) =>
      notices.filter((n) => n.kind === 'regulation-disclosure' && n.officeId === officeId);
    const supervised = await eventually(
      'the leading-group notice of the missed disclosure',
      async () => {
        const notices = disclosure((await as['supervisor.nanyang']!.get('/notices?pageSize=500')).body.items);
        return notices.some((n) => n.step === 'leading-group') ? notices : undefined;
      },
      60_000,
    );
    expect(supervised.map((n) => n.step).sort()).toEqual(['escalation', 'leading-group']);
    const clerk = disclosure((await as['clerk.nanyang']!.get('/notices?pageSize=500')).body.items);
    expect(clerk.map((n) => n.step)).toEqual(['reminder']);

    const lapses = (await as['supervisor.nanyang']!.get('/regulation/lapses')).body;
    expect(lapses).toEqual([
      expect.objectContaining({ officeId, duty: 'disclosure', section: '五(三)', lastStep: 'leading-group' }),
    ]);
    const report = (await as['supervisor.nanyang']!.get('/reports/city/henan.nanyang')).body;
    expect(report.circulation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'regulation-disclosure', unitId: 'henan.nanyang' }),
      ]),
    );

    // Publishing the year meets it and records the next year's deadline: the lapse is gone.
    const year = Number(lapses[0].subject);
    const published = await as['clerk.nanyang']!.post(path('/disclosures'), {
      year,
      budget: 50000,
      spending: 12000,
      venues: '定点饭店 2 家',
      publication: '南阳市人民政府网站',
    });
    expect(published.body.recorded).toEqual(['DisclosurePublished', 'RegulationDeadlineSet']);
    expect((await as['supervisor.nanyang']!.get('/regulation/lapses')).body).toEqual([]);
  }, 90_000);
});

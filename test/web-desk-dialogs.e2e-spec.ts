import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { registration, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import {
  accessibilityViolations,
  CHINESE,
  ENGLISH,
  launchChromium,
  signInAs,
  type SignInLabels,
} from './support/browser';

/**
 * The desk's dialogs the other desk spec does not open, each end to end in a real browser against the real app:
 * abolishing an office, resubmitting a retention request an approver returned, and filing the work summary. Each
 * result is checked on the screen and through the API.
 */
const REDIS_URL = specRedisUrl(6);
const ENV = { REDIS_URL, QUEUE_PREFIX: `web-desk-dialogs-e2e-${process.pid}`, CAMPAIGN: 'nanyang-2015' };
const RETENTION = {
  justification: '承担招商引资联络服务',
  functions: ['economic-cooperation'],
  decoupledFromBusinessEntities: true,
};

let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp(ENV);
}, 120_000);

afterAll(async () => {
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await browser?.close();
  await running?.close();
});

/** A fresh context signed in through the console's form, in the language given. */
async function open(username: string, labels: SignInLabels): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(running.url);
  if (labels === ENGLISH) await page.getByText('EN', { exact: true }).click();
  await signInAs(page, running.url, username, labels);
  return page;
}

/** The office's page on the desk. */
async function openOffice(page: Page, officeId: string): Promise<void> {
  await page.goto(`${running.url}/console/desk/offices/${officeId}`);
  await page.getByTestId('desk-office').waitFor();
}

async function register(clerk: string, unitId: string, hostCityId: string, name: string): Promise<string> {
  const api = await signedIn(running.url, clerk);
  const created = await api.post('/offices', registration(unitId, hostCityId, { name }));
  expect(created.status).toBe(201);
  return created.body.officeId as string;
}

describe('the desk’s dialogs', () => {
  it('abolishes a proposed office with the decision’s reference and a reason', async () => {
    const officeId = await register(
      'clerk.xichuan',
      'henan.nanyang.xichuan',
      'zhengzhou',
      '淅川县驻郑州联络处',
    );
    const page = await open('clerk.xichuan', ENGLISH);
    await openOffice(page, officeId);
    await page.getByRole('button', { name: 'Abolish' }).click();
    // Submitting without the reference is stopped in the form, not sent.
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('dialog').getByText('Required', { exact: true }).waitFor();
    await page.getByLabel('Decision reference').fill('淅政〔2015〕52号');
    await page.getByLabel('Reason').fill('不符合保留条件');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('desk-office').getByText('Abolished', { exact: true }).waitFor();
    // Nothing registered to dispose of or place: the office may close at once, and abolishing is done.
    await page.getByTestId('desk-next-action').getByText('Close the office').waitFor();
    expect(await page.getByRole('button', { name: 'Close the office' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Abolish' }).count()).toBe(0);

    const office = (await (await signedIn(running.url, 'clerk.xichuan')).get(`/offices/${officeId}`)).body;
    expect(office.status).toBe('abolished');
    await page.context().close();
  }, 120_000);

  it('resubmits a retention request the approver returned, with the comment in view', async () => {
    const officeId = await register('clerk.nanyang', 'henan.nanyang', 'zhengzhou', '南阳市驻郑州联络处');
    const clerk = await signedIn(running.url, 'clerk.nanyang');
    expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
    const approver = await signedIn(running.url, 'approver.nanyang');
    const taskOf = async () =>
      (await approver.get('/tasks?pageSize=200')).body.items.find(
        (task: { officeId: string }) => task.officeId === officeId,
      ) as { taskId: string } | undefined;
    const first = (await taskOf())!;
    const comment = '请补充接待经费公开情况(五(三))';
    const returned = await approver.post(`/tasks/${first.taskId}/decision`, { decision: 'return', comment });
    expect(returned.body.status).toBe('returned-for-revision');

    const page = await open('clerk.nanyang', CHINESE);
    await openOffice(page, officeId);
    await page.getByTestId('desk-office').getByText(comment).waitFor();
    await page.getByRole('button', { name: '重新报送保留申请' }).click();
    // The dialog starts from the request as it was.
    const justification = page.getByLabel('保留理由');
    expect(await justification.inputValue()).toBe(RETENTION.justification);
    await justification.fill('承担招商引资联络服务;接待经费已按五(三)公开');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('desk-office').getByText('已申请保留').waitFor();
    await page.getByTestId('desk-next-action').getByText('等待审批').waitFor();

    const office = (await clerk.get(`/offices/${officeId}`)).body;
    expect(office.status).toBe('retention-requested');
    expect(office.retentionRequest.justification).toBe('承担招商引资联络服务;接待经费已按五(三)公开');
    const again = await taskOf();
    expect(again).toBeDefined();
    expect(again!.taskId).not.toBe(first.taskId);
    await page.context().close();
  }, 120_000);

  it('files the work summary once the work plan is in, and files it again', async () => {
    const clerk = await signedIn(running.url, 'clerk.xichuan');
    const unit = 'henan.nanyang.xichuan';
    const page = await open('clerk.xichuan', ENGLISH);
    const filings = page.getByTestId('desk-filings');
    const fileSummary = filings.getByRole('button', { name: 'File the work summary' });
    await fileSummary.waitFor();
    expect(await fileSummary.isDisabled()).toBe(true);
    const plan = await clerk.post(`/units/${unit}/work-plan`, {
      leadDepartment: '县政府办公室',
      liaisonPerson: { name: '王联络', phone: '0377-69212345' },
      plan: '全面清理驻外办事机构',
    });
    expect(plan.status).toBe(200);
    await page.reload();
    await filings.getByTestId('filed-work-plan').waitFor();

    await fileSummary.click();
    await page.getByRole('textbox', { name: 'Work summary' }).fill('撤销驻外办事机构 3 个,资产全部处置');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await filings.getByTestId('filed-work-summary').waitFor();
    const filed = (await clerk.get(`/units/${unit}/filings`)).body;
    expect(filed.workSummary.summary).toBe('撤销驻外办事机构 3 个,资产全部处置');

    // Filing again starts from the summary on file; the API keeps the latest.
    await fileSummary.click();
    const text = page.getByRole('textbox', { name: 'Work summary' });
    expect(await text.inputValue()).toBe('撤销驻外办事机构 3 个,资产全部处置');
    await text.fill('撤销驻外办事机构 3 个,资产全部处置,人员全部安置');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const latest = (await clerk.get(`/units/${unit}/filings`)).body;
    expect(latest.workSummary.summary).toBe('撤销驻外办事机构 3 个,资产全部处置,人员全部安置');
    await page.context().close();
  }, 120_000);
});

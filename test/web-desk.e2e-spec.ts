import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { bullConnection, DEADLINE_QUEUE } from '@liaison/app';
import { registration, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import {
  accessibilityViolations,
  CHINESE,
  ENGLISH,
  launchChromium,
  screenshot,
  signInAs,
  type SignInLabels,
} from './support/browser';
import { eventually, startWorker } from './support/worker';

/**
 * The clerk's desk in a real browser against the real app and worker: Nanyang's campaign with the plan's own dates
 * (long past), so the unit's filings are overdue and their reminders arrive as soon as the worker starts.
 */
const REDIS_URL = specRedisUrl(1);
const ENV = {
  REDIS_URL,
  QUEUE_PREFIX: `web-desk-e2e-${process.pid}`,
  CAMPAIGN: 'nanyang-2015',
  ESCALATION_LADDER: 'reminder=0s,escalation=1s,leading-group=2s',
  DEADLINE_RECONCILE_MS: '1000',
};
const ABOLISHED = '淅川县人民政府驻郑州办事处';
const NEW_OFFICE = '淅川县人民政府驻乌鲁木齐联络处';

let running: RunningApp;
let worker: INestApplicationContext | undefined;
let browser: Browser;
let abolishedId: string;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp(ENV);
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const office = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'zhengzhou', {
      name: ABOLISHED,
      assets: [
        { assetId: 'building-1', kind: 'building', description: '金水路办公楼', bookValue: 1800000 },
        { assetId: 'vehicle-1', kind: 'vehicle', description: '公务车 豫R·12345', bookValue: 120000 },
      ],
      staff: [{ staffId: 'staff-1', name: '王建国' }],
    }),
  );
  expect(office.status).toBe(201);
  abolishedId = office.body.officeId;
  const abolished = await clerk.post(`/offices/${abolishedId}/abolition`, {
    decisionReference: '淅政〔2015〕41号',
  });
  expect(abolished.status).toBe(200);
  worker = await startWorker(ENV, running.dataDir);
  // The overdue filings' reminders, sent by the worker, before any page is opened on them.
  await eventually(
    'the work plan and work summary reminders',
    async () => ((await clerk.get('/notices?unread=true')).body.unread >= 2 ? true : undefined),
    90_000,
  );
}, 180_000);

afterAll(async () => {
  await worker?.close();
  const queue = new Queue(DEADLINE_QUEUE, {
    connection: bullConnection(REDIS_URL, 'producer'),
    prefix: ENV.QUEUE_PREFIX,
  });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await browser?.close();
  await running?.close();
});

/** A fresh context in the language chosen, signed in; every request it makes is watched for other hosts. */
async function open(username: string, labels: SignInLabels): Promise<{ page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(running.url) && !request.url().startsWith('data:'))
      outside.push(request.url());
  });
  await page.goto(running.url);
  if (labels === ENGLISH) await page.getByText('EN', { exact: true }).click();
  await signInAs(page, running.url, username, labels);
  return { page, outside };
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Ant Design's select: open it (typing where it searches), then take the option. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  const select = page.getByLabel(label);
  await select.click();
  if (await select.isEditable()) await select.fill(text);
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** On a tablet held upright the screen reflows into one column: nothing runs off to the side. */
async function expectFitsTablet(page: Page): Promise<void> {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1366, height: 768 });
}

const officeRow = (page: Page, name: string) =>
  page.getByTestId('desk-offices').getByRole('row', { name: new RegExp(name) });

describe('the clerk’s desk', () => {
  it('registers an office seeing the rule first, requests retention, files the work plan; notices count unread', async () => {
    const { page, outside } = await open('clerk.xichuan', CHINESE);
    await page.waitForURL(/\/console\/desk$/);
    await officeRow(page, ABOLISHED).getByText('处置资产、安置人员').waitFor();
    await page.getByTestId('desk-notices').getByText('提醒').first().waitFor();
    // The badge animates its digits: the number itself is in data-unread.
    const unreadShown = async () => Number(await page.getByTestId('desk-unread').getAttribute('data-unread'));
    expect(await unreadShown()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'desk.zh-CN');
    await expectAccessible(page);

    await page.getByRole('button', { name: '登记办事机构' }).click();
    await page.getByLabel('机构名称').fill(NEW_OFFICE);
    await choose(page, '驻在地', '乌鲁木齐');
    // Before submitting: a county office outside the province is not retained (三(二)) …
    const preview = page.getByTestId('rule-preview').getByRole('alert');
    await preview.getByText('三(二)', { exact: true }).waitFor();
    await preview.getByTestId('rule-outcome').getByText('撤销', { exact: true }).waitFor();
    // … unless it does paired assistance work (三(二)-exception).
    await page.getByLabel('从事对口援助工作(三(二))').click();
    await preview.getByText('三(二)-exception').waitFor();
    await page.getByTestId('rule-preview').getByText('从事对口援助的驻省会城市办事机构可予保留').waitFor();
    await screenshot(page, 'desk-register.zh-CN');
    await expectAccessible(page);
    await page.getByRole('button', { name: /提\s*交/ }).click();

    const row = officeRow(page, NEW_OFFICE);
    await row.getByText('申请保留或撤销').waitFor();
    await row.getByText('三(二)-exception').waitFor();
    await row.getByRole('link', { name: NEW_OFFICE }).click();
    await page.getByTestId('desk-office').waitFor();
    await page.getByRole('button', { name: '申请保留' }).click();
    await page.getByLabel('保留理由').fill('承担对口援助新疆的联络服务工作');
    await page.getByLabel('经济合作').check();
    await page.getByLabel('已与所属宾馆、招待所等经营性实体脱钩(五(一))').check();
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('desk-office').getByText('已申请保留').waitFor();
    await page.getByTestId('desk-next-action').getByText('等待审批').waitFor();
    await screenshot(page, 'desk-office.zh-CN');
    await expectAccessible(page);

    await page.getByRole('link', { name: '返回工作台' }).click();
    await page.getByRole('button', { name: '报送工作方案' }).click();
    await page.getByLabel('牵头部门').fill('县政府办公室');
    await page.getByLabel('联络员').fill('王联络');
    await page.getByLabel('联络电话').fill('0377-69212345');
    await page.getByLabel('工作方案', { exact: true }).fill('全面清理驻外办事机构,6月底前完成摸底');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('filed-work-plan').waitFor();
    // Reading a notice takes it off the unread count: the badge counts the notices still to read.
    const notices = page.getByTestId('desk-notices');
    await notices.getByRole('button', { name: '标为已读' }).first().click();
    await notices.getByText('已读', { exact: true }).first().waitFor();
    expect(await unreadShown()).toBe(await notices.getByRole('button', { name: '标为已读' }).count());
    expect(outside).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('on an abolished office records a disposal and a placement; a private sale is refused under 八(三)', async () => {
    const { page, outside } = await open('clerk.xichuan', ENGLISH);
    await page.getByTestId('desk-offices').waitFor();
    await screenshot(page, 'desk.en');
    await expectAccessible(page);
    await expectFitsTablet(page);
    await officeRow(page, ABOLISHED).getByRole('link', { name: ABOLISHED }).click();
    const checklist = page.getByTestId('desk-checklist');
    await checklist.getByText('Assets disposed of 0/2').waitFor();

    await checklist.getByTestId('asset-vehicle-1').getByRole('button', { name: 'Record disposal' }).click();
    await choose(page, 'Kind of recipient', 'Private party');
    await page.getByLabel('Recipient', { exact: true }).fill('某汽车销售有限公司');
    await page.getByLabel('Approval reference').fill('宛国资〔2015〕12号');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('desk-refusal').getByText('八(三)').waitFor();
    await screenshot(page, 'desk-refusal.en');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await checklist.getByTestId('asset-building-1').getByRole('button', { name: 'Record disposal' }).click();
    await choose(page, 'Kind of recipient', 'Government body');
    await page.getByLabel('Recipient', { exact: true }).fill('郑州市机关事务管理局');
    await page.getByLabel('Approval reference').fill('宛国资〔2015〕13号');
    await page.getByRole('button', { name: 'Submit' }).click();
    await checklist.getByText('Assets disposed of 1/2').waitFor();

    await checklist.getByTestId('staff-staff-1').getByRole('button', { name: 'Record placement' }).click();
    await page.getByLabel('Destination').fill('淅川县商务局');
    await page.getByRole('button', { name: 'Submit' }).click();
    await checklist.getByText('Staff placed 1/1').waitFor();
    expect(await page.getByRole('button', { name: 'Close the office' }).isDisabled()).toBe(true);
    await screenshot(page, 'desk-office.en');
    await expectAccessible(page);
    await expectFitsTablet(page);

    // The vehicle goes to a private buyer the lawful way, by public auction: then everything is done.
    await checklist.getByTestId('asset-vehicle-1').getByRole('button', { name: 'Record disposal' }).click();
    await choose(page, 'Method', 'Public auction');
    await choose(page, 'Kind of recipient', 'Private party');
    await page.getByLabel('Recipient', { exact: true }).fill('某汽车销售有限公司');
    await page.getByLabel('Approval reference').fill('宛国资〔2015〕14号');
    await page.getByRole('button', { name: 'Submit' }).click();
    await checklist.getByText('Assets disposed of 2/2').waitFor();
    await page.getByRole('button', { name: 'Close the office' }).click();
    await page.getByTestId('desk-office').getByText('Closed', { exact: true }).waitFor();
    expect(outside).toEqual([]);
    await page.context().close();
  }, 240_000);

  it.each([
    ['Chinese', CHINESE, '未找到该办事机构'],
    ['English', ENGLISH, 'No such office'],
  ])(
    'a clerk of another county cannot reach the office (%s)',
    async (_language, labels, notFound) => {
      const api = await signedIn(running.url, 'clerk.xixia');
      expect((await api.get(`/offices/${abolishedId}`)).status).toBe(404);
      const { page } = await open('clerk.xixia', labels);
      await page.goto(`${running.url}/console/desk/offices/${abolishedId}`);
      await page.getByTestId('desk-not-found').getByText(notFound).waitFor();
      await expect(page.getByText(ABOLISHED).count()).resolves.toBe(0);
      await screenshot(page, `desk-not-found.${labels === ENGLISH ? 'en' : 'zh-CN'}`);
      await expectAccessible(page);
      await page.context().close();
    },
    60_000,
  );
});

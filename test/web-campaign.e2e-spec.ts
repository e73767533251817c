import type { Browser, BrowserContext, Page } from 'playwright-core';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import {
  accessibilityViolations,
  CHINESE,
  ENGLISH,
  launchChromium,
  screenshot,
  signInAs,
  type SignInLabels,
} from './support/browser';

/**
 * The supervisor's campaign and the administrator's screens in a real browser against the real app: the campaign
 * replayed as of an instant before a decision shows the counts of then; an office's timeline; event search and
 * export; the hash chain verified; an account created with its one-time password shown once; a unit renamed.
 */
const OFFICE = '淅川县人民政府驻乌鲁木齐联络处';
const DEPARTMENT = 'henan.nanyang.tanghe.education';

let running: RunningApp;
let browser: Browser;
let officeId: string;
/** Between the retention request and the county's rejection, to the second (the date control's resolution). */
let beforeRejection: string;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp({ REDIS_URL: specRedisUrl(2), CAMPAIGN: 'nanyang-2015' });
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const office = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { name: OFFICE, pairedAssistance: true }),
  );
  officeId = office.body.officeId;
  expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
  await pause(1_500);
  beforeRejection = new Date().toISOString();
  await pause(1_500);
  const approver = await signedIn(running.url, 'approver.xichuan');
  const task = (await approver.get('/tasks')).body.items.find((t: any) => t.officeId === officeId);
  const rejected = await approver.post(`/tasks/${task.taskId}/decision`, {
    decision: 'reject',
    comment: '不符合对口援助条件',
  });
  expect(rejected.status).toBe(200);
  const admin = await signedIn(running.url, 'admin');
  const added = await admin.post('/units', {
    parentId: 'henan.nanyang.tanghe',
    key: 'education',
    name: '唐河县教育局',
    kind: 'department',
    reason: '唐河县教育局驻郑州办事处需登记',
  });
  expect(added.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

/** A browser in Nanyang's zone, at the size of a small laptop, in the language given; nothing from another host. */
async function open(
  locale: 'en' | 'zh-CN',
): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  // The console remembers the language in localStorage, as when the user picks it in the header.
  await context.addInitScript(`localStorage.setItem('locale', '${locale}')`);
  const page = await context.newPage();
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(running.url) && !request.url().startsWith('data:'))
      outside.push(request.url());
  });
  return { context, page, outside };
}

async function expectAccessible(page: Page): Promise<void> {
  // The pointer off the page: the check is of the screen at rest, not of the button last clicked while hovered.
  await page.mouse.move(0, 0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Waits until the count of offices in a status reads n. */
const counted = (page: Page, status: string, n: number) =>
  page
    .getByTestId('status-counts')
    .locator(`[data-status="${status}"]`)
    .filter({ hasText: new RegExp(`^${n}$`) })
    .waitFor();

/** The instant as the date control reads it: Asia/Shanghai, to the second. */
function shanghai(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

describe('the supervisor’s campaign', () => {
  it.each([['en', ENGLISH] as const, ['zh-CN', CHINESE] as const])(
    'in %s: counts and charts, replay before a decision, a timeline, event search and export, the chain',
    async (locale, labels: SignInLabels) => {
      const { context, page, outside } = await open(locale);
      await signInAs(page, running.url, 'supervisor.nanyang', labels);
      await page.goto(`${running.url}/console/campaign`);
      await counted(page, 'rejected', 1);
      await counted(page, 'retention-requested', 0);
      await page.locator('canvas').first().waitFor();
      await screenshot(page, `campaign.${locale}`);
      await expectAccessible(page);

      // Back to before the county's rejection: the office was still waiting for a decision then.
      const asOf = page.locator('#as-of');
      await asOf.click();
      await asOf.fill(shanghai(beforeRejection));
      await asOf.press('Enter');
      await counted(page, 'retention-requested', 1);
      await counted(page, 'rejected', 0);
      await page.keyboard.press('Escape');

      if (locale === 'en') {
        await page.getByRole('tab', { name: 'Office timeline' }).click();
        const picker = page.getByLabel('Office', { exact: true });
        await picker.click();
        await picker.fill('乌鲁木齐');
        await page.locator('.ant-select-item-option', { hasText: OFFICE }).click();
        const timeline = page.getByTestId('office-timeline');
        await timeline.getByText('RetentionRejected').waitFor();
        await timeline.getByText('不符合对口援助条件').first().waitFor();
        await screenshot(page, 'campaign-timeline.en');
        await expectAccessible(page);

        await page.getByRole('tab', { name: 'Event search' }).click();
        await page.getByLabel('Event type').fill('RetentionRejected');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByTestId('event-results').getByText('approver.xichuan').waitFor();
        const href = await page.getByTestId('export-csv').getAttribute('href');
        expect(href).toBe('/events/export?format=csv&type=RetentionRejected');
        const exported = await page.request.get(`${running.url}${href}`);
        expect(exported.status()).toBe(200);
        expect(await exported.text()).toContain('RetentionRejected');
        await expectAccessible(page);

        for (const tab of ['Circulation', 'Who holds what']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.locator('.ant-table').first().waitFor();
          await expectAccessible(page);
        }

        await page.getByRole('tab', { name: 'Hash chain' }).click();
        await page.getByTestId('verify').click();
        await page.getByTestId('chain-state').filter({ hasText: 'Intact' }).waitFor();
        await expectAccessible(page);
      }
      expect(outside).toEqual([]);
      await context.close();
    },
    120_000,
  );
});

describe('the administrator', () => {
  it.each([['en', ENGLISH, 'en.user'] as const, ['zh-CN', CHINESE, 'zh.user'] as const])(
    'in %s: creates an account and sees its one-time password once, renames a unit',
    async (locale, labels: SignInLabels, username) => {
      const en = locale === 'en';
      const { context, page, outside } = await open(locale);
      await signInAs(page, running.url, 'admin', labels);
      await page.goto(`${running.url}/console/admin/users`);
      await page.getByTestId('users').getByText('supervisor.nanyang').waitFor();
      await screenshot(page, `admin-users.${locale}`);
      await expectAccessible(page);

      await page.getByRole('button', { name: en ? 'New account' : '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(en ? 'Username' : '用户名').fill(username);
      await dialog.getByLabel(en ? 'Name' : '姓名', { exact: true }).fill('桐柏县审批人');
      await dialog.getByLabel(en ? 'Unit' : '单位', { exact: true }).fill('henan.nanyang.tongbai');
      await dialog.getByLabel(en ? 'Reason' : '理由').fill('桐柏县审批人到岗');
      await dialog.getByRole('button', { name: en ? 'Confirm' : /确\s*定/ }).click();
      const password = page.getByTestId('one-time-password');
      await password.filter({ hasText: /\S{8,}/ }).waitFor();
      await expectAccessible(page);
      await page
        .getByRole('button', { name: 'OK' })
        .or(page.getByRole('button', { name: /知\s*道\s*了|确\s*定/ }))
        .click();
      await page.getByTestId('users').getByText(username).waitFor();

      if (en) {
        await page.getByRole('tab', { name: 'Units' }).click();
        await page.getByLabel('Search by name, id or code').fill(DEPARTMENT);
        const row = page.getByTestId('units').getByRole('row', { name: /唐河县教育局/ });
        await row.getByRole('button', { name: 'Rename' }).click();
        await dialog.getByLabel('Name', { exact: true }).fill('唐河县教育体育局');
        await dialog.getByLabel('Reason').fill('机构改革更名');
        await dialog.getByRole('button', { name: 'Confirm' }).click();
        await page.getByTestId('units').getByText('唐河县教育体育局').waitFor();
        await expectAccessible(page);

        await page.getByRole('tab', { name: 'Operations' }).click();
        await page.getByText('None running').waitFor();
        await expectAccessible(page);
      }
      expect(outside).toEqual([]);
      await context.close();
    },
    120_000,
  );
});

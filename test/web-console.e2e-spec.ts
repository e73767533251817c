import type { Browser, Page } from 'playwright-core';
import { registration, RETENTION, signedIn, specRedisUrl, startApp, type RunningApp } from './support/app';
import { accessibilityViolations, launchChromium, screenshot } from './support/browser';

/**
 * The web console in a real browser (Debian's chromium, driven by playwright-core) against the real app serving the
 * built console: a county approver approves a task, which leaves their list and reaches the municipal approver's.
 */
const OFFICE = '淅川县人民政府驻乌鲁木齐联络处';
const SECOND = '淅川县人民政府驻喀什联络处';
const THIRD = '淅川县人民政府驻霍尔果斯联络处';
let thirdId: string;

let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp({ REDIS_URL: specRedisUrl(7) });
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const office = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'urumqi', { name: OFFICE, pairedAssistance: true }),
  );
  expect(office.status).toBe(201);
  expect((await clerk.post(`/offices/${office.body.officeId}/retention-request`, RETENTION)).status).toBe(
    200,
  );
  const second = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'kashgar', { name: SECOND, pairedAssistance: true }),
  );
  expect(second.status).toBe(201);
  expect((await clerk.post(`/offices/${second.body.officeId}/retention-request`, RETENTION)).status).toBe(
    200,
  );
  const third = await clerk.post(
    '/offices',
    registration('henan.nanyang.xichuan', 'horgos', { name: THIRD, pairedAssistance: true }),
  );
  expect(third.status).toBe(201);
  thirdId = third.body.officeId;
  expect((await clerk.post(`/offices/${thirdId}/retention-request`, RETENTION)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function signIn(
  page: Page,
  username: string,
  labels: { username: string; password: string; submit: RegExp },
) {
  await page.goto(running.url);
  await page.getByLabel(labels.username).fill(username);
  await page.getByLabel(labels.password).fill('demo-password');
  await page.getByRole('button', { name: labels.submit }).click();
}

/** What the functions evaluated in the page use of it (this file is compiled without the DOM's types). */
interface InPage {
  document: {
    activeElement: { textContent: string | null } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
}

const taskRow = (page: Page, office = OFFICE) =>
  page.getByTestId('task-list').getByRole('row', { name: new RegExp(office) });

describe('the web console', () => {
  it('is served at / and its client routes, while unknown paths stay the API’s JSON 404', async () => {
    const page = await fetch(`${running.url}/inbox`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//); // nothing from another host
    const missing = await fetch(`${running.url}/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('the municipal approver, with the list open, sees the county’s approval arrive without reloading', async () => {
    const outside: string[] = [];
    const watch = (page: Page) =>
      page.on('request', (request) => {
        if (!request.url().startsWith(running.url) && !request.url().startsWith('data:'))
          outside.push(request.url());
      });
    // The municipal approver, in Chinese (the default), opens the list first: the task is not there yet.
    const municipal = await browser.newContext();
    const municipalPage = await municipal.newPage();
    watch(municipalPage);
    let municipalLoads = 0;
    municipalPage.on('load', () => municipalLoads++);
    await signIn(municipalPage, 'approver.nanyang', {
      username: '用户名',
      password: '密码',
      submit: /登\s*录/,
    });
    await municipalPage.getByTestId('task-list').waitFor();
    expect(await taskRow(municipalPage).count()).toBe(0);
    const loadsBefore = municipalLoads;

    const county = await browser.newContext();
    const countyPage = await county.newPage();
    watch(countyPage);
    await countyPage.goto(running.url);
    // English, chosen at run time and remembered across a reload.
    await countyPage.getByText('EN', { exact: true }).click();
    await countyPage.reload();
    await signIn(countyPage, 'approver.xichuan', {
      username: 'Username',
      password: 'Password',
      submit: /Sign in/,
    });
    await countyPage.getByTestId('current-user').getByText('Approver').waitFor();
    await taskRow(countyPage).waitFor();
    await taskRow(countyPage, SECOND).waitFor();
    await screenshot(countyPage, 'inbox.en');
    expect(await accessibilityViolations(countyPage)).toEqual([]);

    // The keyboard: arrows move between rows, Enter opens one.
    await taskRow(countyPage).focus();
    await countyPage.keyboard.press('ArrowDown');
    const focused = await countyPage.evaluate(
      () => (globalThis as unknown as InPage).document.activeElement?.textContent ?? '',
    );
    expect(focused).toContain(SECOND);
    await countyPage.keyboard.press('ArrowUp');
    await countyPage.keyboard.press('Enter');
    const detail = countyPage.getByTestId('task-detail');
    await detail.getByText(OFFICE).first().waitFor();
    await detail.getByText('三(二)', { exact: false }).first().waitFor();
    await detail.getByText('In English').waitFor();
    await detail
      .getByTestId('reminders')
      .getByText('Escalation to the tier above', { exact: false })
      .waitFor();
    await screenshot(countyPage, 'task-detail.en');
    expect(await accessibilityViolations(countyPage)).toEqual([]);
    await countyPage.getByRole('button', { name: 'Approve' }).click();
    await taskRow(countyPage).waitFor({ state: 'detached' });

    // Pushed: the task arrives in the open municipal list, with no reload.
    await taskRow(municipalPage).waitFor({ timeout: 15_000 });
    expect(municipalLoads).toBe(loadsBefore);
    await screenshot(municipalPage, 'inbox.zh-CN');
    expect(await accessibilityViolations(municipalPage)).toEqual([]);
    await taskRow(municipalPage).click();
    const decisions = municipalPage.getByTestId('decisions');
    await decisions.getByText('县级').waitFor();
    await decisions.getByText('approver.xichuan', { exact: false }).waitFor();
    await municipalPage.getByTestId('task-detail').getByText('英文释义').waitFor();
    await screenshot(municipalPage, 'task-detail.zh-CN');
    expect(await accessibilityViolations(municipalPage)).toEqual([]);
    expect(outside).toEqual([]);

    // A laptop and a tablet: nothing runs off the side of the page.
    for (const size of [
      { width: 1366, height: 768 },
      { width: 768, height: 1024 },
    ]) {
      await municipalPage.setViewportSize(size);
      await taskRow(municipalPage).waitFor();
      const overflow = await municipalPage.evaluate(() => {
        const { documentElement } = (globalThis as unknown as InPage).document;
        return documentElement.scrollWidth - documentElement.clientWidth;
      });
      expect({ ...size, overflow }).toEqual({ ...size, overflow: 0 });
    }

    await municipalPage.getByRole('button', { name: /退\s*出/ }).click();
    await municipalPage.getByLabel('用户名').waitFor();
    await county.close();
    await municipal.close();
  }, 120_000);

  it('a new approver changes the one-time password first; rejecting asks for a reason; a lost race and an expired session are told', async () => {
    const admin = await signedIn(running.url, 'admin');
    const created = await admin.post('/users', {
      username: 'approver.xichuan.3',
      displayName: '淅川县审批人三',
      role: 'approver',
      unitId: 'henan.nanyang.xichuan',
      reason: '到岗',
    });
    expect(created.status).toBe(201);
    const context = await browser.newContext();
    // No push on this page: it keeps a task another approver decides, and learns of it by acting (409).
    await context.route('**/tasks/stream', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(running.url);
    await page.getByText('EN', { exact: true }).click();
    await page.getByLabel('Username').fill('approver.xichuan.3');
    await page.getByLabel('Password').fill(created.body.oneTimePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Choose a new password').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('At least 8 characters').first().waitFor();
    await page.getByLabel('New password', { exact: true }).fill('my-own-password');
    await page.getByLabel('New password again').fill('my-own-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await taskRow(page, SECOND).click();
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('A reason is required to reject').waitFor();
    await page.getByLabel('Reason').fill('职能已并入县政府办');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await taskRow(page, SECOND).waitFor({ state: 'detached' });

    // A lost race: another approver decides the task shown here first; the page says who, and when.
    await taskRow(page, THIRD).click();
    await page.getByTestId('task-detail').getByText(THIRD).first().waitFor();
    const other = await signedIn(running.url, 'approver.xichuan');
    const inbox = await other.get('/tasks');
    const task = inbox.body.items.find((t: { officeId: string }) => t.officeId === thirdId);
    expect((await other.post(`/tasks/${task.taskId}/decision`, { decision: 'approve' })).status).toBe(200);
    await page.getByRole('button', { name: 'Approve' }).click();
    const lost = page.getByTestId('lost-race');
    await lost.getByText('Someone else acted on this task first').waitFor();
    await lost.getByText(/approver\.xichuan: Approved and forwarded, \w{3} \d+, \d{4}/).waitFor();

    // The session ends behind the page's back: the next request says so and asks to sign in again.
    await context.clearCookies();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('session-expired').waitFor();
    await page.getByLabel('Username').waitFor();
    await context.close();
  }, 90_000);

  it('a screen whose code fails to load says so beside the menu, and a reload brings it back', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The task list's chunk refused, as when a deployment replaced it while the page was open.
    await page.route('**/assets/Inbox-*.js', (route) => route.abort());
    await signIn(page, 'approver.nanyang', { username: '用户名', password: '密码', submit: /登\s*录/ });
    const failed = page.getByTestId('screen-failed');
    await failed.getByText('页面出现错误').waitFor();
    await page.getByTestId('current-user').waitFor();
    expect(await taskRow(page).count()).toBe(0);
    await page.unroute('**/assets/Inbox-*.js');
    await failed.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('task-list').waitFor();
    expect(await failed.count()).toBe(0);
    await context.close();
  }, 60_000);
});

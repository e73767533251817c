import { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
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
 * The desk's regulation panel for a retained office (四, 五, 六), in a real browser against the real app: the clerk
 * records a function served, is refused one outside 四, publishes the year's disclosure and sees the duty met. Each
 * result is checked on the screen and through the API; a supervisor finds the office's lapse in the campaign area.
 * Redis database 7, under a queue prefix of this spec's own.
 */
const REDIS_URL = specRedisUrl(7);
// The decoupling falls due seconds after the retention, so a lapse is there for the supervisor to see.
const ENV = { REDIS_URL, QUEUE_PREFIX: `web-regulation-e2e-${process.pid}`, REGULATION_SLA: 'decoupling=3s' };

let running: RunningApp;
let browser: Browser;
let clerk: Client;
let officeId: string;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp(ENV);
  clerk = await signedIn(running.url, 'clerk.nanyang');
  // The municipal government's Zhengzhou office (三(一)-c), retained municipal → provincial.
  const registered = await clerk.post('/offices', registration('henan.nanyang', 'zhengzhou'));
  officeId = registered.body.officeId as string;
  expect((await clerk.post(`/offices/${officeId}/retention-request`, RETENTION)).status).toBe(200);
  for (const name of ['approver.nanyang', 'approver.henan']) {
    const approver = await signedIn(running.url, name);
    const inbox = await approver.get('/tasks?pageSize=200');
    const task = inbox.body.items.find((t: { officeId: string }) => t.officeId === officeId);
    expect((await approver.post(`/tasks/${task.taskId}/decision`, { decision: 'approve' })).status).toBe(200);
  }
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

/** The retained office's page, signed in through the console's form in the language given, its panel open. */
async function openPanel(labels: SignInLabels, button: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(running.url);
  if (labels === ENGLISH) await page.getByText('EN', { exact: true }).click();
  await signInAs(page, running.url, 'clerk.nanyang', labels);
  await page.goto(`${running.url}/console/desk/offices/${officeId}`);
  await page.getByTestId('desk-office').waitFor();
  await page.getByRole('button', { name: button }).click();
  await page.getByTestId('regulation-duties').first().waitFor();
  return page;
}

/** Ant Design's select: open it, then take the option. */
async function choose(page: Page, label: string, text: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

async function record(page: Page, action: string): Promise<void> {
  await page.getByRole('button', { name: 'Record…' }).click();
  await page.getByRole('menuitem', { name: action }).click();
  await page.getByRole('dialog', { name: action }).waitFor();
}

/** The record dialog (a modal over the panel's drawer, itself a dialog). */
const modal = (page: Page) => page.locator('.ant-modal');
const submit = (page: Page) => modal(page).getByRole('button', { name: 'Submit' }).click();

describe('the regulation panel', () => {
  it('records a function, is refused one outside 四, publishes the disclosure and sees the duty met', async () => {
    const page = await openPanel(ENGLISH, 'Regulation (四, 五, 六)');
    const year = new Date().getUTCFullYear();
    const disclosure = page.getByTestId(`duty-regulation-disclosure.${officeId}.${year}`).first();
    await disclosure.getByText('Pending').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await record(page, 'A function served (四)');
    await choose(page, 'Function', 'Economic cooperation');
    await page.getByLabel('What the office did').fill('组织南阳—郑州农产品推介会');
    await page.getByLabel('Evidence').fill('推介会纪要');
    await submit(page);
    await modal(page).waitFor({ state: 'detached' });

    // Another function is sent as named; the API refuses it, citing 四, and the dialog stays open to say so.
    await record(page, 'A function served (四)');
    await choose(page, 'Function', 'Another function…');
    await page.getByLabel('Which function').fill('project-lobbying');
    await page.getByLabel('What the office did').fill('争取项目资金');
    await page.getByLabel('Evidence').fill('无');
    await submit(page);
    const refusal = modal(page).getByTestId('desk-refusal');
    await refusal.getByText('四', { exact: true }).waitFor();
    await refusal.getByText(/project-lobbying/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await modal(page).getByRole('button', { name: 'Cancel' }).click();
    await modal(page).waitFor({ state: 'detached' });

    await record(page, "The year's disclosure (五(三))");
    expect(await page.getByLabel('Year', { exact: true }).inputValue()).toBe(String(year));
    await page.getByLabel('Reception budget (yuan)').fill('50000');
    await page.getByLabel('Reception spending (yuan)').fill('12000');
    await page.getByLabel('Venues and items').fill('定点饭店 2 家');
    await page.getByLabel('Published at').fill('南阳市人民政府网站');
    await submit(page);
    await modal(page).waitFor({ state: 'detached' });
    await disclosure.getByText('Met', { exact: true }).waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'regulation.en');
    await page.getByRole('tab', { name: /Records kept/ }).click();
    await page
      .getByTestId('regulation-records')
      .getByText(/组织南阳—郑州农产品推介会/)
      .waitFor();

    const view = (await clerk.get(`/regulation/offices/${officeId}`)).body;
    const met = view.obligations.find(
      (o: { deadlineId: string }) => o.deadlineId === `regulation-disclosure.${officeId}.${year}`,
    );
    expect(met.status).toBe('met');
    expect(view.records.functions).toEqual([
      expect.objectContaining({ function: 'economic-cooperation', activity: '组织南阳—郑州农产品推介会' }),
    ]);
    expect(view.records.disclosures).toEqual([
      expect.objectContaining({ year, budget: 50000, spending: 12000 }),
    ]);
    await page.context().close();
  }, 180_000);

  it('shows the panel in Chinese, accessible', async () => {
    const page = await openPanel(CHINESE, '保留机构监管(四、五、六)');
    await page.getByTestId('regulation-panel').getByText('已履行').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'regulation.zh-CN');
    await page.context().close();
  }, 120_000);

  it('lists the lapse for a supervisor in the campaign area', async () => {
    const supervisor = await signedIn(running.url, 'supervisor.nanyang');
    const deadlineId = `regulation-decoupling.${officeId}`;
    const lapses = (await supervisor.get('/regulation/lapses')).body as { deadlineId: string }[];
    expect(lapses).toEqual(
      expect.arrayContaining([expect.objectContaining({ deadlineId, section: '五(一)' })]),
    );

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(running.url);
    await page.getByText('EN', { exact: true }).click();
    await signInAs(page, running.url, 'supervisor.nanyang', ENGLISH);
    await page.goto(`${running.url}/console/campaign`);
    await page.getByRole('tab', { name: 'Retained offices' }).click();
    const row = page.getByTestId('regulation-lapses').getByRole('row').filter({ hasText: '五(一)' });
    await row.getByText('Decoupling from business entities').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('records the decoupling late, a reception, a rotation, the appraisal, an audit and a complaint with its result', async () => {
    const page = await openPanel(ENGLISH, 'Regulation (四, 五, 六)');
    const fill = (label: string, text: string) => modal(page).getByLabel(label, { exact: true }).fill(text);
    const send = async () => {
      await submit(page);
      await modal(page).waitFor({ state: 'detached' });
    };
    await record(page, 'Decoupling (五(一))');
    await fill('Business entities decoupled from (one a line)', '中州宾馆\n南阳宾馆郑州分店');
    await fill('Evidence', '脱钩协议 宛管〔2015〕3号');
    await send();
    await page
      .getByTestId(`duty-regulation-decoupling.${officeId}`)
      .first()
      .getByText('Met late', { exact: true })
      .waitFor();

    await record(page, 'A reception (五(二))');
    await fill('Reception number', 'r-1');
    await fill('Guest unit', '南阳市发展和改革委员会');
    await fill('Reception letter (公函)', '宛发改函〔2015〕12号');
    await fill('Reception list (清单)', '工作餐 4 人');
    await fill('Cost (yuan)', '320.5');
    await send();

    await record(page, 'A cadre rotation (六(三))');
    await fill('Cadre', '赵明');
    await choose(page, 'Rotation', /^In$/);
    await fill('Appointment document', '宛组干〔2015〕88号');
    await send();

    await record(page, 'The yearly appraisal (六(一)(二))');
    await choose(page, 'Grade', /^Competent$/);
    await fill('Summary', '职能转变到位,接待规范');
    await fill("Host city's management department", '郑州市机关事务管理局');
    // Without the host department's opinion the form stops it, as the API would (六(二)).
    await submit(page);
    await modal(page).getByText('Required', { exact: true }).waitFor();
    await fill("That department's opinion", '运行规范,无违规');
    await send();

    await record(page, 'An inspection or audit (六(四))');
    await choose(page, 'Kind', /^Audit$/);
    await fill('Conducted by', '南阳市审计局');
    await fill('Findings', '未发现问题');
    await fill('Report', '宛审报〔2015〕21号');
    await send();

    await record(page, 'A complaint (六(四))');
    await fill('Complaint number', 'c-1');
    await choose(page, 'Received by', 'Public hotline');
    await fill('What it says', '反映办事处超标准接待');
    await send();
    await page.getByRole('tab', { name: /Records kept/ }).click();
    await page.getByRole('button', { name: "The complaint's result (六(四))" }).click();
    await fill('Investigation', '调阅接待清单,约谈主任');
    await fill('Result', '反映属实,责令整改');
    await fill('Published at', '南阳市人民政府网站');
    expect(await accessibilityViolations(page)).toEqual([]);
    await send();
    await page
      .getByTestId('regulation-records')
      .getByText(/反映属实,责令整改/)
      .waitFor();

    const view = (await clerk.get(`/regulation/offices/${officeId}`)).body;
    const status = (deadlineId: string) =>
      view.obligations.find((o: { deadlineId: string }) => o.deadlineId === deadlineId)?.status;
    expect(status(`regulation-decoupling.${officeId}`)).toBe('met-late');
    expect(status(`regulation-complaint.${officeId}.c-1`)).toBe('met');
    expect(view.lapses).toEqual([]);
    expect(view.records.decoupling.entities).toEqual(['中州宾馆', '南阳宾馆郑州分店']);
    expect(view.records.receptions).toEqual([expect.objectContaining({ receptionId: 'r-1', cost: 320.5 })]);
    expect(view.records.rotations).toEqual([expect.objectContaining({ cadre: '赵明', direction: 'in' })]);
    expect(view.records.appraisals).toEqual([
      expect.objectContaining({ grade: 'competent', hostOpinion: '运行规范,无违规' }),
    ]);
    expect(view.records.supervisions).toEqual([expect.objectContaining({ kind: 'audit' })]);
    expect(view.records.complaints).toEqual([
      expect.objectContaining({
        complaintId: 'c-1',
        channel: 'hotline',
        resolution: expect.objectContaining({ result: '反映属实,责令整改' }),
      }),
    ]);
    await page.context().close();
  }, 180_000);
});

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
 * The city's report and the what-if in a real browser against the real app (七(三)): the Bureau returns a unit's
 * summary with a comment and accepts another, the report downloads as a workbook, and a what-if under a county SLA
 * of a second turns the county's open retention decision overdue, shown per unit and tier.
 */
const XICHUAN = 'henan.nanyang.xichuan';
const XIXIA = 'henan.nanyang.xixia';

let running: RunningApp;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startApp({ REDIS_URL: specRedisUrl(2), CAMPAIGN: 'nanyang-2015' });
  const plan = {
    leadDepartment: '县政府办公室',
    liaisonPerson: { name: '王联络', phone: '0377-69212345' },
    plan: '全面清理',
  };
  for (const [clerk, unit] of [
    ['clerk.xichuan', XICHUAN],
    ['clerk.xixia', XIXIA],
  ] as const) {
    const client = await signedIn(running.url, clerk);
    expect((await client.post(`/units/${unit}/work-plan`, plan)).status).toBe(200);
    expect((await client.post(`/units/${unit}/work-summary`, { summary: '已完成清理' })).status).toBe(200);
  }
  // A county retention decision open now: the what-if's period is around today, as the log is.
  const clerk = await signedIn(running.url, 'clerk.xichuan');
  const office = await clerk.post('/offices', registration(XICHUAN, 'urumqi', { pairedAssistance: true }));
  expect((await clerk.post(`/offices/${office.body.officeId}/retention-request`, RETENTION)).status).toBe(
    200,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function open(
  locale: 'en' | 'zh-CN',
): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 768 },
  });
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
  await page.mouse.move(0, 0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** An instant as the date control takes it: Asia/Shanghai, to the minute. */
function shanghai(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const TEXT = {
  en: {
    returnBtn: 'Return',
    accept: 'Accept',
    returned: 'Returned',
    accepted: 'Accepted',
    whatIf: 'What-if',
    run: 'Replay',
    county: 'Time for a decision · County',
    countyTier: 'County',
  },
  'zh-CN': {
    returnBtn: '退回',
    accept: '通过',
    returned: '已退回',
    accepted: '已通过',
    whatIf: '推演',
    run: '推 演',
    county: '办理时限 · 县级',
    countyTier: '县级',
  },
} as const;

describe("the city's report and the what-if", () => {
  it.each([['en', ENGLISH] as const, ['zh-CN', CHINESE] as const])(
    'in %s: inspect the summaries, download the workbook, run a what-if',
    async (locale, labels: SignInLabels) => {
      const text = TEXT[locale];
      const { context, page, outside } = await open(locale);
      await signInAs(page, running.url, 'supervisor.nanyang', labels);
      await page.goto(`${running.url}/console/report/city`);
      await page.getByTestId('report-title').waitFor();
      const row = (name: string) => page.locator('tr', { hasText: name });

      if (locale === 'en') {
        // Return 淅川县's summary with a comment, accept 西峡县's.
        await row('淅川县').getByRole('button', { name: text.returnBtn, exact: true }).click();
        await page.getByLabel('What must change').fill('补充资产处置情况');
        await page.locator('.ant-modal-footer').getByRole('button', { name: text.returnBtn }).click();
        await row('淅川县').getByText(`${text.returned}:补充资产处置情况`).waitFor();
        await row('西峡县').getByRole('button', { name: text.accept, exact: true }).click();
        await row('西峡县').getByText(text.accepted, { exact: true }).waitFor();
        const href = await page.getByRole('link', { name: 'Download Excel' }).getAttribute('href');
        expect(href).toBe('/reports/city/henan.nanyang/report.xlsx');
        const workbook = await page.request.get(`${running.url}${href}`);
        expect(workbook.status()).toBe(200);
        expect(workbook.headers()['content-type']).toContain('spreadsheetml');
      } else {
        await row('淅川县').getByText(`${text.returned}:补充资产处置情况`).waitFor();
      }
      await screenshot(page, `report.${locale}`);
      await expectAccessible(page);

      await page.getByRole('tab', { name: text.whatIf }).click();
      const day = 24 * 3_600_000;
      for (const [id, value] of [
        ['#what-if-from', shanghai(Date.now() - 10 * day)],
        ['#what-if-to', shanghai(Date.now() + 30 * day)],
      ] as const) {
        await page.locator(id).click();
        await page.locator(id).fill(value);
        await page.locator(id).press('Enter');
      }
      await page.getByLabel(text.county).fill('1s');
      await page.getByRole('button', { name: text.run }).click();
      const outcome = page.getByTestId('what-if-outcome');
      await outcome.waitFor({ timeout: 60_000 });
      // One county decision, overdue under the variant and not in fact.
      await outcome.locator('tr', { hasText: XICHUAN }).filter({ hasText: text.countyTier }).waitFor();
      await screenshot(page, `what-if.${locale}`);
      await expectAccessible(page);
      expect(outside).toEqual([]);
      await context.close();
    },
    180_000,
  );
});

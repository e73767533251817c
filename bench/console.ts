import { request } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@liaison/auth';
import { webConsoleDir } from '../apps/api/src/web-console';
import { startApi } from './api';
import { buildInboxData, embeddedConfig } from './inbox-setup';
import { makeDataDir, now, percentile, removeDir, sortedCopy } from './support';

/**
 * The console in a real browser: from the click on "sign in" to the approver's task list drawn with its first page
 * of rows, on the inbox benchmark's data set (thousands of open tasks in the approvers' groups), beside the API's
 * GET /tasks alone for the same page, measured in the same run.
 */
export interface ConsoleOptions {
  offices: number;
  openTasks: number;
  /** Sign-ins per approver, each in a fresh browser context (no cookies, no cached scripts). */
  rounds: number;
  dataParent: string;
  keep: boolean;
}

export interface Spread {
  count: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface ConsoleCase {
  approver: string;
  /** Open tasks in the approver's group (the list's default view), as GET /tasks counts them. */
  groupTotal: number;
  rows: number;
  /** Click on "sign in" to the first page of rows drawn: the subject. */
  signInToList: Spread;
  /** Click on "sign in" to the signed-in header: the sign-in alone, part of the subject. */
  signInToHeader: Spread;
  /** Click on "sign in" to the page's own GET /tasks answered: what is left of the subject is drawing the list. */
  signInToAnswer: Spread;
  /** GET /tasks for the same view and page over HTTP with a bearer token: the baseline. */
  getTasks: Spread;
  ratio: number;
}

export interface ConsoleResult {
  offices: number;
  openTasks: number;
  cases: ConsoleCase[];
  aimMs: number;
  aimMet: boolean;
}

export const CONSOLE_AIM_MS = 1_000;
const APPROVERS = ['approver.nanyang', 'approver.xichuan'] as const;
/** The console's page of the task list (apps/web/src/screens/Inbox.tsx). */
const PAGE_SIZE = 50;
const API_REQUESTS = 50;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];
const STEP_TIMEOUT_MS = 60_000;

export async function runConsole(options: ConsoleOptions): Promise<ConsoleResult> {
  if (!webConsoleDir()) throw new Error('the web console is not built: npm run build first');
  const dir = makeDataDir(options.dataParent, 'bench-console-');
  const config = embeddedConfig(dir, 'console');
  try {
    const { plan } = await buildInboxData(config, options);
    const api = await startApi(config, STEP_TIMEOUT_MS);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    try {
      const cases: ConsoleCase[] = [];
      for (const approver of APPROVERS) {
        const token = await api.signIn(approver);
        const getTasks = await timeGetTasks(api.port, token);
        const rounds = await timeSignIns(browser, `http://127.0.0.1:${api.port}`, approver, options.rounds);
        if (rounds.rows !== Math.min(PAGE_SIZE, getTasks.total))
          throw new Error(
            `${approver}: ${rounds.rows} rows drawn, ${Math.min(PAGE_SIZE, getTasks.total)} expected`,
          );
        const signInToList = spread(rounds.list);
        cases.push({
          approver,
          groupTotal: getTasks.total,
          rows: rounds.rows,
          signInToList,
          signInToHeader: spread(rounds.header),
          signInToAnswer: spread(rounds.answer),
          getTasks: getTasks.spread,
          ratio: signInToList.medianMs / getTasks.spread.medianMs,
        });
      }
      const aimMet = cases.every((c) => c.signInToList.medianMs <= CONSOLE_AIM_MS);
      return { offices: options.offices, openTasks: plan.openTasks, cases, aimMs: CONSOLE_AIM_MS, aimMet };
    } finally {
      await browser.close();
      await api.app.close();
    }
  } finally {
    if (!options.keep) removeDir(dir);
  }
}

/** Sign-ins through the console's own form, each in a fresh context: the scripts of the list load after the click. */
async function timeSignIns(browser: Browser, base: string, approver: string, rounds: number) {
  const list: number[] = [];
  const header: number[] = [];
  const answer: number[] = [];
  let rows = 0;
  // One untimed round first: Chromium's own first start-up costs are not the console's.
  for (let round = -1; round < rounds; round++) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(base);
      await page.getByLabel('用户名').fill(approver);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      const submit = page.getByRole('button', { name: /登\s*录/ });
      const firstRow = page.locator('[data-testid="task-list"] tbody tr[data-row-key]').first();
      const headerShown = page.getByTestId('current-user').waitFor();
      const answered = page
        .waitForResponse((response) => new URL(response.url()).pathname === '/tasks')
        .then(() => now());
      const started = now();
      await submit.click();
      await headerShown;
      const headerAt = now();
      await firstRow.waitFor();
      const listAt = now();
      const answeredAt = await answered;
      rows = await page.locator('[data-testid="task-list"] tbody tr[data-row-key]').count();
      if (round >= 0) {
        header.push(headerAt - started);
        answer.push(answeredAt - started);
        list.push(listAt - started);
      }
    } finally {
      await context.close();
    }
  }
  return { list, header, answer, rows };
}

/** GET /tasks (the list's default view, first page) with a bearer token, one request at a time. */
async function timeGetTasks(port: number, token: string): Promise<{ spread: Spread; total: number }> {
  const samples: number[] = [];
  let total = 0;
  for (let i = -5; i < API_REQUESTS; i++) {
    const started = now();
    const body = await get(port, `/tasks?view=group&page=1&pageSize=${PAGE_SIZE}`, token);
    if (i >= 0) samples.push(now() - started);
    total = (JSON.parse(body) as { total: number }).total;
  }
  return { spread: spread(samples), total };
}

function get(port: number, path: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`GET ${path}: ${res.statusCode} ${text}`));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(STEP_TIMEOUT_MS, () => req.destroy(new Error(`GET ${path}: no reply`)));
    req.on('error', reject);
    req.end();
  });
}

function spread(samples: readonly number[]): Spread {
  const sorted = sortedCopy(samples);
  return {
    count: sorted.length,
    medianMs: percentile(sorted, 50),
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

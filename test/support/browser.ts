import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { webConsoleDir } from '../../apps/api/src/web-console';

/** Debian's chromium, driven by playwright-core (the browsers Playwright downloads cannot be fetched here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// No sandbox as root, and no calls home (the network is closed here).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** `npm test` builds first; a browser spec run alone builds the console itself rather than testing nothing. */
export function ensureConsoleBuilt(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  if (webConsoleDir()) return;
  const root = join(__dirname, '..', '..');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('the web console did not build');
}

export async function launchChromium(): Promise<Browser> {
  ensureConsoleBuilt();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  browser.on('context', watchContext);
  return browser;
}

/** What each open page logged lately: its console errors, uncaught errors and refused requests. */
const pageLogs = new Map<Page, string[]>();
const LOG_LINES = 40;

function watchContext(context: BrowserContext): void {
  context.on('page', (page) => {
    const log: string[] = [];
    const note = (line: string) => {
      log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
      if (log.length > LOG_LINES) log.shift();
    };
    pageLogs.set(page, log);
    page.on('close', () => pageLogs.delete(page));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        note(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) =>
      note(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? '?'})`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400)
        note(`${response.status()}: ${response.request().method()} ${response.url()}`);
    });
  });
}

// A step that times out says only what it waited for: when a test fails, each page still open says what it showed
// (its text, what it logged, and a screenshot under test-results/), which is what a failure in CI needs explained.
afterEach(async () => {
  if (!(globalThis as { __testFailed?: boolean }).__testFailed) return;
  const folder = join(__dirname, '..', '..', 'test-results');
  let index = 0;
  for (const [page, log] of pageLogs) {
    index++;
    const text = await page
      .evaluate(
        () =>
          (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText,
      )
      .catch((error: Error) => `(no text: ${error.message})`);
    mkdirSync(folder, { recursive: true });
    const file = join(
      folder,
      `${expect.getState().currentTestName ?? 'test'}-${index}.png`.replace(/[^\w.-]+/g, '_'),
    );
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => undefined);
    process.stderr.write(
      `\n--- page ${index} at ${page.url()} when the test failed (screenshot: ${file})\n` +
        `${text.replace(/\n{2,}/g, '\n').slice(0, 3_000)}\n--- what it logged:\n${log.join('\n') || '(nothing)'}\n`,
    );
  }
});

export interface SignInLabels {
  username: string;
  password: string;
  submit: RegExp;
}
export const ENGLISH: SignInLabels = { username: 'Username', password: 'Password', submit: /Sign in/ };
export const CHINESE: SignInLabels = { username: '用户名', password: '密码', submit: /登\s*录/ };

/** Signs in through the console's own form (the session cookie), as a person would. */
export async function signInAs(
  page: Page,
  base: string,
  username: string,
  labels: SignInLabels = CHINESE,
  password = 'demo-password',
): Promise<void> {
  await page.goto(base);
  await page.getByLabel(labels.username).fill(username);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByTestId('current-user').waitFor();
}

/** The violations axe-core finds on the page as it stands, of the impacts given (serious and critical by default). */
export async function accessibilityViolations(
  page: Page,
  impacts: readonly string[] = ['serious', 'critical'],
): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  // The screen at rest: Ant Design's running enter and leave animations (a dialog still closing has no name yet) end
  // first. Best effort: a popup kept hidden may keep its motion class, and then the check goes ahead after 3 s.
  await page
    .waitForFunction(
      () =>
        !Array.from(
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): ArrayLike<{ className: unknown }> };
            }
          ).document.querySelectorAll('[class*="ant-"]'),
        ).some((element) => /\bant-[\w-]+-(enter|appear|leave)\b/.test(String(element.className))),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  // Evaluated over the devtools protocol: the console's CSP (script-src 'self') rightly refuses an injected tag.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: String(v.impact),
      help: v.help as string,
      // The selector and axe's own account of the fault (colours and ratio, missing name…), to act on at once.
      targets: (v.nodes as { target: string[]; failureSummary?: string }[]).map(
        (node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
      ),
    }));
  });
  return violations.filter((violation) => impacts.includes(violation.impact));
}

/**
 * With WEB_SCREENSHOTS=<folder> set, saves the page as <folder>/<name>.png: how docs/screenshots is made
 * (`WEB_SCREENSHOTS=docs/screenshots npx jest test/web-`). Otherwise does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.WEB_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

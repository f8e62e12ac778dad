// The browser tests' one way to serve the console and start Debian's chromium to drive it, and to sign in through
// the console's log-in page.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CONSOLE_DIR } from '../../src/web/client/dist-path.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from './server.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** What a browser test drives: a test server serving the built console, and chromium. */
export interface ConsoleUnderTest { srv: TestServer; browser: Browser }

/** A test server serving the built console (its users, data and set-up as given), and chromium to drive it. */
export async function startConsole(o: NonNullable<Parameters<typeof startTestServer>[0]>): Promise<ConsoleUnderTest> {
  const srv = await startTestServer({ ...o, options: { ...o.options, staticDir: CONSOLE_DIR } });
  try {
    return { srv, browser: await launchChromium() };
  } catch (err) {
    await srv.close();
    throw err;
  }
}

/** Close what startConsole started (either is missing when the start failed). */
export async function stopConsole(c: Partial<ConsoleUnderTest>): Promise<void> {
  await c.browser?.close();
  await c.srv?.close();
}

/** A fresh browser context at 1366×768 in Chinese, signed in as `name`; page errors and console errors go to `errors`. */
export async function signedInPage(browser: Browser, url: string, name: string, errors: string[], password = TEST_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${name}: ${m.text()}`); });
  await logIn(page, url, name, (u) => !u.hash.startsWith('#/login'), password);
  return { context, page };
}

/** Sign in through the log-in page as `name` and wait for the page the console then shows (by default 总览). */
export async function logIn(page: Page, url: string, name: string, landing: RegExp | ((u: URL) => boolean) = /#\/overview/, password = TEST_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/#\/login/);
  await page.fill('input[name=username]', name);
  await page.fill('input[name=password]', password);
  await page.click('[data-test=login]');
  await page.waitForURL(landing);
}

export interface Upload { readonly name: string; readonly mimeType: string; readonly buffer: Buffer }

/**
 * Take a workflow action from an item's page as a user would: open its form, fill the fields by their labels (核查结论
 * is a choice, the others text), attach a file if given, submit, and wait for the status the item should then show.
 */
export async function takeAction(page: Page, action: string, fill: Record<string, string>, expectStatus: string, file?: Upload, timeout = 15_000): Promise<void> {
  await page.click(`[data-test=action-${action}]`);
  const dialog = page.locator('.el-dialog:visible');
  for (const [label, value] of Object.entries(fill)) {
    const field = dialog.locator('.el-form-item').filter({ has: page.locator(`label:text-is("${label}")`) });
    if (label === '核查结论') await field.locator(`.el-radio__label:text-is("${value}")`).click();
    else await field.locator('textarea').fill(value);
  }
  if (file) {
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.locator('.el-upload-list__item').waitFor();
  }
  await dialog.locator('[data-test=action-submit]').click();
  await expect.poll(() => page.locator('[data-test=item-status]').textContent(), { timeout, interval: 100 }).toBe(expectStatus);
}

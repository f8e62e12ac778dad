// The browser tests' one way to start Debian's chromium and to sign in through the console's log-in page.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './server.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A fresh browser context at 1366×768 in Chinese, signed in as `name`; page errors and console errors go to `errors`. */
export async function signedInPage(browser: Browser, url: string, name: string, errors: string[], password = TEST_PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${name}: ${m.text()}`); });
  await page.goto(url);
  await page.waitForURL(/#\/login/);
  await page.fill('input[name=username]', name);
  await page.fill('input[name=password]', password);
  await page.click('[data-test=login]');
  await page.waitForURL((u) => !u.hash.startsWith('#/login'));
  return { context, page };
}

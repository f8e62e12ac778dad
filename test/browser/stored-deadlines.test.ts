// An invalid stored deadline setting in a real browser: the 规则设置 page shows the supervisor which setting
// and why, as a warning, while the page itself keeps working.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, startConsole, stopConsole } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

let srv: TestServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }],
    setup: async (store) => { await store.run(`INSERT INTO supervise_settings VALUES ('deadlineDays', '{"medium":0}')`); },
  }));
});
afterAll(() => stopConsole({ srv, browser }));

describe('the 规则设置 page with an invalid stored deadline', () => {
  it('shows the field and the reason as a warning', async () => {
    const { context, page } = await signedInPage(browser, srv.url, 'sup', errors);
    await page.goto(`${srv.url}#/rule-settings`);
    const alert = page.locator('[data-test="settings-problem-deadlineDays.medium"]');
    await expect.poll(() => alert.textContent(), { timeout: 20_000, interval: 100 }).toContain('保存的督办期限设置无效：medium 的期限应为 1–120 个工作日');
    expect(await alert.getAttribute('class')).toContain('el-alert--warning');
    await expect.poll(() => page.locator('[data-test=version-in-force]').textContent()).toContain('规则默认值');
    await context.close();
    expect(errors).toEqual([]);
  });
});

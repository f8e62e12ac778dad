// 规则设置 and 规则成效 in a real browser over a real server holding the shared sample and one analysis: an
// administrator shortens 压案不办's deadline, sees the warnings it would add before saving, saves it as version 2
// with a reason, runs the analysis, and finds version 2 on the run and on a new item's 规则依据.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, saveRun } from '../../src/analyze/run.ts';
import { importDataset } from '../../src/ingest/import-dataset.ts';
import { DEFAULT_SETTINGS } from '../../src/rules/settings.ts';
import { syncRun } from '../../src/supervise/sync.ts';
import { signedInPage, startConsole, stopConsole } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

const SAMPLE = new URL('../fixtures/jinzhong-2021h1', import.meta.url).pathname;
const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
const SHOTS = join(process.cwd(), 'artefacts', 'console');

let srv: TestServer;
let browser: Browser;
const errors: string[] = [];
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ srv, browser } = await startConsole({
    users: [{ name: 'adm', role: 'admin' }],
    async setup(store) {
      // The import and the analysis take a connection of their own, as the server's jobs do.
      const conn = await store.connect();
      try {
        const imported = await importDataset(conn, SAMPLE);
        expect(imported).toMatchObject({ ok: true });
        await syncRun(store, await saveRun(conn, await analyze(conn, PERIOD, DEFAULT_SETTINGS), DEFAULT_SETTINGS, { by: 'test' }));
      } finally {
        conn.close();
      }
    },
  }));
});
afterAll(() => stopConsole({ srv, browser }));

describe('trying and adopting rule settings in the console', () => {
  it('shows the difference, saves a version, and the next run and its new items carry it', async () => {
    const { context, page } = await signedInPage(browser, srv.url, 'adm', errors);
    await page.goto(`${srv.url}#/rule-settings`);
    await eventually(() => page.locator('[data-test=version-in-force]').textContent()).toContain('第 1 版');

    // 压案不办: scene investigation + 5 working days instead of 10.
    await page.locator('.el-collapse-item__header', { hasText: '压案不办' }).click();
    const field = page.locator('[data-test="setting-caseShelving.sceneWorkingDays"] input');
    await field.fill('5');
    await field.blur();
    await page.click('[data-test=settings-preview]');
    const diff = page.locator('[data-test=settings-diff]');
    await eventually(() => diff.locator('[data-test=diff-categories]').textContent()).toContain('压案不办');
    const added = await diff.locator('[data-test=diff-warnings] tbody tr', { hasText: '新增' }).count();
    expect(added).toBeGreaterThan(0);
    await expect.poll(() => diff.locator('[data-test=diff-warnings]').textContent()).toContain('5 个工作日');
    await page.screenshot({ path: join(SHOTS, 'rule-settings-diff.png') });

    await page.fill('[data-test=settings-reason]', '按支队通知缩短认定期限');
    await page.click('[data-test=settings-save]');
    await eventually(() => page.locator('[data-test=version-in-force]').textContent()).toContain('第 2 版');
    await eventually(() => page.locator('[data-test=settings-versions] tbody tr').first().textContent()).toContain('按支队通知缩短认定期限');

    // The analysis, started as the 数据 page does, uses version 2.
    const started = await page.request.post(`${srv.url}/api/runs`, { data: { from: PERIOD.from, to: PERIOD.to, as_of: PERIOD.asOf }, headers: { origin: srv.url } });
    expect(started.status()).toBe(202);
    const job = (await started.json()) as { id: number };
    await eventually(async () => ((await (await page.request.get(`${srv.url}/api/runs/${job.id}`)).json()) as { status: string }).status).toBe('done');
    await page.goto(`${srv.url}#/data`);
    await eventually(() => page.locator('[data-test=run-history] tbody tr').first().textContent()).toContain('第 2 版');

    // An item the new figures found shows version 2 in its 规则依据.
    const [item] = await srv.store.all<{ item_key: string }>(
      "SELECT i.item_key FROM items i JOIN runs r ON r.run_id = i.first_run WHERE r.settings_version = 2 AND i.category = 'case-shelving' ORDER BY 1 LIMIT 1");
    expect(item).toBeDefined();
    await page.goto(`${srv.url}#/items/${encodeURIComponent(item.item_key)}`);
    await eventually(() => page.locator('[data-test=settings-version]').textContent()).toContain('规则设置第 2 版');
    await page.screenshot({ path: join(SHOTS, 'rule-basis-version.png') });

    // 规则成效 opens on the last 90 days and lists nothing verified yet.
    await page.goto(`${srv.url}#/rule-effectiveness`);
    await eventually(() => page.locator('[data-test=effectiveness]').isVisible()).toBe(true);
    await context.close();
    expect(errors).toEqual([]);
  });
});

// 抽查, 今日调度 and 风险画像 in a real browser over a real server: the menu links to all three, the daily
// page names the officers and links to an officer's page with every warning behind the score, a
// supervisor draws a sample; no request leaves the server and no page logs an error.
import type { Browser, Page } from 'playwright-core';
import { logIn, startConsole, stopConsole } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';

const D = '2021-03-15';
const ticket = (id: string, officer: string, unit: string, at: string) => ({
  violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: at, code: '1039', source: '现场' as const, officer_id: officer,
  status: '已处理' as const, processed_at: at, handler_id: officer, handling_unit: unit, decision_no: `D${id}`,
});

let srv: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const foreign: string[] = [];
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }],
    data: {
      units: [{ unit_code: 'U1', unit_name: '甲大队', kind: '县区大队' }],
      officers: [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }],
      violations: [ticket('T1', 'P1', 'U1', `${D} 08:00:00`), ticket('T3', 'P1', 'U1', `${D} 15:00:00`)],
      videos: [{ video_id: 'VID', officer_id: 'P1', started_at: `${D} 20:00:00`, ended_at: `${D} 20:30:00`, uploaded_at: `${D} 21:00:00`, status: '正常' }],
    },
  }));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const origin = new URL(srv.url).origin;
  page.on('request', (r) => { const u = r.url(); if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreign.push(u); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} @ ${page.url()}`); });
  page.on('pageerror', (e) => errors.push(`${e.message} @ ${page.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await logIn(page, srv.url, 'sup');
  // Only this file's pages are judged here; the landing page (总览, whose accident panel refuses a database
  // without accidents) is the console's own test's business.
  await page.waitForResponse((r) => r.url().includes('/api/overview/accidents')).catch(() => undefined);
  await page.waitForLoadState('networkidle');
  errors.length = 0;
}, 60_000);
afterAll(() => stopConsole({ srv, browser }));

describe('the spot-check pages', () => {
  it('are in the menu', async () => {
    for (const t of ['抽查', '今日调度', '风险画像']) await eventually(() => page.locator('.el-menu').getByText(t, { exact: true }).count()).toBe(1);
  });

  it('shows the day per unit with the officer, and the officer page with every warning behind the score', async () => {
    await page.goto(`${srv.url}/#/daily?date=${D}`);
    const unit = page.locator('[data-test=daily-unit-U1]');
    await eventually(() => unit.locator('.el-table__row').count()).toBe(2);
    await expect(unit.textContent()).resolves.toContain('张三（P1）');
    await page.goto(`${srv.url}/#/officers/P1?from=2021-03-01&to=2021-03-31&as_of=2021-04-10`);
    await eventually(() => page.locator('[data-test=officer-warnings] .el-table__row').count()).toBe(2);
    await expect(page.locator('[data-test=officer]').textContent()).resolves.toContain('第 1 名');
  });

  it('ranks officers and lets a supervisor draw a sample', async () => {
    await page.goto(`${srv.url}/#/risk?from=2021-03-01&to=2021-03-31&as_of=2021-04-10`);
    await eventually(() => page.locator('[data-test=risk] .el-table__body-wrapper').first().textContent()).toContain('张三');
    await page.goto(`${srv.url}/#/spotcheck`);
    await page.locator('input[data-test=sample-rate], [data-test=sample-rate] input').first().fill('50%');
    await page.locator('.el-form-item').filter({ hasText: '月份' }).locator('input').first().fill('2021-03');
    await page.keyboard.press('Enter');
    await page.click('[data-test=sample-draw]');
    await eventually(() => page.locator('[data-test=samples] .el-table__row').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('shows the server\'s reason when a request fails, with no page of its own to say it (api.ts)', async () => {
    // The daily page leaves the reason to api.ts: a day the server refuses is said, not swallowed.
    await page.goto(`${srv.url}/#/daily?date=2021-02-30`);
    await eventually(() => page.locator('.el-message--error').first().textContent()).toContain('date');
  });
});

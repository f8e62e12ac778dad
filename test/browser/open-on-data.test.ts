// Pages open on the data, not the calendar: over the 2021 sample, with the server's clock in the present, 风险画像,
// 今日调度, 抽查, 月度通报 and 总览 each show records on first open; an officer link from 今日调度 keeps the day inside
// the profile's period; a day past the data says so instead of reading as "no problems".
import type { Browser, Page } from 'playwright-core';
import { logIn, startConsole, stopConsole } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/ingest/import-dataset.ts';
import { addDays, today } from '../../src/time/index.ts';
import { dataMonth, dataPeriod } from '../../src/web/client/data-period.ts';
import type { TestServer } from '../support/server.ts';

const SAMPLE = new URL('../fixtures/jinzhong-2021h1', import.meta.url).pathname;

let srv: TestServer;
let browser: Browser;
let page: Page;
let through: string;
const errors: string[] = [];
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 100 });

beforeAll(async () => {
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }],
    setup: async (store) => { const r = await importDataset(store, SAMPLE); if (!r.ok) throw new Error('import failed'); },
  }));
  const cookie = await srv.login('sup');
  through = ((await (await srv.fetch('/api/meta', { cookie })).json()) as { data_through: string }).data_through;
  // The data end in 2021, the clock does not: the calendar's defaults would fall on empty months.
  expect(through.slice(0, 4)).toBe('2021');
  expect(today() > addDays(through, 365)).toBe(true);
  // One analysis of the data's period, so 总览 and 月度通报 have items.
  const p = dataPeriod(through);
  const started = await srv.fetch('/api/runs', { json: { from: p.from, to: p.to, asOf: p.as_of }, cookie });
  expect(started.status).toBe(202);
  await srv.server.ctx.jobs.idle();

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, srv.url, 'sup');
}, 180_000);
afterAll(() => stopConsole({ srv, browser }));

const rows = (sel: string) => page.locator(`${sel} tbody tr`).count();
// A date picker's input, by its form label (Element Plus's pickers do not pass data-test on).
const value = (label: string) => page.getByLabel(label, { exact: true }).first().inputValue({ timeout: 1000 }).catch(() => '');

describe('every page opens on the data', () => {
  it('总览 shows the items of the data and its latest accident month', async () => {
    await eventually(() => rows('[data-test=heat]')).toBeGreaterThan(0);
    await eventually(() => page.locator('[data-test=accidents]').count()).toBe(1);
  });

  it('风险画像 opens on the six whole months ending at the data\'s last month, with officers at risk', async () => {
    await page.goto(`${srv.url}/#/risk`);
    await eventually(() => rows('[data-test=risk]')).toBeGreaterThan(0);
    const p = dataPeriod(through);
    await eventually(() => page.locator('.filters input').first().inputValue()).toBe(p.from);
  }, 120_000);

  it('今日调度 opens on 数据截至; an officer link keeps that day in the period; a day past the data says so', async () => {
    await page.goto(`${srv.url}/#/daily`);
    await eventually(() => value('日期')).toBe(through);
    await eventually(() => page.locator('[data-test=daily] .toolbar span').first().textContent()).toContain(through);
    expect(await page.getByText('该日无数据').count()).toBe(0);
    // The last day with body-camera problems, for the officer link.
    const cookie = await srv.login('sup');
    let day = through;
    for (let n = 0; n < 31; n++, day = addDays(day, -1)) {
      const r = (await (await srv.fetch(`/api/daily?date=${day}`, { cookie })).json()) as { units: unknown[] };
      if (r.units.length) break;
    }
    await page.goto(`${srv.url}/#/daily?date=${day}`);
    const link = page.locator('[data-test=daily] a[href*="officers"]').first();
    await link.click();
    await page.waitForURL(/#\/officers\//);
    const q = new URLSearchParams(page.url().split('?')[1]);
    expect(`${q.get('from')} ${q.get('to')}`).toMatch(/^\d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2}$/);
    expect(String(q.get('from')) <= day && day <= String(q.get('to'))).toBe(true);
    await eventually(() => page.locator('[data-test=officer-warnings] tbody tr').count()).toBeGreaterThan(0);

    await page.goto(`${srv.url}/#/daily?date=${addDays(through, 3)}`);
    await eventually(() => page.locator('[data-test=daily-empty]').textContent()).toContain(`该日无数据（数据截至 ${through}）`);
  }, 120_000);

  it('抽查 offers the data\'s last whole month, and its defaults draw a sample', async () => {
    await page.goto(`${srv.url}/#/spotcheck`);
    await eventually(() => value('月份')).toBe(dataMonth(through));
    await page.click('[data-test=sample-draw]');
    await eventually(() => rows('[data-test=samples]')).toBe(1);
  });

  it('月度通报 offers the month of the latest analysis', async () => {
    await page.goto(`${srv.url}/#/bulletin`);
    await eventually(() => value('通报月份')).toBe(dataPeriod(through).to.slice(0, 7));
    expect(errors).toEqual([]);
  });
});

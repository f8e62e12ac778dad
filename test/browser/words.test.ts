// The console in the user's words, in a real browser over a real server: every page of the menu, as the
// detachment, a brigade and an administrator, shows no English table name, no `.md` file name, no English rule
// id and no ISO time stamp; an item's 规则依据 names the regulation; an administrator lifts a lock (解锁) shown as
// 「锁定至 HH:mm」; the log-in page has the user name focused; the menu is reachable with Tab, with a visible focus.
import type { Browser, Page } from 'playwright-core';
import { logIn, startConsole, stopConsole } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/contract/vocabulary.ts';
import { TABLE_KEYS } from '../../src/contract/tables.ts';
import type { Store } from '../../src/store/db.ts';
import { localStamp } from '../../src/time/index.ts';
import { addItems, DATA, ITEMS, keyOf } from '../console/fixture.ts';
import type { TestServer } from '../support/server.ts';

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** What a user must never read: the contract's English table keys, rule ids, file names, ISO stamps. */
const FORBIDDEN: { what: string; re: RegExp }[] = [
  { what: 'an English table name', re: new RegExp(`(^|[^A-Za-z_/])(${TABLE_KEYS.join('|')})([^A-Za-z_.]|$)`) },
  { what: 'an English rule id', re: new RegExp(`(^|[^A-Za-z-])(${ALL_CATEGORIES.join('|')})([^A-Za-z-]|$)`) },
  { what: 'a .md file name', re: /[A-Za-z]\.md\b/ },
  { what: 'an ISO time stamp', re: /\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d:\d\d:\d\d\.\d{3}|[+-]08:00\b/ },
];

let srv: TestServer;
let browser: Browser;
const LOCKED_UNTIL = new Date(Date.now() + 10 * 60_000);

async function open(name: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, srv.url, name);
  return page;
}

/** The page's text once nothing is loading any more. */
async function settledText(page: Page): Promise<string> {
  await eventually(() => page.locator('.el-loading-mask:visible').count()).toBe(0);
  return page.locator('body').innerText();
}

function problems(where: string, text: string): string[] {
  return FORBIDDEN.flatMap(({ what, re }) => {
    const m = re.exec(text);
    return m ? [`${where}: ${what} «${text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ')}»`] : [];
  });
}

/** Every page of the menu, in order, each read once it has loaded. */
async function walkMenu(page: Page, who: string): Promise<string[]> {
  const titles = (await page.locator('.aside .el-menu-item').allInnerTexts()).map((t) => t.replace(/\d+$/, '').trim());
  expect(titles.length).toBeGreaterThan(3);
  const found: string[] = [];
  for (const title of titles) {
    await page.locator('.aside .el-menu-item').filter({ hasText: title }).first().click();
    await eventually(() => page.locator('.topbar').innerText()).toContain(title);
    found.push(...problems(`${who} ${title}`, await settledText(page)));
  }
  return found;
}

beforeAll(async () => {
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: ITEMS[0].unit }, { name: 'adm', role: 'admin' },
      { name: 'lockme', role: 'supervisor' }],
    data: DATA,
    setup: async (store: Store) => {
      await addItems(store);
      // An import with refused rows, as DuckDB's reader and the checks name them.
      const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports');
      await store.run(`INSERT INTO imports VALUES ($1, '2021-07-11 09:00:00', '2021-07-11 09:01:00', '/srv/yanpan/uploads/20210711-abc', 'ok', NULL)`, [id]);
      await store.run(`INSERT INTO import_origin VALUES ($1, 'violations.csv', 'sup')`, [id]);
      await store.run(`INSERT INTO import_files VALUES ($1, 'violations.csv', 'violations', 'csv', 'gb18030', 'ab', 5, 3, 1, 2, NULL, NULL)`, [id]);
      await store.run(`INSERT INTO rejects VALUES ($1, 'violations', 'violations.csv', 4, 'occurred_at', '2021-13-01', '无法解析的时间')`, [id]);
      // A locked account.
      await store.run('INSERT INTO login_failures VALUES ($1, 5, $2)', ['lockme', localStamp(LOCKED_UNTIL)]);
    },
  }));
});
afterAll(() => stopConsole({ srv, browser }));

describe('the console in the user\'s words', () => {
  it('opens the log-in page with the user name focused', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(srv.url);
    await page.waitForURL(/#\/login/);
    await eventually(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '')).toBe('username');
    await context.close();
  });

  it('reaches the menu with Tab, with a visible focus, and opens a page with Enter', async () => {
    const page = await open('sup');
    await page.locator('.brand').click();
    let onMenu = false;
    for (let i = 0; i < 5 && !onMenu; i++) {
      await page.keyboard.press('Tab');
      onMenu = await page.evaluate(() => document.activeElement?.classList.contains('el-menu-item') ?? false);
    }
    expect(onMenu).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim());
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('.topbar').innerText()).toContain(next.replace(/\d+$/, '').trim());
    await page.context().close();
  });

  it('shows the items list at 1280×720 without a sideways scroll hiding its columns', async () => {
    const page = await open('sup');
    await page.locator('.aside .el-menu-item').filter({ hasText: '预警核查' }).first().click();
    await eventually(() => page.locator('[data-test=items] tbody tr').count()).toBeGreaterThan(0);
    const widths = await page.locator('[data-test=items] .el-table__body-wrapper .el-scrollbar__wrap').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] + 1);
    // The last column (更新时间) is inside the window.
    const box = await page.locator('[data-test=items] thead th').last().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await page.context().close();
  });

  it('shows the regulation as the 规则依据 of an item, without a file name or a rule id', async () => {
    const page = await open('sup');
    await page.goto(`${srv.url}/#/items/${encodeURIComponent(keyOf(ITEMS[0]))}`);
    await eventually(() => page.locator('[data-test=basis-regulation]').innerText()).toMatch(/^《.+》/);
    const text = await settledText(page);
    expect(text).toContain('规定要求');
    expect(text).toContain('记录显示');
    expect(problems('item', text)).toEqual([]);
    // The evidence tables lead with the fields that prove the warning: for 买分卖分, whose licence took the penalty.
    const heads = await page.locator('[data-test=evidence] .group').filter({ hasText: '交通违法' }).first().locator('thead th').allInnerTexts();
    expect(heads.slice(0, 3).map((h) => h.trim())).toEqual(['当事人驾驶证号', '号牌号码', '号牌种类']);
    // Units by name, not by code.
    const evidence = await page.locator('[data-test=evidence]').innerText();
    expect(evidence).toContain('太谷交警大队');
    expect(evidence).not.toContain(ITEMS[0].unit);
    await page.context().close();
  });

  it('walks every page of the menu as the detachment, a brigade and an administrator without English names or ISO stamps', async () => {
    const found: string[] = [];
    for (const who of ['sup', 'brig', 'adm']) {
      const page = await open(who);
      found.push(...problems(`${who} log-in landing`, await settledText(page)));
      found.push(...(await walkMenu(page, who)));
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('says 部分成功 with the uploaded file, the importer and Chinese names in the import history and its rejects', async () => {
    const page = await open('sup');
    await page.locator('.aside .el-menu-item').filter({ hasText: '数据' }).first().click();
    const history = page.locator('[data-test=import-history]');
    await eventually(() => history.innerText()).toContain('部分成功');
    const text = await history.innerText();
    expect(text).toContain('violations.csv');
    expect(text).not.toContain('/srv/yanpan');
    await history.getByText('查看拒收').first().click();
    const rejects = page.locator('[data-test=rejects]');
    await eventually(() => rejects.innerText()).toContain('交通违法');
    expect(await rejects.innerText()).toContain('违法时间');
    expect(problems('rejects', await rejects.innerText())).toEqual([]);
    await page.context().close();
  });

  it('shows a lock as 「锁定至 HH:mm」 in Beijing time and lifts it with 解锁', async () => {
    const page = await open('adm');
    await page.locator('.aside .el-menu-item').filter({ hasText: '用户' }).first().click();
    const hhmm = localStamp(LOCKED_UNTIL).slice(11, 16);
    await eventually(() => page.locator('[data-test=locked-until]').innerText()).toBe(`锁定至 ${hhmm}`);
    await page.click('[data-test=unlock-lockme]');
    await eventually(() => page.locator('[data-test=locked-until]').count()).toBe(0);
    const [row] = await srv.store.all('SELECT 1 FROM login_failures WHERE username = $1', ['lockme']);
    expect(row).toBeUndefined();
    // 停用 asks first; 取消 leaves the account as it was.
    await page.click('[data-test=toggle-lockme]');
    await page.locator('.el-message-box').getByText('取消').click();
    const [u] = await srv.store.all<{ disabled: boolean }>('SELECT disabled FROM users WHERE username = $1', ['lockme']);
    expect(u.disabled).toBe(false);
    await page.context().close();
  });
});

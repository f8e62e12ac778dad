// The console as a workplace, in a real browser over a real server: the detachment dispatches twenty items in one
// go; the brigade is told what waits for it (badge and 我的待办) and clears it by acting; a return shows its reason
// on the item and the resubmission starts from what was sent; a link opened in a fresh page needs no new log-in;
// 地图 opened first draws; a file chosen and cancelled leaves nothing on the item.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.ts';
import { createItems, type NewItem } from '../../src/supervise/sync.ts';
import { addItems, DATA, ITEMS, UNIT_A } from '../console/fixture.ts';
import { signedInPage, startConsole, stopConsole, takeAction } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

const EXTRA: NewItem[] = Array.from({ length: 20 }, (_, n) => ({
  category: 'code-mismatch', subject: { kind: 'violation', id: `VX${String(n).padStart(2, '0')}` }, unit: UNIT_A, severity: 'low', score: 0.5,
  title: `违法记录 VX${String(n).padStart(2, '0')} 的记分与代码表不符`, evidence: [{ kind: 'violation', id: 'V1' }],
}));
const PENDING = ITEMS.length + EXTRA.length;

let srv: TestServer;
let browser: Browser;
const errors: string[] = [];
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function open(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await signedInPage(browser, srv.url, name, errors);
  await opened.page.waitForURL(/#\/overview/);
  return opened;
}

const todo = (page: Page, key: string) => page.locator(`[data-test=todo-${key}] .n`).textContent();
const badge = (page: Page) => page.locator('[data-test=todo-badge] sup').textContent().catch(() => null);

beforeAll(async () => {
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: UNIT_A }],
    data: DATA,
    setup: async (store: Store) => { await addItems(store); await createItems(store, 'test', EXTRA, 'test'); },
  }));
});
afterAll(() => stopConsole({ srv, browser }));

describe('the console as a workplace', () => {
  it('work finds its user: batch dispatch, the brigade\'s count, a return with its reason and the form as it was', async () => {
    const sup = await open('sup');
    await eventually(() => todo(sup.page, 'dispatch')).toBe(String(PENDING));
    await eventually(() => badge(sup.page)).toBe(String(PENDING));
    // 批量下发: twenty of the pending items, one deadline.
    await sup.page.click('[data-test=todo-dispatch]');
    await sup.page.waitForURL(/status=pending/);
    await eventually(() => sup.page.locator('[data-test=items] tbody tr').count()).toBe(20);
    await sup.page.locator('[data-test=items] thead .el-checkbox').click();
    await sup.page.fill('[data-test=batch-days] input', '5');
    await sup.page.click('[data-test=batch]');
    await eventually(() => sup.page.locator('[data-test=items] tbody tr').count()).toBe(PENDING - 20);
    await eventually(() => badge(sup.page)).toBe(String(PENDING - 20));

    // The brigade is told.
    const brig = await open('brig');
    const mine = await srv.store.all<{ n: number }>(`SELECT count(*) AS n FROM items WHERE unit = '${UNIT_A}' AND status = 'dispatched'`);
    const n = Number(mine[0].n);
    expect(n).toBeGreaterThan(0);
    await eventually(() => todo(brig.page, 'receive')).toBe(String(n));
    await eventually(() => badge(brig.page)).toBe(String(n));
    // 批量签收, then one item verified and rectified: the count falls by one.
    await brig.page.click('[data-test=todo-receive]');
    await eventually(() => brig.page.locator('[data-test=items] tbody tr').count()).toBe(Math.min(n, 20));
    await expect.poll(() => brig.page.locator('[data-test=items] tbody tr').first().textContent()).toContain('待签收');
    await brig.page.locator('[data-test=items] thead .el-checkbox').click();
    await brig.page.click('[data-test=batch]');
    await eventually(() => brig.page.locator('[data-test=items] tbody tr').count()).toBe(Math.max(n - 20, 0));
    await brig.page.goto(`${srv.url}#/overview`);
    await eventually(() => todo(brig.page, 'verify')).toBe(String(Math.min(n, 20)));
    const key = encodeURIComponent('code-mismatch|violation|VX00');
    await brig.page.goto(`${srv.url}#/items/${key}`);
    await eventually(() => brig.page.locator('[data-test=item-status]').textContent()).toBe('待核查');
    await act(brig.page, 'verify', { 核查结论: '属实', 说明: '核实确有录入错误' }, '待整改');
    await act(brig.page, 'submit', { 整改措施: '已更正记分并通报' }, '已提交待审核');
    await eventually(() => badge(brig.page)).toBe(String(Math.min(n, 20) - 1));

    // The detachment reviews with the finding and the measures beside its buttons, and returns it.
    await sup.page.goto(`${srv.url}#/items/${key}`);
    await eventually(() => sup.page.locator('[data-test=review-card]').textContent()).toContain('已更正记分并通报');
    await act(sup.page, 'return', { 退回原因: '请附更正后的截图' }, '整改中');

    // The brigade sees why, and the form starts from what it sent.
    await brig.page.goto(`${srv.url}#/overview`);
    await eventually(() => todo(brig.page, 'returned')).toBe('1');
    await brig.page.click('[data-test=todo-returned]');
    await eventually(() => brig.page.locator('[data-test=items] [data-test=returned]').count()).toBe(1);
    await brig.page.goto(`${srv.url}#/items/${key}`);
    await eventually(() => brig.page.locator('[data-test=returned-banner]').textContent()).toContain('请附更正后的截图');
    await brig.page.click('[data-test=action-submit]');
    await eventually(() => brig.page.locator('.el-dialog:visible textarea').first().inputValue()).toBe('已更正记分并通报');
    await brig.page.locator('.el-dialog:visible').getByRole('button', { name: '取消' }).click();

    // A link opened in a fresh page of the same browser: no log-in page.
    const fresh = await brig.context.newPage();
    await fresh.goto(`${srv.url}#/items/${key}`);
    await eventually(() => fresh.locator('[data-test=item-title]').textContent()).toContain('VX00');
    expect(fresh.url()).not.toContain('login');
    await fresh.close();
    await sup.context.close();
    await brig.context.close();
  });

  it('a file chosen and cancelled leaves nothing on the item', async () => {
    const brig = await open('brig');
    const key = 'code-mismatch|violation|VX01';
    await brig.page.goto(`${srv.url}#/items/${encodeURIComponent(key)}`);
    await eventually(() => brig.page.locator('[data-test=item-status]').textContent()).toBe('待核查');
    await brig.page.click('[data-test=action-verify]');
    const dialog = brig.page.locator('.el-dialog:visible');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==', 'base64') });
    await dialog.locator('.el-upload-list__item').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    const [{ n }] = await srv.store.all<{ n: number }>('SELECT count(*) AS n FROM attachments WHERE item_key = $1', [key]);
    expect(Number(n)).toBe(0);
    await brig.context.close();
  });

  it('地图 opened first draws, and the header says how far the data reach', async () => {
    const sup = await open('sup');
    await eventually(() => sup.page.locator('[data-test=data-through]').textContent()).toBe('数据截至 2021-06-20');
    const page = await sup.context.newPage();
    page.on('pageerror', (e) => errors.push(`map: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`map: ${m.text()}`); });
    await page.goto(`${srv.url}#/map`);
    await eventually(() => page.locator('[data-test=map] canvas').count()).toBeGreaterThan(0);
    await sup.context.close();
    expect(errors).toEqual([]);
  });
});

const act = (page: Page, action: string, fill: Record<string, string>, expectStatus: string) =>
  takeAction(page, action, fill, expectStatus, undefined, 20_000);

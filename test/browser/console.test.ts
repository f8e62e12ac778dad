// The console in a real browser (Debian's chromium driven by playwright-core), over a real server and
// database: the supervision loop from both sides. A supervisor filters, opens a warning with its
// evidence and dispatches it; a brigade user sees only its unit, records 属实 and a rectification with
// an attachment; the supervisor returns it once, then approves; the history shows every step.
// Every request must go to the server itself and no page may log an error. Screenshots of each page
// (1366×768) go to artefacts/console/ (git-ignored).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItems, DATA, ITEMS, keyOf, UNIT_A } from '../console/fixture.ts';
import { logIn, startConsole, stopConsole, takeAction } from '../support/browser.ts';
import { TEST_PASSWORD, type TestServer } from '../support/server.ts';

const SHOTS = join(process.cwd(), 'artefacts', 'console');
// A 1×1 PNG: the server checks an attachment's type by its content.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==', 'base64');

let srv: TestServer;
let browser: Browser;
const foreign: string[] = [];
const errors: string[] = [];

async function session(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const origin = new URL(srv.url).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) foreign.push(u);
  });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} @ ${page.url()}`); });
  page.on('pageerror', (e) => errors.push(`${e.message} @ ${page.url()}`));
  return { context, page };
}

/** Wait for the page to reach a state (it loads and renders asynchronously). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });


beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ srv, browser } = await startConsole({
    users: [{ name: 'sup', role: 'supervisor' }, { name: 'brig', role: 'brigade', unit: UNIT_A }, { name: 'adm', role: 'admin' },
      { name: 'newbie', role: 'supervisor', mustChange: true }],
    data: DATA,
    setup: addItems,
  }));
});

afterAll(() => stopConsole({ srv, browser }));

describe('the console in chromium', () => {
  it('walks one warning through dispatch, 属实, rectification, one return and approval', async () => {
    const key = keyOf(ITEMS[0]);
    const sup = await session();
    await logIn(sup.page, srv.url, 'sup');
    await eventually(() => sup.page.locator('[data-test=heat] a.cell').count()).toBeGreaterThan(0);
    await shot(sup.page, '01-overview');

    // Filter the list by category and open the warning.
    await sup.page.click('.el-menu-item:has-text("预警核查")');
    await sup.page.waitForURL(/#\/items/);
    await eventually(() => sup.page.locator('[data-test=items] tr.el-table__row').count()).toBe(ITEMS.length);
    await sup.page.locator('.el-form-item').filter({ has: sup.page.locator('label:text-is("预警类别")') }).locator('.el-select').click();
    await sup.page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^买分卖分$/ }).click();
    await sup.page.click('[data-test=search]');
    await eventually(() => sup.page.locator('[data-test=items] tr.el-table__row').count()).toBe(1);
    await shot(sup.page, '02-items');
    await sup.page.locator('[data-test=items] a.title-link').first().click();
    await sup.page.locator('[data-test=item-title]').waitFor();
    expect(decodeURIComponent(sup.page.url())).toContain(`#/items/${key}`);

    // The evidence as readable tables: the licence and each penalty with its plate and clerk.
    const evidence = sup.page.locator('[data-test=evidence]');
    await eventually(() => evidence.textContent()).toContain('晋K10003');
    expect(await evidence.textContent()).toContain('号牌号码');
    await sup.page.locator('[data-test=evidence] button:has-text("周边记录"):visible').first().click();
    await eventually(async () => (await sup.page.locator('.el-drawer').textContent()) ?? '').toContain('该驾驶证接受处罚的违法记录');
    await sup.page.keyboard.press('Escape');
    await shot(sup.page, '03-item');
    await takeAction(sup.page, 'dispatch', { 说明: '请核查该驾驶证的处罚记录' }, '已下发');

    // The brigade: only its own unit, then receive, verify 属实, submit a rectification with a photo.
    const brig = await session();
    await logIn(brig.page, srv.url, 'brig');
    await brig.page.click('.el-menu-item:has-text("预警核查")');
    const rows = brig.page.locator('[data-test=items] tr.el-table__row');
    await eventually(() => rows.count()).toBe(ITEMS.filter((i) => i.unit === UNIT_A).length);
    for (const text of await rows.allTextContents()) expect(text).toContain('太谷交警大队');
    expect(await brig.page.locator('.el-menu-item').allTextContents()).not.toContain('数据');
    await brig.page.goto(`${srv.url}/#/items/${encodeURIComponent(key)}`);
    // The brigade's words for its statuses: what waits for it (待核查, 待整改), what it sent (已提交待审核).
    await takeAction(brig.page, 'receive', {}, '待核查');
    await takeAction(brig.page, 'verify', { 核查结论: '属实', 说明: '经核查，该驾驶证确为他人车辆接受处罚' }, '待整改');
    await takeAction(brig.page, 'submit', { 整改措施: '对窗口民警批评教育，撤销违规处罚' }, '已提交待审核', { name: '整改照片.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => brig.page.locator('[data-test=attachment]').allTextContents()).toEqual(['整改照片.png']);

    // The supervisor returns it once; the brigade submits again; the supervisor approves.
    await sup.page.reload();
    await takeAction(sup.page, 'return', { 退回原因: '整改措施不具体，请补充' }, '整改中');
    await brig.page.reload();
    await takeAction(brig.page, 'submit', { 整改措施: '对窗口民警批评教育，撤销3起违规处罚，全大队通报' }, '已提交待审核');
    await sup.page.reload();
    await takeAction(sup.page, 'approve', {}, '已办结');

    // The history shows every step, in order, with who took it. The status comes from the action's
    // answer; the history is fetched after it, so wait for the last step to arrive.
    await eventually(() => sup.page.locator('[data-test=history]').textContent()).toContain('审核通过');
    const steps = await sup.page.locator('[data-test=history] .el-timeline-item').allTextContents();
    const expected: [string, string][] = [['下发', 'sup'], ['签收', 'brig'], ['核查', 'brig'], ['提交整改', 'brig'], ['退回', 'sup'], ['提交整改', 'brig'], ['审核通过', 'sup']];
    expect(steps[0]).toContain('生成预警事项');
    expect(steps.filter((s) => s.includes('上传附件'))).toHaveLength(1);
    const actionSteps = steps.filter((s) => expected.some(([a]) => s.includes(`${a}　`)));
    expect(actionSteps, JSON.stringify(steps)).toHaveLength(expected.length);
    actionSteps.forEach((s, n) => { expect(s).toContain(expected[n][0]); expect(s).toContain(expected[n][1]); });
    await shot(sup.page, '04-item-closed');
    await brig.context.close();
    await sup.context.close();
  });

  it('sends an account that must change its password to 修改密码 first, and lets it in once changed', async () => {
    const u = await session();
    await logIn(u.page, srv.url, 'newbie', /#\/password/);
    await u.page.locator('[data-test=must-change]').waitFor();
    // Any other page leads back here until the password is changed.
    await u.page.goto(`${srv.url}/#/items`);
    await u.page.waitForURL(/#\/password/);
    await shot(u.page, '09-password');
    await u.page.fill('input[name=current]', TEST_PASSWORD);
    await u.page.fill('input[name=new]', 'Newbie-chosen-1');
    await u.page.fill('input[name=again]', 'Newbie-chosen-1');
    await u.page.click('[data-test=password-submit]');
    await u.page.waitForURL(/#\/overview/);
    // Reachable from the header for everyone afterwards.
    await u.page.click('[data-test=password]');
    await u.page.waitForURL(/#\/password/);
    await u.page.locator('[data-test=password-form]').waitFor();
    expect(await u.page.locator('[data-test=must-change]').count()).toBe(0);
    await u.context.close();
  });

  it('shows the map, the data page and the users page, each from the server alone and without errors', async () => {
    const adm = await session();
    // Every page here runs under the server's Content-Security-Policy: a violation would be a console error.
    const violations: string[] = [];
    await adm.page.exposeFunction('reportViolation', (v: string) => { violations.push(v); });
    await adm.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const doc = await adm.page.goto(srv.url);
    expect(doc?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await logIn(adm.page, srv.url, 'adm');
    await shot(adm.page, '00-overview-admin');
    await adm.page.click('.el-menu-item:has-text("地图")');
    await adm.page.locator('[data-test=map] canvas').first().waitFor();
    await eventually(async () => (await adm.page.locator('[data-test=show-blackspots]').textContent()) ?? '').toContain('（1）');
    await shot(adm.page, '05-map');
    await adm.page.click('.el-menu-item:has-text("数据")');
    await adm.page.locator('[data-test=import-history]').waitFor();
    await shot(adm.page, '06-data');
    await adm.page.click('.el-menu-item:has-text("用户")');
    await eventually(async () => (await adm.page.locator('[data-test=users]').textContent()) ?? '').toContain('brig');
    await shot(adm.page, '07-users');
    await adm.page.click('.el-menu-item:has-text("安全审计")');
    await eventually(async () => (await adm.page.locator('[data-test=security-log]').textContent()) ?? '').toContain('登录');
    await adm.page.fill('[data-test=security-user]', 'newbie');
    await adm.page.click('[data-test=security-search]');
    await eventually(async () => (await adm.page.locator('[data-test=security-log]').textContent()) ?? '').toContain('修改密码');
    await shot(adm.page, '07-security-log');
    await adm.page.click('[data-test=logout]');
    await adm.page.waitForURL(/#\/login/);
    await shot(adm.page, '08-login');
    await adm.context.close();

    expect(foreign, 'requests to other addresses').toEqual([]);
    expect(errors, 'console errors').toEqual([]);
    expect(violations, 'CSP violations').toEqual([]);
  });
});

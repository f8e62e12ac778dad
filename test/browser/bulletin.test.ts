// The console's 月度通报 page in a real browser: an admin edits the 下一步工作要求, downloads the month's
// bulletin, and the downloaded file is a valid .docx carrying the new text. Screenshot: artefacts/console/bulletin.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { logIn, startConsole, stopConsole } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { insertSeries } from '../support/accident-series.ts';
import { checkDocx, documentText } from '../support/ooxml.ts';

const SHOTS = join(process.cwd(), 'artefacts', 'console');
let srv: TestServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  ({ srv, browser } = await startConsole({
    users: [{ name: 'adm', role: 'admin' }],
    data: { units: [{ unit_code: 'U1', unit_name: '甲县交警大队' }, { unit_code: 'U2', unit_name: '乙县交警大队' }] },
    setup: async (store) => {
      await insertSeries(store, { units: { U1: 9, U2: 4 }, from: '2019-07', months: 24, seed: 4 });
      await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of) VALUES (1, TIMESTAMP '2021-07-05 09:00:00', DATE '2021-01-01', DATE '2021-06-30', DATE '2021-07-10')`);
    },
  }));
});
afterAll(() => stopConsole({ srv, browser }));

describe('the 月度通报 page', () => {
  it('edits the requirements and downloads the bulletin of the latest analysis month', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, srv.url, 'adm');
    await page.goto(`${srv.url}/#/bulletin`);
    await expect.poll(() => page.locator('[data-test=bulletin-download]').getAttribute('href'), { timeout: 15_000 })
      .toBe('/api/bulletin?month=2021-06&as_of=2021-07-10');
    await page.locator('textarea[data-test=bulletin-requirements], [data-test=bulletin-requirements] textarea').first().fill('（一）请各单位于月底前报送整改情况。');
    await page.click('[data-test=bulletin-save]');
    await page.locator('.el-message--success').waitFor();
    await page.screenshot({ path: join(SHOTS, 'bulletin.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=bulletin-download]')]);
    const buf = await import('node:fs/promises').then((fs) => download.path().then((p) => fs.readFile(p)));
    const { files, problems } = await checkDocx(buf);
    expect(problems).toEqual([]);
    expect(documentText(files.get('word/document.xml')!).paragraphs).toContain('（一）请各单位于月底前报送整改情况。');
    expect(errors).toEqual([]);
    await context.close();
  });
});

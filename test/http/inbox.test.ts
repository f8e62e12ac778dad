// The inbox of a running server: export folders dropped into it are imported in the order they arrived, once each;
// a damaged one is set aside with its reason; a half-copied one is read only once complete. Each outcome is on the
// 数据 page's import history and in the security log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { startTestServer, type TestServer } from '../support/server.ts';
import { FAILED_DIR, IMPORTED_DIR, reasonFile } from '../../src/web/server/inbox.ts';
import { resolveConfig } from '../../src/deploy/config.ts';

let srv: TestServer | null = null;
let inbox = '';
beforeEach(async () => { inbox = await mkdtemp(join(tmpdir(), 'yanpan-inbox-')); });
afterEach(async () => {
  await srv?.close();
  srv = null;
  await rm(inbox, { recursive: true, force: true });
});

const UNITS = '单位代码,单位名称,单位类型\r\nU1,榆次交警大队,县区大队\r\nU2,太谷交警大队,县区大队\r\n';
const OFFICERS = '警号,姓名,所属单位,人员类别\r\n100001,王伟,U1,民警\r\n100002,李娜,U1,协警\r\n';
const VIOLATIONS = '违法编号,号牌号码,号牌种类,违法时间,违法代码,采集方式,执勤民警,处理状态\r\nV1,晋K12345,02,2021-06-01 09:00:00,1345,现场,100001,已处理\r\n';

interface History { import_id: number; source: string; status: string; message: string | null; loaded: number; rejected: number; files: { file: string; notes: string | null }[] }

async function history(s: TestServer, cookie: string): Promise<History[]> {
  const r = await s.fetch('/api/import-history', { cookie });
  expect(r.status).toBe(200);
  return (await r.json() as History[]).sort((a, b) => a.import_id - b.import_id);
}

/** A folder written beside the inbox and moved in whole (as a copy finishing), with its files. */
async function drop(name: string, files: Record<string, string>, done: boolean): Promise<void> {
  const staging = join(inbox, '..', `${inbox.split('/').pop()}-staging-${name}`);
  await mkdir(staging, { recursive: true });
  for (const [f, text] of Object.entries(files)) await writeFile(join(staging, f), text);
  if (done) await writeFile(join(staging, '.done'), '');
  await rename(staging, join(inbox, name));
}

const listing = (dir: string) => readdir(dir).catch(() => [] as string[]);

describe('the inbox', () => {
  it('imports dropped export folders in arrival order, sets a damaged one aside with its reason, and reads a half-copied one only once complete', async () => {
    // No quiet period within the test's time: only the `.done` marker completes a folder.
    srv = await startTestServer({ users: [{ name: 'sup', role: 'supervisor' }, { name: 'adm', role: 'admin' }], options: { inbox: { dir: inbox, quietMs: 600_000, pollMs: 50 } } });
    const s = srv;
    const sup = await s.login('sup');

    // Three exports one after another; the last one half-copied: its officers file cut mid-row, no marker yet.
    await drop('20210601', { '单位.csv': UNITS, '民警信息导出.csv': OFFICERS, 'violations.csv': VIOLATIONS }, true);
    await drop('20210602', { 'officers.csv': '警号,姓名\r\n100003,张敏\r\n' }, true);
    const cut = OFFICERS.length - 6;
    await drop('20210603', { 'officers.csv': OFFICERS.slice(0, cut) }, false);

    await expect.poll(() => listing(join(inbox, IMPORTED_DIR)), { timeout: 60_000 }).toEqual(['20210601']);

    await expect.poll(() => listing(join(inbox, FAILED_DIR)), { timeout: 60_000 }).toEqual(['20210602', reasonFile('20210602')]);
    const reason = '文件 officers.csv：缺少必填列：所属单位（unit_code）（数据库未作任何改动）';
    expect((await readFile(join(inbox, FAILED_DIR, reasonFile('20210602')), 'utf8')).trim()).toBe(reason);
    // Not complete: still where it was dropped, not read.
    expect(await listing(inbox)).toContain('20210603');
    expect((await history(s, sup)).map((h) => [h.status, h.message])).toEqual([['ok', null], ['failed', reason]]);

    // The copy completes: the rest of the file, then the marker.
    await appendFile(join(inbox, '20210603', 'officers.csv'), OFFICERS.slice(cut));
    await writeFile(join(inbox, '20210603', '.done'), '');
    await expect.poll(() => listing(join(inbox, IMPORTED_DIR)), { timeout: 60_000 }).toEqual(['20210601', '20210603']);
    expect(await listing(inbox)).toEqual([FAILED_DIR, IMPORTED_DIR]);

    const h = await history(s, sup);
    expect(h.map((x) => [x.import_id, x.status, x.source, x.files.map((f) => f.file).sort()])).toEqual([
      [1, 'ok', '20210601', ['violations.csv', '单位.csv', '民警信息导出.csv']],
      [2, 'failed', '20210602', []],
      [3, 'ok', '20210603', ['officers.csv']],
    ]);
    // The page shows how each file was matched.
    expect(h[0].files.find((f) => f.file === '民警信息导出.csv')?.notes).toBe('按表头认作「警员」表');
    // The same rows each time (李娜's 协警 is a reject): the completed copy, not the cut one, was read.
    expect([h[0].rejected, h[2].rejected, h[2].loaded]).toEqual([1, 1, 0]);
    expect(await s.store.all('SELECT line, column_name, value FROM rejects WHERE import_id = 3')).toEqual([{ line: 3, column_name: 'category', value: '协警' }]);
    expect(await s.store.all("SELECT name FROM officers WHERE officer_id = '100002'")).toEqual([]);

    // After each import: the month of the latest day analysed (by the inbox), its 每日调度 ready.
    const runs = await (await s.fetch('/api/runs', { cookie: sup })).json() as { history: { period_from: string; period_to: string }[] };
    expect(runs.history.map((r) => [r.period_from, r.period_to])).toEqual([['2021-06-01', '2021-06-01'], ['2021-06-01', '2021-06-01']]);
    expect((await s.fetch('/api/daily?date=2021-06-01', { cookie: sup })).status).toBe(200);
    // And the 风险画像 of the period its page opens on (数据截至 2021-06-01), kept for the last import's data only.
    expect(await s.store.all('SELECT period_from::VARCHAR AS f, period_to::VARCHAR AS t, as_of::VARCHAR AS a, data_version::INTEGER AS v FROM risk_profiles'))
      .toEqual([{ f: '2020-12-01', t: '2021-05-31', a: '2021-06-02', v: 3 }]);

    // The security log has each outcome.
    const log = await (await s.fetch('/api/security-log?event=import', { cookie: await s.login('adm') })).json() as { entries: { user: string; outcome: string; detail: string }[] };
    expect(log.entries.filter((e) => e.user === 'inbox').map((e) => [e.outcome, e.detail.split('：')[0]]).reverse()).toEqual([
      ['success', '收件箱 20210601'], ['failure', '收件箱 20210602'], ['success', '收件箱 20210603'],
    ]);
  }, 180_000);

  it('takes a zip once it has been unchanged for the quiet period', async () => {
    const quietMs = 1500;
    srv = await startTestServer({ options: { inbox: { dir: inbox, quietMs, pollMs: 50 } } });
    const s = srv;
    const zip = zipSync({ '导出/单位.csv': strToU8(UNITS) });
    await writeFile(join(inbox, 'export.zip'), zip.subarray(0, 40));
    await writeFile(join(inbox, 'export.zip'), zip);
    const written = Date.now();
    await expect.poll(() => listing(join(inbox, IMPORTED_DIR)), { timeout: 60_000 }).toEqual(['export.zip']);
    const job = s.server.ctx.jobs.list('import')[0];
    expect(job.user).toBe('inbox');
    expect(new Date(job.started_at).getTime()).toBeGreaterThanOrEqual(written + quietMs - 50);
    expect(await s.store.all('SELECT unit_code FROM units ORDER BY 1')).toEqual([{ unit_code: 'U1' }, { unit_code: 'U2' }]);
  }, 120_000);

  it('is set by `inbox` in the configuration file or --inbox, the flag winning', () => {
    expect(resolveConfig({ inbox: '/srv/inbox' }, {})).toMatchObject({ ok: true, config: { inbox: '/srv/inbox' } });
    expect(resolveConfig({ inbox: '/srv/inbox' }, { inbox: '/tmp/in' })).toMatchObject({ ok: true, config: { inbox: '/tmp/in' } });
    expect(resolveConfig({}, {})).toMatchObject({ ok: true, config: { inbox: null } });
  });
});

// Domain refusals are Failures with a kind, so each edge maps them in one place (web/server/context.ts,
// cli/output.ts): the settings checks, the bulletin's settings, the spot check's request and checklist, the
// item list's filter, a password change, a backup and the log-in rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAILURE_KINDS } from '../src/contract/failure.ts';
import { EXIT_CODE } from '../src/cli/output.ts';
import { FAILURE_STATUS } from '../src/web/server/context.ts';
import { mergeSettings } from '../src/rules/settings.ts';
import { mergeRiskSettings } from '../src/report/risk-settings.ts';
import { checkDeadlineDays, setDeadlineDays } from '../src/supervise/settings.ts';
import { checkEffectiveness } from '../src/queries/rule-effectiveness.ts';
import { adoptSettings } from '../src/analyze/settings-versions.ts';
import { writeBulletinSettings } from '../src/report/bulletin/settings.ts';
import { checkSampleRequest } from '../src/spotcheck/sample.ts';
import { rewriteChecklist } from '../src/spotcheck/catalog.ts';
import { readChecklist } from '../src/spotcheck/import.ts';
import { parseFilter } from '../src/supervise/items.ts';
import { parseDayRange } from '../src/supervise/item-day.ts';
import { addressThrottle } from '../src/supervise/address-throttle.ts';
import { addUser, changeOwnPassword } from '../src/supervise/users.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { takeBackup } from '../src/deploy/backup.ts';
import { forecastMonth } from '../src/forecast/forecast.ts';
import { checkPeriod } from '../src/analyze/period.ts';
import { parseConfig, resolveConfig } from '../src/deploy/config.ts';
import { WorkLimiter } from '../src/web/server/jobs.ts';

let store: Store;
let dir: string;
beforeAll(async () => {
  store = await openStore(':memory:');
  dir = await mkdtemp(join(tmpdir(), 'yanpan-failure-'));
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('every failure kind has its HTTP status and its exit code', () => {
  it('maps each kind once at each edge; too-many is 429 and may work later', () => {
    for (const k of FAILURE_KINDS) {
      expect(FAILURE_STATUS[k], k).toBeGreaterThanOrEqual(400);
      expect(EXIT_CODE[k], k).toBeGreaterThan(0);
    }
    expect(FAILURE_STATUS['too-many']).toBe(429);
    expect(EXIT_CODE['too-many']).toBe(1);
  });
});

describe('domain refusals carry a kind', () => {
  it('the settings checks: invalid', async () => {
    expect(mergeSettings({ nope: {} })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(mergeRiskSettings({ repeat: -1 })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(checkDeadlineDays({ high: 0 })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await setDeadlineDays(store, { urgent: 3 }, 'adm')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(checkEffectiveness({ windowDays: -1 })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await adoptSettings(store, {}, { by: 'adm', reason: ' ', at: '2021-07-01 00:00:00' })).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('the bulletin\'s settings: invalid', async () => {
    expect(await writeBulletinSettings(store, { requirements: '  ' })).toMatchObject({ ok: false, kind: 'invalid', error: '下一步工作要求不能为空' });
  });

  it('the spot check: a bad request or checklist is invalid, an unknown sample not-found', async () => {
    expect(checkSampleRequest({ month: '2021-13', kind: 'documents', rate: '5%' })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await rewriteChecklist(store, 999, join(dir, 'c.xlsx'))).toMatchObject({ ok: false, kind: 'not-found' });
    const read = await readChecklist(store, join(dir, 'missing.xlsx'));
    expect(read).toMatchObject({ ok: false, kind: 'invalid', error: '检查清单有 1 处错误，未导入任何结果' });
    expect(read.ok || read.errors).toHaveLength(1);
  });

  it('the item list\'s filter and day range: invalid', () => {
    expect(parseFilter({ sort: 'nope' })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(parseDayRange({ from: '2021-02-30' })).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('a password change: a wrong current password is forbidden, a weak new one invalid', async () => {
    expect((await addUser(store, 'wang', 'supervisor', null, 'Aa1-aaaaaaaa', 'adm')).ok).toBe(true);
    expect(await changeOwnPassword(store, 'wang', 'wrong', 'Aa1-bbbbbbbb', 's')).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await changeOwnPassword(store, 'wang', 'Aa1-aaaaaaaa', 'Aa1-aaaaaaaa', 's')).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('a backup that could not be made: unavailable (it may work later)', async () => {
    const notAFolder = join(dir, 'file');
    await writeFile(notAFolder, 'x');
    expect(await takeBackup(store, dir, { parent: join(notAFolder, 'backups') })).toMatchObject({ ok: false, kind: 'unavailable', error: expect.stringMatching(/^备份失败：/) });
  });

  it('the log-in rate limit: too-many, saying when to try again', async () => {
    const t = addressThrottle({ failures: 1, minutes: 15 });
    const slot = await t.begin('10.0.0.1');
    if (!slot.ok) throw new Error(slot.error);
    slot.end(true);
    expect(await t.begin('10.0.0.1')).toEqual({ ok: false, kind: 'too-many', error: '本机地址登录失败次数过多，请 15 分钟后再试' });
  });

  it('a forecast without enough history: conflict with the data on file (409)', async () => {
    expect(await forecastMonth(store, '2022-01')).toMatchObject({ ok: false, kind: 'conflict', error: expect.stringContaining('无法研判') });
  });

  it('a period and a configuration that do not pass: invalid', () => {
    expect(checkPeriod('2021-06-01', '2021-01-01', '2021-07-01')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(parseConfig('listen = 0.0.0.0\n', 'f.conf')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(resolveConfig({ port: 'x' }, {})).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('more expensive work at once than allowed: too-many', () => {
    const limiter = new WorkLimiter({ perUser: 1, total: 1 });
    const slot = limiter.acquire('a');
    expect(slot.ok).toBe(true);
    expect(limiter.acquire('a')).toMatchObject({ ok: false, kind: 'too-many' });
    expect(limiter.acquire('b')).toMatchObject({ ok: false, kind: 'too-many' });
  });
});

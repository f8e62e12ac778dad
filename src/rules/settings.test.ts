import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkSettings, DEFAULT_SETTINGS, mergeSettings, SETTING_CHECKS } from './settings.ts';

const error = (overrides: unknown): string => {
  const r = mergeSettings(overrides);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(overrides)}`);
  return r.error;
};

describe('settings: every figure has a type and a range, checked when merged', () => {
  it('accepts the defaults, and has a check for every figure', () => {
    expect(checkSettings(DEFAULT_SETTINGS)).toBeNull();
    for (const [group, values] of Object.entries(DEFAULT_SETTINGS)) {
      expect(Object.keys(SETTING_CHECKS[group as keyof typeof SETTING_CHECKS]).sort()).toEqual(Object.keys(values).sort());
    }
  });

  it('overlays a valid partial file on the defaults', () => {
    const r = mergeSettings({ pointTrading: { highOwners: 4 }, deviceVolume: { ratio: 6.5 }, favorVoiding: { groundPatterns: ['套牌'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.pointTrading).toEqual({ ...DEFAULT_SETTINGS.pointTrading, highOwners: 4 });
    expect(r.settings.deviceVolume.ratio).toBe(6.5);
    expect(r.settings.favorVoiding.groundPatterns).toEqual(['套牌']);
    expect(r.settings.caseShelving).toEqual(DEFAULT_SETTINGS.caseShelving);
  });

  it('refuses unknown groups and keys, and a file that is not an object', () => {
    expect(error({ pointTradin: {} })).toBe('未知的设置组：pointTradin');
    expect(error({ pointTrading: { highOwner: 3 } })).toBe('未知的设置项：pointTrading.highOwner');
    expect(error({ pointTrading: { toString: 3 } })).toBe('未知的设置项：pointTrading.toString');
    expect(error({ pointTrading: 3 })).toBe('设置组 pointTrading 必须是对象');
    expect(error([1])).toBe('设置文件必须是一个 JSON 对象');
  });

  it('refuses a number out of its range, naming the key', () => {
    expect(error({ pointTrading: { highOwners: -5 } })).toBe('设置项 pointTrading.highOwners 应为 1–1000 的整数，而不是 -5');
    expect(error({ irregularBusiness: { nightStartHour: 24 } })).toBe('设置项 irregularBusiness.nightStartHour 应为 0–23 的整数，而不是 24');
    expect(error({ blackspot: { densityRadiusM: 0 } })).toBe('设置项 blackspot.densityRadiusM 应为 1–100000 的数，而不是 0');
  });

  it('refuses a fraction where a count is due, and a string or null where a number is due', () => {
    expect(error({ favorVoiding: { minUngrounded: 2.5 } })).toBe('设置项 favorVoiding.minUngrounded 应为 1–10000 的整数，而不是 2.5');
    expect(error({ bodycamLateUpload: { deadlineHours: '24' } })).toBe('设置项 bodycamLateUpload.deadlineHours 应为 1–8760 的整数，而不是 "24"');
    expect(error({ deviceVolume: { ratio: null } })).toBe('设置项 deviceVolume.ratio 应为 1–1000 的数，而不是 null');
  });

  it('refuses a list with an item of the wrong type, or an empty list, naming the key and the item', () => {
    expect(error({ favorVoiding: { emergencyUsages: [1, 2] } })).toBe('设置项 favorVoiding.emergencyUsages[0] 应为非空文字，而不是 1');
    expect(error({ duplicatePenalty: { speedingCodes: ['1352', ' '] } })).toBe('设置项 duplicatePenalty.speedingCodes[1] 应为非空文字，而不是 " "');
    expect(error({ deviceCalibration: { speedKinds: [] } })).toBe('设置项 deviceCalibration.speedKinds 应为至少一项的文字列表，而不是 []');
    expect(error({ duplicatePenalty: { parkingKind: ['违法停车'] } })).toBe('设置项 duplicatePenalty.parkingKind 应为非空文字，而不是 ["违法停车"]');
  });

  it('refuses a regular expression DuckDB (RE2) cannot compile, naming the key', () => {
    expect(error({ favorVoiding: { rejectedPattern: '不成立|(驳回' } })).toMatch(/^设置项 favorVoiding\.rejectedPattern 不是有效的正则表达式（.*missing closing \)/);
    // Look-ahead is valid in JavaScript but not in RE2, the engine that runs the pattern.
    expect(error({ favorVoiding: { groundPatterns: ['套牌', '(?!非)误识'] } })).toMatch(/^设置项 favorVoiding\.groundPatterns\[1\] 不是有效的正则表达式/);
  });

  it('refuses a pattern that matches the empty text (it would match every reason)', () => {
    expect(error({ favorVoiding: { emergencyGround: '紧急|' } })).toBe('设置项 favorVoiding.emergencyGround 会匹配空文字（即任何原因），请写出具体的措辞');
  });

  it('refuses a high mark below its warning mark', () => {
    expect(error({ pointTrading: { highOwners: 2 } })).toBe('设置项 pointTrading.highOwners（2）应大于 pointTrading.mediumOwners（2）');
    expect(error({ deviceComplaints: { highComplaints: 2 } })).toBe('设置项 deviceComplaints.highComplaints（2）应不小于 deviceComplaints.minComplaints（3）');
  });
});

describe('yanpan analyze --settings', () => {
  it('exits 2 with the key named, before opening the database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-settings-'));
    try {
      const file = join(dir, 'settings.json');
      await writeFile(file, JSON.stringify({ pointTrading: { highOwners: -5 } }));
      const bin = new URL('../../bin/yanpan', import.meta.url).pathname;
      const db = join(dir, 'x.duckdb');
      const r = await promisify(execFile)(bin, ['analyze', '--db', db, '--from', '2021-01-01', '--to', '2021-06-30',
        '--as-of', '2021-07-11', '--out', join(dir, 'w.jsonl'), '--settings', file]).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(r?.code).toBe(2);
      expect(r?.stderr).toBe(`设置文件 ${file}：设置项 pointTrading.highOwners 应为 1–1000 的整数，而不是 -5\n`);
      expect(existsSync(db)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

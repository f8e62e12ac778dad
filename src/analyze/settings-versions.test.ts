// Settings versions and trying figures before adopting them, on the shared sample.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { sampleStore } from '../../test/support/sample-store.ts';
import { DEFAULT_SETTINGS, type Settings } from '../rules/settings.ts';
import { analyze, saveRun } from './run.ts';
import { warningKey } from './merge.ts';
import { diffSettings, latestRunPeriod } from './settings-diff.ts';
import { adoptSettings, listSettingsVersions, settingsInForce, StoredSettingsError } from './settings-versions.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
const AT = '2026-12-01T09:00:00.000+08:00';

describe('rule settings versions', () => {
  let store: Store;
  beforeAll(async () => {
    store = await sampleStore();
  });
  afterAll(() => store.close());

  it('before any run the defaults are in force, unversioned; the first run stores them as version 1 in force', async () => {
    expect(await settingsInForce(store)).toEqual({ version: null, settings: DEFAULT_SETTINGS });
    const runId = await saveRun(store, await analyze(store, PERIOD, DEFAULT_SETTINGS), DEFAULT_SETTINGS, { by: 'duban' });
    const [run] = await store.all<{ v: number }>('SELECT settings_version AS v FROM runs WHERE run_id = $1', [runId]);
    expect(Number(run.v)).toBe(1);
    expect((await settingsInForce(store)).version).toBe(1);
    expect((await listSettingsVersions(store))[0]).toMatchObject({ version: 1, adopted: true, in_force: true, reason: 'RULES.md 默认值', runs: 1 });
  });

  it('a run with other figures stores them as a trial version that is not in force; the same figures again reuse it', async () => {
    const trial: Settings = { ...DEFAULT_SETTINGS, deviceComplaints: { minComplaints: 2, highComplaints: 8 } };
    const r1 = await saveRun(store, await analyze(store, PERIOD, trial), trial, { settings_reason: '试用' });
    const r2 = await saveRun(store, await analyze(store, PERIOD, trial), trial, {});
    const versions = await store.all<{ v: number }>('SELECT settings_version AS v FROM runs WHERE run_id IN ($1, $2) ORDER BY run_id', [r1, r2]);
    expect(versions.map((r) => Number(r.v))).toEqual([2, 2]);
    expect((await settingsInForce(store)).version).toBe(1);
    expect((await listSettingsVersions(store)).find((v) => v.version === 2)).toMatchObject({ adopted: false, in_force: false, reason: '试用', runs: 2 });
  });

  it('adopting figures makes a new version in force; the same figures again change nothing; bad figures and no reason are refused', async () => {
    const r = await adoptSettings(store, { caseShelving: { sceneWorkingDays: 15 } }, { by: 'admin', reason: '按新规定延长', at: AT });
    expect(r).toEqual({ ok: true, version: 3, unchanged: false });
    expect((await settingsInForce(store)).settings.caseShelving.sceneWorkingDays).toBe(15);
    expect(await adoptSettings(store, { caseShelving: { sceneWorkingDays: 15 } }, { by: 'admin', reason: '再存一次', at: AT })).toEqual({ ok: true, version: 3, unchanged: true });
    expect(await adoptSettings(store, { caseShelving: { sceneWorkingDays: 0 } }, { by: 'admin', reason: 'x', at: AT })).toMatchObject({ ok: false, error: expect.stringContaining('caseShelving.sceneWorkingDays') });
    expect(await adoptSettings(store, { caseShelving: { sceneWorkingDays: 12 } }, { by: 'admin', reason: ' ', at: AT })).toMatchObject({ ok: false });
    expect((await listSettingsVersions(store)).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('a stored version a release can no longer read is reported, never replaced by the defaults', async () => {
    const bad = await openStore(':memory:');
    try {
      await bad.run(`INSERT INTO rule_settings VALUES (1, '${AT}', 'admin', 'x', true, '{"caseShelving":{"sceneWorkingDays":-1}}')`);
      await expect(settingsInForce(bad)).rejects.toThrow(StoredSettingsError);
      await expect(settingsInForce(bad)).rejects.toThrow(/第 1 版无效.*sceneWorkingDays/);
    } finally {
      bad.close();
    }
  });
});

describe('trying figures before adopting them', () => {
  let store: Store;
  beforeAll(async () => {
    store = await sampleStore();
  });
  afterAll(() => store.close());

  it('lists exactly the warnings a whole analysis with the new figures adds, removes and re-grades', async () => {
    const candidate: Settings = {
      ...DEFAULT_SETTINGS,
      caseShelving: { ...DEFAULT_SETTINGS.caseShelving, sceneWorkingDays: 20 },
      deviceComplaints: { minComplaints: 2, highComplaints: 3 },
    };
    const d = await diffSettings(store, PERIOD, DEFAULT_SETTINGS, candidate);
    // The oracle: two whole analyses, compared by key.
    const before = new Map((await analyze(store, PERIOD, DEFAULT_SETTINGS)).warnings.map((w) => [warningKey(w), w]));
    const after = new Map((await analyze(store, PERIOD, candidate)).warnings.map((w) => [warningKey(w), w]));
    const added = [...after.keys()].filter((k) => !before.has(k));
    const removed = [...before.keys()].filter((k) => !after.has(k));
    const regraded = [...after.keys()].filter((k) => before.has(k) && before.get(k)?.severity !== after.get(k)?.severity);
    expect(d.added.map((w) => w.key)).toEqual(added);
    expect(d.removed.map((w) => w.key)).toEqual(removed);
    expect(d.severity_changed.map((w) => w.key)).toEqual(regraded);
    // The sample has case-shelving warnings that a longer deadline drops, and devices with two or three complaints.
    expect(removed.some((k) => k.startsWith('case-shelving|'))).toBe(true);
    expect(added.length + regraded.length).toBeGreaterThan(0);
    expect(d.groups).toEqual(['caseShelving', 'deviceComplaints']);
    expect(d.categories.map((c) => c.category)).toEqual(['case-shelving', 'device-complaints']);
    const cs = d.categories[0];
    expect(cs.before - cs.removed + cs.added).toBe(cs.after);
  });

  it('the same figures change nothing and run no rule', async () => {
    const d = await diffSettings(store, PERIOD, DEFAULT_SETTINGS, DEFAULT_SETTINGS);
    expect(d).toMatchObject({ groups: [], categories: [], added: [], removed: [], severity_changed: [] });
  });

  it('the default period is that of the latest run', async () => {
    expect(await latestRunPeriod(store)).toBeNull();
    await saveRun(store, await analyze(store, PERIOD, DEFAULT_SETTINGS), DEFAULT_SETTINGS, {});
    expect(await latestRunPeriod(store)).toEqual(PERIOD);
  });
});

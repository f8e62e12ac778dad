// 风险画像 reuses a stored run of the same period and rule settings over the same data: the profile is the one a
// fresh analysis gives; a run with other settings, or made before the last import, is not used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, saveRun } from '../src/analyze/run.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { riskFromWarnings, riskReport, storedWarnings } from '../src/report/risk.ts';
import { DEFAULT_SETTINGS, type Settings } from '../src/rules/settings.ts';
import type { Store } from '../src/store/db.ts';
import { SAMPLE_DIR, sampleStore } from './support/sample-store.ts';

const period = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-01' };

let store: Store;
beforeAll(async () => { store = await sampleStore(); }, 120_000);
afterAll(() => store?.close());

describe('the risk profile from a stored run', () => {
  it('is used when the period, settings and data match, and gives the fresh analysis\'s profile', async () => {
    expect(await storedWarnings(store, period, DEFAULT_SETTINGS)).toBeNull();
    const fresh = await analyze(store, period, DEFAULT_SETTINGS);
    expect(fresh.warnings.length).toBeGreaterThan(0);
    await saveRun(store, fresh, DEFAULT_SETTINGS, { ...period, by: 'test' });
    const stored = await storedWarnings(store, period, DEFAULT_SETTINGS);
    expect(stored).toEqual(fresh.warnings);
    expect(await riskReport(store, period)).toEqual(await riskFromWarnings(store, period, fresh.warnings));
    // Another as-of date, or other settings: not this run.
    expect(await storedWarnings(store, { ...period, asOf: '2021-07-02' }, DEFAULT_SETTINGS)).toBeNull();
    const other: Settings = { ...DEFAULT_SETTINGS, pointTrading: { ...DEFAULT_SETTINGS.pointTrading, highOwners: DEFAULT_SETTINGS.pointTrading.highOwners + 1 } };
    expect(await storedWarnings(store, period, other)).toBeNull();
  }, 120_000);

  it('is not used once an import has changed the data', async () => {
    expect(await storedWarnings(store, period, DEFAULT_SETTINGS)).not.toBeNull();
    expect((await importDataset(store, SAMPLE_DIR)).ok).toBe(true);
    expect(await storedWarnings(store, period, DEFAULT_SETTINGS)).toBeNull();
  }, 120_000);
});

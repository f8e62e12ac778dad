// 风险画像 opens on a period whose profile is ready: after an import or an analysis the process that owns the
// database keeps the profile of the period the page opens on (six whole months to 数据截至), and the request
// only reads it. It is the profile a fresh analysis gives; it is read only for the data it was made from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze/run.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { prepareDefaultRisk, riskFromWarnings, riskReport, type RiskReport } from '../src/report/risk.ts';
import { DEFAULT_SETTINGS } from '../src/rules/settings.ts';
import type { Store } from '../src/store/db.ts';
import { SAMPLE_DIR, sampleStore } from './support/sample-store.ts';
import type { Clock } from '../src/time/index.ts';

// Some weeks after the export: 数据截至 is the data's last day, not this one.
const clock: Clock = { now: () => new Date('2021-08-20T09:00:00+08:00') };

let store: Store;
beforeAll(async () => { store = await sampleStore(); }, 120_000);
afterAll(() => store?.close());

const kept = () => store.all<{ f: string; t: string; a: string; v: number }>(
  'SELECT period_from::VARCHAR AS f, period_to::VARCHAR AS t, as_of::VARCHAR AS a, data_version::INTEGER AS v FROM risk_profiles ORDER BY 1');

describe('the risk profile of the default period', () => {
  it('is made once per data version for the period the page opens on, and is the fresh analysis\'s profile', async () => {
    const p = await prepareDefaultRisk(store, clock);
    // The sample's records end on 2021-06-30: six whole months to June, judged on 1 July.
    expect(p).toEqual({ period: { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-01' }, made: true });
    expect(await kept()).toEqual([{ f: '2021-01-01', t: '2021-06-30', a: '2021-07-01', v: 1 }]);
    expect(await prepareDefaultRisk(store, clock)).toEqual({ period: p!.period, made: false });
    const fresh = await riskFromWarnings(store, p!.period, (await analyze(store, p!.period, DEFAULT_SETTINGS)).warnings);
    expect(fresh.officers.some((o) => o.score > 0)).toBe(true);
    expect(await riskReport(store, p!.period)).toEqual(fresh);
  }, 120_000);

  it('is what a request reads (no analysis), and only while the data are those it was made from', async () => {
    const period = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-01' };
    const fresh = await riskReport(store, period);
    // Marked in place: a request that gives the mark read the kept profile rather than analysing.
    const marked: RiskReport = { ...fresh, officers: fresh.officers.slice(0, 1) };
    await store.run('UPDATE risk_profiles SET report = $r', { r: JSON.stringify(marked) });
    expect(await riskReport(store, period)).toEqual(marked);
    // Another period is computed, not taken from the kept one.
    expect((await riskReport(store, { ...period, asOf: '2021-07-02' })).officers.length).toBe(fresh.officers.length);
    // A new import: the kept profile is of older data and is not read; preparing again replaces it.
    expect((await importDataset(store, SAMPLE_DIR)).ok).toBe(true);
    expect(await riskReport(store, period)).toEqual(fresh);
    expect((await prepareDefaultRisk(store, clock))?.made).toBe(true);
    expect(await kept()).toEqual([{ f: '2021-01-01', t: '2021-06-30', a: '2021-07-01', v: 2 }]);
  }, 120_000);
});

// The risk ranking on the demo's planted truth: the officers whose misconduct the demo planted come first;
// the honest look-alikes and the officers with a single incident come after them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/generate.ts';
import type { Truth } from '../src/demo/truth.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { riskCsv, riskReport, type RiskReport } from '../src/report/risk.ts';
import { CATEGORIES } from '../src/rules/types.ts';

describe('risk ranking on the demo', () => {
  let dir: string;
  let store: Store;
  let truth: Truth;
  let r: RiskReport;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-risk-demo-'));
    const summary = await generateDemo({ dir, seed: 3, scale: 0.006, months: 3 });
    truth = JSON.parse(await readFile(summary.truthFile, 'utf8')) as Truth;
    store = await openStore(join(dir, 'db.duckdb'));
    const imp = await importDataset(store, dir);
    if (!imp.ok) throw new Error(imp.message);
    r = await riskReport(store, summary.period);
  }, 120_000);
  afterAll(async () => {
    store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rank = (id: string) => r.officers.find((o) => o.officer_id === id)!.rank;

  it('ranks every planted officer above every honest look-alike and every officer with a single incident', () => {
    const planted = truth.planted.filter((p) => p.subject.kind === 'officer').map((p) => p.subject.id);
    const lookalikes = truth.lookalikes.filter((p) => p.subject.kind === 'officer').map((p) => p.subject.id);
    const single = r.officers.filter((o) => o.warnings.length === 1 && o.counts['favor-voiding'] === 0).map((o) => o.officer_id);
    expect(planted.length).toBeGreaterThanOrEqual(3);
    expect(lookalikes.length).toBeGreaterThanOrEqual(3);
    expect(single.length).toBeGreaterThanOrEqual(3);
    const worstPlanted = Math.max(...planted.map(rank));
    const bestHonest = Math.min(...[...lookalikes, ...single].map(rank));
    expect(worstPlanted).toBeLessThan(bestHonest);
    for (const id of planted) expect(r.officers.find((o) => o.officer_id === id)!.counts['favor-voiding']).toBe(1);
  });

  it('ranks every officer with repeated incidents above every officer with one', () => {
    const repeated = r.officers.filter((o) => o.warnings.length >= 2);
    const single = r.officers.filter((o) => o.warnings.length === 1 && o.counts['favor-voiding'] === 0);
    expect(repeated.length).toBeGreaterThan(0);
    expect(Math.max(...repeated.map((o) => o.rank))).toBeLessThan(Math.min(...single.map((o) => o.rank)));
  });

  it('writes the contract CSV: header, one row per officer, ranks 1..n in order, counts that add up to the attributed warnings', () => {
    const lines = riskCsv(r).trimEnd().split('\n');
    expect(lines[0]).toBe(['officer_id', 'name', 'unit', 'score', 'rank', ...CATEGORIES].join(','));
    expect(lines).toHaveLength(r.officers.length + 1);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((x) => Number(x[4]))).toEqual(rows.map((_, i) => i + 1));
    const scores = rows.map((x) => Number(x[3]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const o of r.officers.slice(0, 20)) {
      expect(CATEGORIES.reduce((a, c) => a + o.counts[c], 0)).toBe(o.warnings.length);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/generate.ts';
import { scoreWarnings } from '../src/demo/score.ts';
import type { Truth } from '../src/demo/truth.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { analyze } from '../src/analyze/run.ts';
import { DEFAULT_SETTINGS } from '../src/rules/settings.ts';
import { CATEGORIES } from '../src/rules/types.ts';

// The planted misconduct and look-alikes were written from RULES.md, independently of the rules: this is
// the end-to-end check that every clause fires and every exemption holds, in every file format.
describe('the demo detachment, end to end', () => {
  let dir: string;
  let store: Store;
  let truth: Truth;
  let period: { from: string; to: string; asOf: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-demo-'));
    // officers and opinions as their systems export them (asExported): a Chinese name, a title and a 合计 foot, UTF-16 text.
    const summary = await generateDemo({ dir, scale: 0.01, seed: 7, months: 6, gb18030: ['accidents', 'vehicles'], xlsx: ['devices', 'units'], englishHeaders: ['business'], asExported: true });
    truth = JSON.parse(await readFile(summary.truthFile, 'utf8')) as Truth;
    period = summary.period;
    store = await openStore(':memory:');
    const r = await importDataset(store, dir);
    expect(r.ok).toBe(true);
    if (r.ok) for (const f of r.report.files) expect(f.rejected, f.file).toBe(0);
    const officers = r.ok ? r.report.files.find((f) => f.table === 'officers') : undefined;
    expect(officers).toMatchObject({ file: '民警信息导出_202106.csv', matchedBy: 'header' });
    expect(officers?.notes.filter((n) => n.startsWith('跳过'))).toHaveLength(2);
    expect(r.ok && r.report.files.find((f) => f.table === 'opinions')).toMatchObject({ file: '意见建议与投诉台账.txt', encoding: 'utf-16le', matchedBy: 'name' });
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds every planted case and flags no look-alike, in every category', async () => {
    const result = await analyze(store, period, DEFAULT_SETTINGS);
    const scores = scoreWarnings(truth, result.warnings);
    for (const c of CATEGORIES) {
      const s = scores.find((x) => x.category === c);
      expect(s, c).toBeDefined();
      expect(s!.planted, c).toBeGreaterThan(0);
      expect({ c, missed: s!.missed, falsePositives: s!.falsePositives, lookalikes: s!.lookalikesFlagged })
        .toEqual({ c, missed: [], falsePositives: [], lookalikes: [] });
    }
  });
});

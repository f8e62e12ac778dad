// What `yanpan analyze` does (analyse, write the JSON Lines export, keep the run), with the time of
// each rule as JSON on stdout.   node --import tsx bench/steps/analyze.ts DB FROM TO AS_OF OUT
import { writeFile } from 'node:fs/promises';
import { openStore } from '../../src/store/db.ts';
import { checkPeriod } from '../../src/analyze/period.ts';
import { analyze, exportLines, saveRun } from '../../src/analyze/run.ts';
import { DEFAULT_SETTINGS } from '../../src/rules/settings.ts';

const [db, from, to, asOf, out] = process.argv.slice(2);
const checked = checkPeriod(from, to, asOf);
if (!checked.ok) throw new Error(checked.error);
const store = await openStore(db);
const t0 = performance.now();
const result = await analyze(store, checked.period, DEFAULT_SETTINGS);
const tRules = performance.now();
await writeFile(out, exportLines(result.warnings));
await saveRun(store, result, DEFAULT_SETTINGS, { from, to, asOf, out, settings: null });
const t1 = performance.now();
store.close();
process.stdout.write(JSON.stringify({
  ms: t1 - t0, rulesMs: tRules - t0, saveMs: t1 - tRules, warnings: result.warnings.length,
  rules: result.timings.map((t) => ({ category: t.category, ms: t.ms, cpuMs: t.cpuMs, warnings: t.warnings })),
  skipped: result.skipped.map((s) => s.category),
}) + '\n');

// `npx tsx bench/medians.ts [--runs N] [--period FROM,TO,AS_OF] [--cite NAME] SCALE=DB …`: the year's analysis of
// databases the bench has already built (`npm run bench -- --scale S --reuse --keep` leaves one in its work folder),
// run N times each, the databases alternated run by run so that a change in the machine's load falls on every scale
// alike; per rule the median wall and CPU time. One rule's single run moves by ±10–20 % on a 2-core machine, which is
// the whole margin of "at most 3.5× for 3× the data" for the rules near it: the medians are the figures to compare.
// Each scale's medians are written as a bench result (the shape `--compare` reads; every run's figures and load kept
// beside them); with two scales the comparison is printed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareScales, formatComparison, type ScaleResult } from './compare.ts';
import { recordCited, resultPath, sourceState } from './results.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface RuleTime { category: string; ms: number; cpuMs: number; warnings: number }
interface Run { ms: number; cpuMs: number; load: number; rules: RuleTime[] }

function parseArgs(argv: string[]) {
  const a = { runs: 3, period: ['2021-01-01', '2021-12-31', '2022-01-10'], cite: null as string | null, dbs: [] as { scale: number; db: string }[] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--runs') a.runs = Number(argv[++i]);
    else if (k === '--period') a.period = (argv[++i] ?? '').split(',');
    else if (k === '--cite') a.cite = argv[++i] ?? null;
    else if (/^[\d.]+=/.test(k)) a.dbs.push({ scale: Number(k.split('=')[0]), db: resolve(k.slice(k.indexOf('=') + 1)) });
    else throw new Error(`unknown argument ${k} (use [--runs N] [--period FROM,TO,AS_OF] [--cite NAME] SCALE=DB …)`);
  }
  if (!(a.runs >= 1) || a.period.length !== 3 || a.dbs.length === 0) throw new Error('give --runs ≥ 1, a period of three days and at least one SCALE=DB');
  return a;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function analyzeOnce(db: string, period: string[], out: string): Run {
  const load = loadavg()[0];
  const p = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/steps/analyze.ts'), db, ...period, out],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (p.status !== 0) throw new Error(`analysis of ${db} failed: ${p.stderr}`);
  const j = JSON.parse(p.stdout) as { ms: number; rules: RuleTime[] };
  return { ms: Math.round(j.ms), cpuMs: Math.round(j.rules.reduce((t, r) => t + r.cpuMs, 0)), load, rules: j.rules.map((r) => ({ ...r, ms: Math.round(r.ms), cpuMs: Math.round(r.cpuMs) })) };
}

function main(): void {
  const a = parseArgs(process.argv.slice(2));
  const source = sourceState(ROOT);
  const work = mkdtempSync(join(tmpdir(), 'yanpan-medians-'));
  const runs = new Map<number, Run[]>(a.dbs.map((d) => [d.scale, []]));
  try {
    for (let r = 0; r < a.runs; r++) {
      for (const { scale, db } of a.dbs) {
        const run = analyzeOnce(db, a.period, join(work, 'warnings.jsonl'));
        runs.get(scale)?.push(run);
        process.stdout.write(`run ${r + 1} scale ${scale}: ${run.ms} ms in-process, ${run.cpuMs} ms CPU in the rules, load ${run.load.toFixed(2)}\n`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const date = new Date().toISOString();
  const results: ScaleResult[] = [];
  for (const { scale } of a.dbs) {
    const rs = runs.get(scale) ?? [];
    const rules = rs[0].rules.map((first) => {
      const each = rs.map((x) => x.rules.find((y) => y.category === first.category) ?? first);
      return { category: first.category, ms: median(each.map((x) => x.ms)), cpuMs: median(each.map((x) => x.cpuMs)), warnings: first.warnings };
    });
    const result = {
      date, scale, code: `${source.commit?.slice(0, 12) ?? 'no-commit'}${source.clean === false ? '+dirty' : ''}`,
      period: { from: a.period[0], to: a.period[1], asOf: a.period[2] }, cores: cpus().length,
      note: `the year's analysis as bench/steps/analyze.ts runs it, ${a.runs} runs, the scales alternated; medians per rule`,
      analyzeYear: { ms: median(rs.map((x) => x.ms)), cpuMs: median(rs.map((x) => x.cpuMs)), rules },
      runs: rs,
    };
    const cite = a.cite === null ? null : `${a.cite}-scale${scale}`;
    const file = resultPath(ROOT, { cite, date: date.slice(0, 10), scale });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    if (cite !== null) {
      recordCited(ROOT, `${cite}.json\t${date}\t${result.code}\tscale ${scale}\tanalysis of the year, CPU ${(result.analyzeYear.cpuMs / 1000).toFixed(2)} s (median of ${a.runs})\n`);
    }
    process.stdout.write(`scale ${scale}: ${file}\n`);
    results.push(result);
  }
  if (results.length === 2) process.stdout.write('\n' + formatComparison(compareScales(results[0], results[1])) + '\n');
}

main();

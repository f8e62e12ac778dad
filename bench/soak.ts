// `npm run soak -- [--passes N] [--jobs J] [--scale S] [--months M] [--dir DIR] [--no-hog] [--out FILE]`: import and
// analyse a demo folder again and again, each run in its own child process, beside a CPU hog, and count how
// the children end — by exit code and by signal. It exists because DuckDB once crashed (SIGSEGV) in a few
// per cent of imports under load (docs/DUCKDB-CRASH.md); a crash shows up here as `signal SIGSEGV`.
//
// A pass is one import of the folder followed by one analysis of its period, in one child process running the
// CLI's own command functions (bench/steps/soak-pass.ts). Each job's first, third, … pass imports into a new
// database, the pass after re-imports into it (every record replaced), so both the fast path and the
// replacement path run. --jobs J runs J passes at a time (default 1), each job with its own databases, so a
// soak finishes on a busy machine. The hog is one busy-looping process, so DuckDB's worker threads
// are preempted at arbitrary points, as on a shared server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo, type DemoSummary } from '../src/demo/generate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const PASS = join(ROOT, 'bench/steps/soak-pass.ts');

interface Args { passes: number; jobs: number; scale: number; months: number; dir: string; hog: boolean; out: string }

function parseArgs(argv: string[]): Args | string {
  const a: Args = { passes: 200, jobs: 1, scale: 0.005, months: 2, dir: '', hog: true, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => argv[++i] ?? '';
    if (k === '--passes') a.passes = Number(v());
    else if (k === '--jobs') a.jobs = Number(v());
    else if (k === '--scale') a.scale = Number(v());
    else if (k === '--months') a.months = Number(v());
    else if (k === '--dir') a.dir = v();
    else if (k === '--out') a.out = v();
    else if (k === '--no-hog') a.hog = false;
    else if (k === '--') continue;
    else return `unknown argument ${k}`;
  }
  if (!(Number.isInteger(a.passes) && a.passes >= 1)) return '--passes must be a positive integer';
  if (!(Number.isInteger(a.jobs) && a.jobs >= 1 && a.jobs <= 16)) return '--jobs must be 1..16';
  if (!(a.scale > 0)) return '--scale must be > 0';
  if (!(Number.isInteger(a.months) && a.months >= 1 && a.months <= 24)) return '--months must be 1..24';
  return a;
}

/** How a step ended: `exit N` or `signal SIGxxx`. */
type Ending = string;
type Step = 'import' | 'analyze';

/** Run one pass; the steps it reached, each with how it ended (a signal is charged to the step that was running). */
function pass(args: string[]): Promise<{ steps: [Step, Ending][]; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX, PASS, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-8000); });
    child.on('close', (code, signal) => {
      const steps = [...stderr.matchAll(/^SOAK (import|analyze) (\d+)$/gm)].map((m): [Step, Ending] => [m[1] as Step, `exit ${m[2]}`]);
      const reached = steps.length === 0 ? 'import' : steps.length === 1 && steps[0][1] === 'exit 0' ? 'analyze' : null;
      if (reached && (signal || code !== 0)) steps.push([reached, signal ? `signal ${signal}` : `exit ${code}`]);
      done({ steps, stderr });
    });
  });
}

/** The demo folder: reused when DIR already holds one made with the same options, generated otherwise. */
async function demoFolder(a: Args): Promise<DemoSummary> {
  const dir = a.dir || join(tmpdir(), `yanpan-soak-scale${a.scale}-m${a.months}`);
  const stamp = join(dir, 'soak-dataset.json');
  const key = JSON.stringify({ scale: a.scale, months: a.months, seed: 1 });
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as { key: string; summary: DemoSummary };
    if (s.key === key) return s.summary;
  }
  const summary = await generateDemo({ dir, scale: a.scale, months: a.months, seed: 1 });
  writeFileSync(stamp, JSON.stringify({ key, summary }));
  return summary;
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  if (typeof a === 'string') {
    process.stderr.write(`${a}\nusage: npm run soak -- [--passes N] [--jobs J] [--scale S] [--months M] [--dir DIR] [--no-hog] [--out FILE]\n`);
    return 2;
  }
  const demo = await demoFolder(a);
  const work = mkdtempSync(join(tmpdir(), 'yanpan-soak-'));
  let hog: ChildProcess | null = null;
  const stopHog = (): void => { if (hog?.pid && hog.exitCode === null) hog.kill('SIGKILL'); };
  process.on('SIGINT', () => { stopHog(); process.exit(130); });
  if (a.hog) hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });

  const endings: Record<Step, Record<Ending, number>> = { import: {}, analyze: {} };
  const failures: { pass: number; step: string; ending: Ending; stderr: string }[] = [];
  const t0 = performance.now();
  process.stderr.write(`soak: ${a.passes} passes, ${a.jobs} at a time, over ${demo.dir} (scale ${a.scale}, ${a.months} months)${a.hog ? ', with a CPU hog' : ''}\n`);
  let next = 0;
  let done = 0;
  // One job: take the next pass number until none is left; its databases are its own (job j, pass pair k).
  const job = async (j: number): Promise<void> => {
    for (let k = 0; next < a.passes; k++) {
      const p = next++;
      const db = join(work, `job${j}-pair${k >> 1}.duckdb`);
      if (k % 2 === 0) for (const f of [`job${j}-pair${(k >> 1) - 1}.duckdb`, `job${j}-pair${(k >> 1) - 1}.duckdb.wal`]) rmSync(join(work, f), { force: true });
      const { steps, stderr } = await pass([demo.dir, db, demo.period.from, demo.period.to, demo.period.asOf, join(work, `warnings-${j}.jsonl`)]);
      for (const [step, ending] of steps) {
        endings[step][ending] = (endings[step][ending] ?? 0) + 1;
        if (ending !== 'exit 0') {
          failures.push({ pass: p + 1, step, ending, stderr: stderr.slice(-2000) });
          process.stderr.write(`  pass ${p + 1} ${step}: ${ending}\n${stderr.split('\n').slice(-6).join('\n')}\n`);
        }
      }
      if (++done % 10 === 0) process.stderr.write(`  ${done}/${a.passes} passes, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: a.jobs }, (_, j) => job(j)));
  } finally {
    stopHog();
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const signals = failures.filter((f) => f.ending.startsWith('signal')).length;
  const summary = { passes: a.passes, jobs: a.jobs, scale: a.scale, months: a.months, hog: a.hog, seconds: Math.round(seconds), endings, signals, failures };
  const show = (r: Record<Ending, number>): string => Object.entries(r).map(([e, n]) => `${e} ×${n}`).join(', ') || '—';
  process.stdout.write(`import:  ${show(endings.import)}\nanalyze: ${show(endings.analyze)}\n`);
  process.stdout.write(`${signals} crashes (exits by signal) and ${failures.length - signals} other failures in ${a.passes} passes, ${seconds.toFixed(0)} s\n`);
  if (a.out) writeFileSync(a.out, JSON.stringify(summary, null, 2) + '\n');
  return failures.length ? 1 : 0;
}

process.exitCode = await main();

// The inbox (收件箱), for the daily routine: the server imports each export folder or zip dropped into a folder,
// in the order they arrived and once each, then analyses the month of the latest day in the data and prepares
// that day's 每日调度, so both are ready when the supervisors come in.
//
// A folder is complete when it holds a `.done` marker or nothing in it has changed for the quiet period (a minute);
// a zip when it has not changed for the quiet period. A half-copied export is never read, and a later export
// waits for an earlier one (a later export replaces records of an earlier one, so the order matters). After its
// import an export moves to `.imported/`, or — when the import failed — to `.failed/` with a file saying why,
// and it is never tried again; each outcome goes to the import history and the security log. Imports run as the
// server's jobs (jobs.ts), one at a time with the console's imports and analyses.
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze, saveRun } from '../../analyze/run.ts';
import { checkPeriod } from '../../analyze/period.ts';
import { settingsInForce } from '../../analyze/settings-versions.ts';
import { importDataset, recordFailedImport, type ImportReport } from '../../ingest/import-dataset.ts';
import { dailyReport } from '../../report/daily.ts';
import type { Store } from '../../store/db.ts';
import { addDays, localStamp, today } from '../../time/index.ts';
import { appendSecurity } from '../../supervise/security-log.ts';
import { syncRun } from '../../supervise/sync.ts';
import type { ServerContext } from './context.ts';
import { prepareRisk, withJobConnection } from './routes/data.ts';
import { layOut } from './uploads.ts';

export interface InboxOptions {
  readonly dir: string;
  /** How long a folder without a `.done` marker (or a zip) must stay unchanged to count as complete, ms. */
  readonly quietMs?: number;
  /** How often the folder is looked at, ms. */
  readonly pollMs?: number;
}

export interface Inbox {
  /** Stop looking; an import that runs is called off by the server's stop and left to be taken again. */
  stop(): Promise<void>;
}

export const INBOX_QUIET_MS = 60_000;
const INBOX_POLL_MS = 5_000;
export const IMPORTED_DIR = '.imported';
export const FAILED_DIR = '.failed';
/** The file beside a failed export in `.failed/`. */
export const reasonFile = (name: string): string => `${name}.失败原因.txt`;
const INBOX_USER = 'inbox';

interface Arrival { readonly order: number; sig: string; changedAt: number }

/** What an entry holds, as names, sizes and times: any change of a file being copied in changes it. */
async function signature(path: string, depth = 0): Promise<string> {
  const st = await stat(path);
  if (!st.isDirectory()) return `${st.size}:${st.mtimeMs}`;
  if (depth > 3) return `${st.mtimeMs}`;
  const names = (await readdir(path)).sort();
  const parts = await Promise.all(names.map(async (n) => `${n}=${await signature(join(path, n), depth + 1).catch(() => '?')}`));
  return `{${parts.join(',')}}`;
}

/** A folder holding one folder and nothing else (an export copied with its parent) is read from the inner one. */
async function datasetDir(path: string): Promise<string> {
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  return entries.length === 1 && entries[0].isDirectory() ? join(path, entries[0].name) : path;
}

/** Move `name` from the inbox into `sub`, under a name not taken there yet. */
async function moveAside(dir: string, name: string, sub: string): Promise<string> {
  const to = join(dir, sub);
  await mkdir(to, { recursive: true });
  const taken = new Set(await readdir(to));
  let target = name;
  for (let i = 2; taken.has(target) || taken.has(reasonFile(target)); i++) target = name.replace(/(\.zip)?$/i, (ext) => `-${i}${ext}`);
  await rename(join(dir, name), join(to, target));
  return target;
}

export function startInbox(ctx: ServerContext, opts: InboxOptions): Inbox {
  const quietMs = opts.quietMs ?? INBOX_QUIET_MS;
  const log = ctx.options.log;
  const arrivals = new Map<string, Arrival>();
  /** Exports that could not be moved aside: never taken again while the server runs. */
  const given = new Set<string>();
  let order = 0;
  let ticking: Promise<void> | null = null;
  let stopped = false;

  async function look(): Promise<void> {
    const entries = await readdir(opts.dir, { withFileTypes: true }).catch(() => null);
    if (!entries) return;
    const now = Date.now();
    const present = entries.filter((e) => !e.name.startsWith('.') && !given.has(e.name) && (e.isDirectory() || (e.isFile() && /\.zip$/i.test(e.name))));
    for (const name of arrivals.keys()) if (!present.some((e) => e.name === name)) arrivals.delete(name);
    // Entries seen for the first time arrive in the order of their creation (then their names).
    const fresh = await Promise.all(present.filter((e) => !arrivals.has(e.name)).map(async (e) => {
      const st = await stat(join(opts.dir, e.name)).catch(() => null);
      return { name: e.name, born: st ? st.birthtimeMs || st.mtimeMs : now };
    }));
    fresh.sort((a, b) => a.born - b.born || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const f of fresh) arrivals.set(f.name, { order: order++, sig: '', changedAt: now });
    for (const [name, a] of arrivals) {
      const sig = await signature(join(opts.dir, name)).catch(() => '?');
      if (sig !== a.sig) { a.sig = sig; a.changedAt = now; }
    }
  }

  async function complete(name: string, a: Arrival): Promise<boolean> {
    const path = join(opts.dir, name);
    if (!/\.zip$/i.test(name) && (await stat(join(path, '.done')).then(() => true, () => false))) return true;
    return Date.now() - a.changedAt >= quietMs;
  }

  async function tick(): Promise<void> {
    await look();
    const next = [...arrivals.entries()].sort((a, b) => a[1].order - b[1].order)[0];
    // The earliest export first, whatever comes after it: a later one waits until it is complete.
    if (!next || stopped || !(await complete(next[0], next[1]))) return;
    const [name] = next;
    const box: { outcome: Outcome | null } = { outcome: null };
    let settle = (): void => undefined;
    const finished = new Promise<void>((ok) => { settle = ok; });
    const job = ctx.jobs.start('import', INBOX_USER, localStamp(ctx.options.clock.now()), (j, signal) => withJobConnection(ctx, signal, async (conn) => {
      try {
        let outcome: Outcome;
        try {
          outcome = await importEntry(ctx, conn, opts.dir, name, (stage) => { j.stage = stage; });
        } catch (err) {
          if (signal.aborted) throw err;
          // Not a refusal of the data (a folder that vanished, a full disk): set aside all the same, never retried.
          outcome = { ok: false, reason: `处理时出错：${(err as Error).message}` };
        }
        box.outcome = outcome;
        if (!outcome.ok) throw new Error(outcome.reason);
        return outcome.result;
      } finally {
        if (signal.aborted) box.outcome = null; // the server stops: taken again after its restart
        settle();
      }
    }), () => localStamp(ctx.options.clock.now()));
    if (!job) return; // another import or analysis runs: next time
    await finished;
    const done = box.outcome;
    if (!done) return;
    arrivals.delete(name);
    try {
      if (done.ok) {
        const moved = await moveAside(opts.dir, name, IMPORTED_DIR);
        log(`inbox ${name} imported #${done.result.importId} → ${IMPORTED_DIR}/${moved}`);
      } else {
        const moved = await moveAside(opts.dir, name, FAILED_DIR);
        await writeFile(join(opts.dir, FAILED_DIR, reasonFile(moved)), `${done.reason}\n`);
        log(`inbox ${name} failed → ${FAILED_DIR}/${moved}: ${done.reason}`);
      }
    } catch (err) {
      given.add(name);
      log(`inbox ${name}: 无法移出收件箱，本次运行中不再处理：${(err as Error).message}`);
    }
  }

  const run = (): void => {
    if (ticking || stopped) return;
    ticking = tick().catch((err: unknown) => log(`inbox error ${(err as Error).message}`)).finally(() => { ticking = null; });
  };
  const timer = setInterval(run, opts.pollMs ?? INBOX_POLL_MS);
  // The folder is made when missing (an installation names it before anything is dropped there).
  void mkdir(opts.dir, { recursive: true }).then(
    () => log(`inbox watching ${opts.dir} (complete on .done or after ${Math.round(quietMs / 1000)} s unchanged)`),
    (err: unknown) => log(`inbox ${opts.dir}: 无法创建收件箱目录：${(err as Error).message}`),
  ).finally(run);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
    },
  };
}

type Outcome = { ok: true; result: InboxResult } | { ok: false; reason: string };

interface InboxResult extends Record<string, unknown> {
  readonly importId: number;
  readonly export: string;
  readonly files: ImportReport['files'];
  readonly ignored: ImportReport['ignored'];
  readonly analysis: { runId: number; from: string; to: string; warnings: number } | { error: string } | null;
  readonly daily: string | null;
}

/** Import one export of the inbox, then analyse and prepare the daily report; every outcome recorded. */
async function importEntry(ctx: ServerContext, conn: Store, dir: string, name: string, stage: (s: string) => void): Promise<Outcome> {
  const path = join(dir, name);
  const security = (event: 'import' | 'analysis', outcome: 'success' | 'failure', detail: string) =>
    appendSecurity(ctx.store, { user: INBOX_USER, address: 'inbox', event, outcome, detail: `收件箱 ${name}：${detail}` }, ctx.options.clock);
  const fail = async (reason: string): Promise<Outcome> => {
    await recordFailedImport(conn, path, reason);
    await security('import', 'failure', reason);
    return { ok: false, reason };
  };
  stage('导入中');
  let source = path;
  let unpacked: string | null = null;
  if (/\.zip$/i.test(name)) {
    const st = await stat(path);
    if (st.size > ctx.options.maxImportBytes) return fail(`压缩包超过 ${Math.floor(ctx.options.maxImportBytes / 1048576)} MB`);
    unpacked = join(ctx.options.dataDir, 'uploads', `inbox-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
    const laid = await layOut(unpacked, [{ name, path, bytes: st.size }], ctx.options.maxImportBytes);
    if (!laid.ok) { await rm(unpacked, { recursive: true, force: true }); return fail(laid.error); }
    source = unpacked;
  } else {
    source = await datasetDir(path);
  }
  let r;
  try {
    r = await importDataset(conn, source);
  } finally {
    if (unpacked) await rm(unpacked, { recursive: true, force: true });
  }
  if (!r.ok) return fail(`${r.file ? `文件 ${r.file}：` : ''}${r.message}（数据库未作任何改动）`);
  const rows = r.report.files.reduce((a, f) => ({ loaded: a.loaded + f.loaded + f.replaced, rejected: a.rejected + f.rejected }), { loaded: 0, rejected: 0 });
  await security('import', 'success', `导入批次 ${r.report.importId}，${r.report.files.length} 个文件，载入 ${rows.loaded} 行，拒收 ${rows.rejected} 行`);

  // The month of the latest day in the data, judged at the end of that day; then that day's 每日调度.
  stage('分析中');
  const latest = await latestDay(conn, today(ctx.options.clock));
  let analysis: InboxResult['analysis'] = null;
  let daily: string | null = null;
  if (latest) {
    const period = checkPeriod(`${latest.slice(0, 8)}01`, latest, addDays(latest, 1));
    try {
      if (!period.ok) throw new Error(period.error);
      const { settings } = await settingsInForce(ctx.store);
      const result = await analyze(conn, period.period, settings);
      const runId = await saveRun(conn, result, settings, { ...period.period, by: INBOX_USER, from: 'inbox' });
      await syncRun(ctx.store, runId, ctx.options.clock);
      analysis = { runId, from: period.period.from, to: period.period.to, warnings: result.warnings.length };
      await security('analysis', 'success', `分析 ${period.period.from} 至 ${period.period.to}，运行 ${runId}，${result.warnings.length} 条预警`);
      stage('准备每日调度');
      await ctx.dailyReports.get(ctx.store, latest, () => dailyReport(conn, latest));
      daily = latest;
    } catch (err) {
      // The import stands: the analysis can be run from the console.
      const error = (err as Error).message;
      analysis = { error };
      await security('analysis', 'failure', error);
    }
  }
  // The 风险画像 of the period its page opens on, so that its first request only reads (report/risk-store.ts).
  stage('准备风险画像');
  await prepareRisk(ctx, conn);
  return { ok: true, result: { importId: r.report.importId, export: name, files: r.report.files, ignored: r.report.ignored, analysis, daily } };
}

/** The latest day any dated record falls on, not after today; null when there is none. */
async function latestDay(store: Store, today: string): Promise<string | null> {
  const [{ d }] = await store.all<{ d: string | null }>(`SELECT strftime(least(greatest(
      (SELECT max(occurred_at) FROM violations), (SELECT max(occurred_at) FROM accidents),
      (SELECT max(accepted_at) FROM business), (SELECT max(started_at) FROM videos)), $1::DATE + 1 - INTERVAL 1 SECOND), '%Y-%m-%d') AS d`, [today]);
  return d;
}

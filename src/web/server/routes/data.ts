// Imports and analyses from the console. Each runs as a job inside this process on its own database
// connection (the API keeps answering); GET …/:id reads its progress while it runs. The same
// functions as the CLI: importDataset; analyze → saveRun → syncRun.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { importDataset } from '../../../ingest/import-dataset.ts';
import { someNames } from '../../../ingest/file-notes.ts';
import { analyze, saveRun } from '../../../analyze/run.ts';
import { checkPeriod, FIELD_NAMES } from '../../../analyze/period.ts';
import { settingsInForce } from '../../../analyze/settings-versions.ts';
import { localStamp } from '../../../time/index.ts';
import { cancellableStore } from '../../../store/cancellable.ts';
import type { Store } from '../../../store/db.ts';
import { syncRun } from '../../../supervise/sync.ts';
import { prepareDefaultRisk } from '../../../report/risk.ts';
import { importTotals } from '../../../queries/import-history.ts';
import { runHistory } from '../../../queries/run-history.ts';
import { failure } from '../../../contract/failure.ts';
import { answerFailure, fail, jsonBody, param, type RouteDef, type ServerContext } from '../context.ts';
import type { Job, JobKind } from '../jobs.ts';
import { layOut } from '../uploads.ts';
import { receiveFiles } from '../receive.ts';

const busy = (c: Parameters<RouteDef['handler']>[0], job: Job | undefined) =>
  fail(c, 409, job ? `已有${job.kind === 'import' ? '导入' : '分析'}任务（编号 ${job.id}）正在进行，请等待其完成` : '已有任务正在进行，请等待其完成');

const jobRoute = (kind: JobKind): RouteDef => ({
  method: 'GET', path: `/api/${kind === 'import' ? 'imports' : 'runs'}/:id`, access: 'manage-data',
  doc: `An ${kind === 'import' ? 'import' : 'analysis'} job's progress and result.`,
  handler(c, { jobs }) {
    const id = Number(param(c, 'id'));
    const job = Number.isInteger(id) ? jobs.get(id, kind) : undefined;
    return job ? c.json(job) : fail(c, 404, '没有这个任务');
  },
});

/** The job's own connection, called off when the server stops (the job's transaction then rolls back). */
export async function withJobConnection<T>(ctx: ServerContext, signal: AbortSignal, body: (s: Store) => Promise<T>): Promise<T> {
  const conn = cancellableStore(await ctx.store.connect(), signal, '服务正在停止，任务已取消');
  try {
    return await body(conn);
  } finally {
    conn.close();
  }
}

/**
 * Keep the risk profile of the period the 风险画像 page opens on over the data as they now are (report/risk-store.ts),
 * after an import or an analysis, on the job's connection: the page's first request then only reads. A failure
 * leaves the page to compute it when asked; it never fails the import or the analysis.
 */
export async function prepareRisk(ctx: ServerContext, conn: Store): Promise<void> {
  try {
    await prepareDefaultRisk(conn, ctx.options.clock);
  } catch (err) {
    ctx.options.log(`risk profile not prepared: ${(err as Error).message}`);
  }
}

export const dataRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/imports', access: 'manage-data', expensive: true, streamsBody: true, maxBody: 1024 * 1024 * 1024,
    doc: 'Upload an export as it is (CSV, TXT, XLSX, XLS files, or zips of them) and import it as a job.',
    security: { event: 'import', detail: () => '上传导出文件并导入' },
    async handler(c, ctx) {
      const running = ctx.jobs.running();
      if (running) return busy(c, running);
      const now = ctx.options.clock.now();
      const dir = join(ctx.options.dataDir, 'uploads', `${localStamp(now).slice(0, 19).replace(/[-:T]/g, '')}-${Math.random().toString(36).slice(2, 8)}`);
      // Streamed to disk with the size counted as it arrives (receive.ts): never held whole in memory.
      const staging = join(dir, '.incoming');
      const got = await receiveFiles(c.req.raw, staging, ctx.options.maxImportBytes);
      if (!got.ok) {
        await rm(dir, { recursive: true, force: true });
        // The rest of the body is never read: the connection cannot carry another request after this answer.
        c.header('Connection', 'close');
        return answerFailure(c, got.kind === 'invalid' ? failure('invalid', '请以 multipart/form-data 上传导出文件（字段名 files，可多个，或一个 zip）') : got);
      }
      if (!got.files.length) { await rm(dir, { recursive: true, force: true }); return fail(c, 400, '没有收到文件'); }
      const laid = await layOut(dir, got.files, ctx.options.maxImportBytes, { move: true });
      await rm(staging, { recursive: true, force: true });
      if (!laid.ok) { await rm(dir, { recursive: true, force: true }); return answerFailure(c, laid); }
      const user = c.get('user').username;
      const job = ctx.jobs.start('import', user, localStamp(now), (j, signal) => withJobConnection(ctx, signal, async (conn) => {
        j.stage = '导入中';
        j.steps = laid.files.map((f) => ({ name: f, status: 'running', detail: '等待', fraction: 0 }));
        const step = (f: string) => j.steps.find((s) => s.name === f.toLowerCase()) ?? j.steps[0];
        const source = someNames(got.files.map((u) => u.name));
        const r = await importDataset(conn, dir, {
          fileStart(file) { const s = step(file); s.detail = '读取中'; },
          fileProgress(file, fraction) { step(file).fraction = fraction; j.fraction = j.steps.reduce((a, s) => a + s.fraction, 0) / j.steps.length; },
          fileDone(report) { const s = step(report.file); s.status = 'done'; s.fraction = 1; s.detail = `${report.rows} 行，载入 ${report.loaded}，拒收 ${report.rejected}`; },
        }, { origin: { source, by: user } });
        if (!r.ok) throw new Error(`${r.file ? `文件 ${r.file}：` : ''}${r.message}（数据库未作任何改动）`);
        j.stage = '准备风险画像';
        await prepareRisk(ctx, conn);
        return { importId: r.report.importId, files: r.report.files, ignored: r.report.ignored, absent: r.report.absent };
      }), () => localStamp(ctx.options.clock.now()));
      if (!job) return busy(c, ctx.jobs.running());
      return c.json(job, 202);
    },
  },
  {
    method: 'GET', path: '/api/imports', access: 'manage-data',
    doc: 'This process\'s import jobs and the database\'s import history.',
    async handler(c, { store, jobs }) {
      return c.json({ jobs: jobs.list('import'), history: await importTotals(store) });
    },
  },
  jobRoute('import'),
  {
    method: 'POST', path: '/api/runs', access: 'manage-data', expensive: true,
    doc: 'Analyse a period as a job; its warnings become items.',
    security: { event: 'analysis', detail: async (c) => `分析 ${JSON.stringify(await c.req.json()).slice(0, 200)}` },
    async handler(c, ctx) {
      // as_of, or asOf as the console's form names it.
      const b = await jsonBody(c, ['from', 'to', 'as_of', 'asOf']);
      const { from, to } = b;
      const asOf = b.as_of ?? b.asOf;
      if (typeof from !== 'string' || typeof to !== 'string' || (asOf !== undefined && typeof asOf !== 'string')) {
        return fail(c, 400, '需要 from、to（YYYY-MM-DD），可选 as_of');
      }
      const checked = checkPeriod(from, to, asOf as string | undefined, FIELD_NAMES);
      if (!checked.ok) return answerFailure(c, checked);
      // Stored settings that no longer pass their checks: a StoredSettingsError, answered 409 by the app.
      const { settings } = await settingsInForce(ctx.store);
      const running = ctx.jobs.running();
      if (running) return busy(c, running);
      const user = c.get('user').username;
      const job = ctx.jobs.start('run', user, localStamp(ctx.options.clock.now()), (j, signal) => withJobConnection(ctx, signal, async (conn) => {
        j.stage = '分析中';
        const result = await analyze(conn, checked.period, settings);
        j.fraction = 0.8;
        j.stage = '保存运行';
        const runId = await saveRun(conn, result, settings, { ...checked.period, by: user, from: 'console' });
        j.fraction = 0.9;
        j.stage = '更新督办事项';
        // Items are written through the server's serial store, like every other item change.
        const sync = await syncRun(ctx.store, runId, ctx.options.clock);
        j.stage = '准备风险画像';
        await prepareRisk(ctx, conn);
        return { runId, warnings: result.warnings.length, skipped: result.skipped, sync };
      }), () => localStamp(ctx.options.clock.now()));
      if (!job) return busy(c, ctx.jobs.running());
      return c.json(job, 202);
    },
  },
  {
    method: 'GET', path: '/api/runs', access: 'manage-data',
    doc: 'This process\'s analysis jobs and the database\'s run history.',
    async handler(c, { store, jobs }) {
      return c.json({ jobs: jobs.list('run'), history: await runHistory(store) });
    },
  },
  jobRoute('run'),
];

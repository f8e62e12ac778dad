// 抽查, 每日调度 and 风险画像 over HTTP: each handler checks the request, calls the same function as the
// CLI and cuts the answer down to what the user's unit may see (a brigade: its own unit only).
// Heavy work (the rules, the analysis of a period) runs on its own connection so the API keeps answering.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'hono';
import { checkPeriod, FIELD_NAMES } from '../../../analyze/period.ts';
import { hasDataOn } from '../../../queries/data-through.ts';
import { parseDay } from '../../../time/index.ts';
import { transaction, type Store } from '../../../store/db.ts';
import { inScope, scopeOf, type Scope } from '../../../supervise/access.ts';
import { dailyReport, type DailyReport } from '../../../report/daily.ts';
import { dailyHtml, writeDailyXlsx } from '../../../report/daily-render.ts';
import { riskCsv, riskReport, type RiskReport } from '../../../report/risk.ts';
import { checkSampleRequest, createSample, EmptySampleError } from '../../../spotcheck/sample.ts';
import { listSamples, rewriteChecklist, sampleDetail } from '../../../spotcheck/catalog.ts';
import { importChecklist, raiseWith } from '../../../spotcheck/import.ts';
import { answerFailure, fail, FAILURE_STATUS, FailureThrown, jsonBody, param, type Env, type RouteDef, type ServerContext } from '../context.ts';
import { failure } from '../../../contract/failure.ts';

async function onOwnConnection<T>(ctx: ServerContext, body: (s: Store) => Promise<T>): Promise<T> {
  const conn = await ctx.store.connect();
  try {
    return await body(conn);
  } finally {
    conn.close();
  }
}

async function inTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'yanpan-spot-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = (c: Context<Env>, bytes: Uint8Array | string, type: string, name: string): Response =>
  c.body(typeof bytes === 'string' ? bytes : new Uint8Array(bytes), 200, {
    'Content-Type': type, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
  });

// The daily report and the risk profile attribute each row to a unit themselves; a brigade keeps its own rows.
function scopeDaily(r: DailyReport, scope: Scope): DailyReport {
  if (scope.all) return r;
  const units = r.units.filter((u) => inScope(scope, u.unit));
  const totals = { missing: 0, late: 0, deleted: 0 };
  for (const u of units) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u.counts[k];
  return { ...r, units, totals };
}

function scopeRisk(r: RiskReport, scope: Scope): RiskReport {
  return scope.all ? r : { ...r, officers: r.officers.filter((o) => inScope(scope, o.unit)), units: r.units.filter((u) => inScope(scope, u.unit)) };
}

const dayOf = (c: Context<Env>): string | null => parseDay(c.req.query('date') ?? '');

async function risk(c: Context<Env>, ctx: ServerContext): Promise<RiskReport> {
  const q = c.req.query();
  if (!q.from || !q.to) throw new FailureThrown(failure('invalid', '请给出期间 from 与 to（YYYY-MM-DD）'));
  const p = checkPeriod(q.from, q.to, q.as_of || undefined, FIELD_NAMES);
  if (!p.ok) throw new FailureThrown(failure('invalid', p.error));
  const { from, to, asOf } = p.period;
  // Scoped after: every user of the same period shares one analysis.
  const r = await ctx.riskReports.get(ctx.store, `${from}/${to}/${asOf}`, () => onOwnConnection(ctx, (s) => riskReport(s, p.period)));
  return scopeRisk(r, scopeOf(c.get('user')));
}

export const spotcheckRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/daily', access: 'user', expensive: true,
    doc: 'One day\'s body-camera discipline per unit (每日调度), and whether any record falls on that day (has_data).',
    async handler(c, ctx) {
      const date = dayOf(c);
      if (!date) return fail(c, 400, 'date 应为 YYYY-MM-DD');
      // Scoped after: every user of the same day shares one report (the inbox prepares the latest day's).
      const r = scopeDaily(await ctx.dailyReports.get(ctx.store, date, () => onOwnConnection(ctx, (s) => dailyReport(s, date))), scopeOf(c.get('user')));
      // has_data: whether any record falls on the day, so the page can tell "no problems" from "no data".
      return c.json({ ...r, has_data: await hasDataOn(ctx.store, date) });
    },
  },
  {
    method: 'GET', path: '/api/daily/export', access: 'user', expensive: true,
    doc: 'One day\'s body-camera discipline as HTML or Excel.',
    security: { event: 'report-download' },
    async handler(c, ctx) {
      const date = dayOf(c);
      if (!date) return fail(c, 400, 'date 应为 YYYY-MM-DD');
      const format = c.req.query('format') ?? 'xlsx';
      if (format !== 'xlsx' && format !== 'html') return fail(c, 400, 'format 应为 xlsx 或 html');
      const r = scopeDaily(await onOwnConnection(ctx, (s) => dailyReport(s, date)), scopeOf(c.get('user')));
      if (format === 'html') return download(c, dailyHtml(r), 'text/html; charset=utf-8', `每日调度-${date}.html`);
      return inTempDir(async (dir) => {
        const f = join(dir, 'daily.xlsx');
        await writeDailyXlsx(r, f);
        return download(c, await readFile(f), XLSX, `每日调度-${date}.xlsx`);
      });
    },
  },
  {
    method: 'GET', path: '/api/risk', access: 'user', expensive: true,
    doc: 'The officer risk profile (风险画像) of a period: officers and units ranked.',
    async handler(c, ctx) {
      const r = await risk(c, ctx);
      // The list without each officer's warnings: those are on the officer's page.
      return c.json({ ...r, officers: r.officers.map(({ warnings, complaints, ...o }) => ({ ...o, warnings: warnings.length, complaints: complaints.length })) });
    },
  },
  {
    method: 'GET', path: '/api/risk/export', access: 'user', expensive: true,
    doc: 'The officer risk profile as CSV.',
    security: { event: 'export' },
    async handler(c, ctx) {
      const r = await risk(c, ctx);
      return download(c, riskCsv(r), 'text/csv; charset=utf-8', `执法风险画像-${r.period.from}-${r.period.to}.csv`);
    },
  },
  {
    method: 'GET', path: '/api/risk/officers/:id', access: 'user', expensive: true,
    doc: 'One officer\'s risk: warnings, complaints and monthly trend.',
    async handler(c, ctx) {
      const r = await risk(c, ctx);
      const o = r.officers.find((x) => x.officer_id === param(c, 'id'));
      return o ? c.json({ period: r.period, months: r.months, settings: r.settings, officer: o }) : fail(c, 404, '没有这名民警，或不在本单位');
    },
  },
  {
    method: 'GET', path: '/api/samples', access: 'user',
    doc: 'The spot-check samples (抽查) drawn.',
    async handler(c, { store }) {
      return c.json(await listSamples(store, scopeOf(c.get('user'))));
    },
  },
  {
    method: 'POST', path: '/api/samples', access: 'manage-data', expensive: true,
    doc: 'Draw a stratified spot-check sample of a month.',
    security: { event: 'analysis', detail: () => '抽查抽样' },
    async handler(c, ctx) {
      const body = await jsonBody(c, ['month', 'kind', 'rate', 'min', 'seed']);
      const checked = checkSampleRequest(body);
      if (!checked.ok) return answerFailure(c, checked);
      const r = await transaction(ctx.store, () => createSample(ctx.store, checked.req, null)).catch((e: unknown) => {
        if (e instanceof EmptySampleError) return e;
        throw e;
      });
      if (r instanceof EmptySampleError) return fail(c, 400, r.message);
      return c.json({ sample_id: r.sampleId, params: r.params, strata: r.strata, seed_chosen: checked.seedChosen }, 201);
    },
  },
  {
    method: 'GET', path: '/api/samples/:id', access: 'user',
    doc: 'One sample: its parameters, strata, records and findings.',
    async handler(c, { store }) {
      const id = Number(param(c, 'id'));
      const d = Number.isSafeInteger(id) ? await sampleDetail(store, id, scopeOf(c.get('user'))) : null;
      return d ? c.json(d) : fail(c, 404, '没有这个样本');
    },
  },
  {
    method: 'GET', path: '/api/samples/:id/checklist', access: 'manage-data', expensive: true,
    doc: 'The sample\'s checklist as an Excel workbook.',
    security: { event: 'export' },
    async handler(c, ctx) {
      const id = Number(param(c, 'id'));
      if (!Number.isSafeInteger(id)) return fail(c, 404, '没有这个样本');
      return inTempDir(async (dir) => {
        const f = join(dir, 'checklist.xlsx');
        const r = await onOwnConnection(ctx, (s) => rewriteChecklist(s, id, f));
        if (!r.ok) return answerFailure(c, r);
        return download(c, await readFile(f), XLSX, `抽查清单-样本${id}.xlsx`);
      });
    },
  },
  {
    method: 'POST', path: '/api/samples/import', access: 'manage-data', expensive: true, maxBody: 20 * 1024 * 1024,
    doc: 'Read a filled checklist back; failed records become items.',
    security: { event: 'import', detail: () => '导入抽查结果' },
    async handler(c, ctx) {
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        return fail(c, 400, '请以 multipart/form-data 上传填好的检查清单（字段名 file）');
      }
      const file = form.file;
      if (!(file instanceof File)) return fail(c, 400, '没有收到文件（字段名 file）');
      return inTempDir(async (dir) => {
        const f = join(dir, 'checklist.xlsx');
        await writeFile(f, new Uint8Array(await file.arrayBuffer()));
        const r = await importChecklist(ctx.store, f, raiseWith(c.get('user').username));
        if (!r.ok) return c.json({ error: r.error, errors: r.errors }, FAILURE_STATUS[r.kind]);
        return c.json(r);
      });
    },
  },
];

// 每日调度 over HTTP: one day's body-camera discipline per unit, as JSON for the page and as an HTML page or a
// workbook to download; the same functions as `yanpan daily`, cut down to what the user's unit may see.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasDataOn } from '../../../queries/data-through.ts';
import { parseDay } from '../../../time/index.ts';
import { inScope, scopeOf, type Scope } from '../../../supervise/access.ts';
import { dailyReport, type DailyReport } from '../../../report/daily.ts';
import { dailyHtml, writeDailyXlsx } from '../../../report/daily-render.ts';
import { fail, type RouteDef } from '../context.ts';
import { onOwnConnection } from '../own-connection.ts';
import { download, inTempDir, XLSX } from '../download.ts';

// The report attributes each row to a unit itself; a brigade keeps its own rows and their totals.
function scopeDaily(r: DailyReport, scope: Scope): DailyReport {
  if (scope.all) return r;
  const units = r.units.filter((u) => inScope(scope, u.unit));
  const totals = { missing: 0, late: 0, deleted: 0 };
  for (const u of units) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += u.counts[k];
  return { ...r, units, totals };
}

export const dailyRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/daily', access: 'user', expensive: true,
    doc: 'One day\'s body-camera discipline per unit (每日调度), and whether any record falls on that day (has_data).',
    async handler(c, ctx) {
      const date = parseDay(c.req.query('date') ?? '');
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
      const date = parseDay(c.req.query('date') ?? '');
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
];

// 风险画像 over HTTP: the officer risk profile of a period (the list, the CSV, one officer), the same function
// as `yanpan risk`, analysed once per period for every user and then cut down to what the user's unit may see.
import type { Context } from 'hono';
import { checkPeriod, FIELD_NAMES } from '../../../analyze/period.ts';
import { failure, FailureError } from '../../../contract/failure.ts';
import { inScope, scopeOf, type Scope } from '../../../supervise/access.ts';
import { riskCsv, riskReport, type RiskReport } from '../../../report/risk.ts';
import { fail, param, type Env, type RouteDef, type ServerContext } from '../context.ts';
import { onOwnConnection } from '../own-connection.ts';
import { download } from '../download.ts';

// The profile attributes each officer and unit itself; a brigade keeps its own.
function scopeRisk(r: RiskReport, scope: Scope): RiskReport {
  return scope.all ? r : { ...r, officers: r.officers.filter((o) => inScope(scope, o.unit)), units: r.units.filter((u) => inScope(scope, u.unit)) };
}

async function risk(c: Context<Env>, ctx: ServerContext): Promise<RiskReport> {
  const q = c.req.query();
  if (!q.from || !q.to) throw new FailureError(failure('invalid', '请给出期间 from 与 to（YYYY-MM-DD）'));
  const p = checkPeriod(q.from, q.to, q.as_of || undefined, FIELD_NAMES);
  if (!p.ok) throw new FailureError(p);
  const { from, to, asOf } = p.period;
  // Scoped after: every user of the same period shares one analysis.
  const r = await ctx.riskReports.get(ctx.store, `${from}/${to}/${asOf}`, () => onOwnConnection(ctx, (s) => riskReport(s, p.period)));
  return scopeRisk(r, scopeOf(c.get('user')));
}

export const riskRoutes: RouteDef[] = [
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
];

// The console's read-only routes, each mapping HTTP to one query function of
// src/queries or src/supervise. Scope lives in those functions (access.ts: the user's Scope and its SQL
// conditions); the app's guard has already checked the session and the route's access.
import type { Context } from 'hono';
import { accidentMonth, latestAccidentMonth } from '../../../queries/accident-month.ts';
import { importHistory, importRejects, importRejectsCsv } from '../../../queries/import-history.ts';
import { itemsWorkbook } from '../../../queries/items-xlsx.ts';
import { mapPoints } from '../../../queries/map-points.ts';
import { neighbours } from '../../../queries/neighbours.ts';
import { overview, parsePeriod } from '../../../queries/overview.ts';
import { ruleBasis } from '../../../queries/rule-basis.ts';
import { visibleUnits } from '../../../queries/units.ts';
import { scopeOf } from '../../../supervise/access.ts';
import { parseMonth, today } from '../../../time/index.ts';
import { findItem, parseFilter } from '../../../supervise/items.ts';
import { categoryZh } from '../../../contract/categories.ts';
import { STATUS_ZH, type Status } from '../../../supervise/workflow.ts';
import { answerFailure, fail, param, type Env, type RouteDef, type ServerContext } from '../context.ts';
import { failure, FailureError } from '../../../contract/failure.ts';
import type { RecordRef } from '../../../contract/vocabulary.ts';


/** The item this user may see, or a 404 response (another unit's item looks like no item at all). */
async function visibleItem(c: Context<Env>, ctx: ServerContext) {
  const item = await findItem(ctx.store, c.get('user'), param(c, 'key'), today(ctx.options.clock));
  if (!item) throw new FailureError(failure('not-found', '没有这个事项'));
  return item;
}

/** "类别：买分卖分；状态：待下发" — the export's filter line, in words. */
function describeFilter(q: Record<string, string | undefined>, unitName: string | null): string {
  const parts: string[] = [];
  if (q.category) parts.push(`类别：${categoryZh(q.category)}`);
  if (q.unit) parts.push(`单位：${unitName ?? q.unit}`);
  if (q.severity) parts.push(`等级：${q.severity}`);
  if (q.status) parts.push(`状态：${q.status.split(',').map((s) => STATUS_ZH[s as Status] ?? s).join('、')}`);
  if (q.overdue) parts.push(q.overdue === 'true' ? '已逾期' : '未逾期');
  if (q.recurred) parts.push(q.recurred === 'true' ? '复发' : '非复发');
  if (q.q) parts.push(`搜索：${q.q}`);
  return parts.length ? `筛选条件：${parts.join('；')}` : '筛选条件：全部';
}

const importId = (c: Context): number | null => (/^\d{1,12}$/.test(param(c, 'id')) ? Number(param(c, 'id')) : null);

export const consoleRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/units', access: 'user',
    doc: 'The units the user may see.',
    handler: async (c, { store }) => c.json(await visibleUnits(store, c.get('user'))),
  },
  {
    method: 'GET', path: '/api/overview', access: 'user',
    doc: 'The overview (总览): items by category and unit, by month and severity, per unit, in a period.',
    async handler(c, ctx) {
      const p = parsePeriod(c.req.query());
      if (!p.ok) return answerFailure(c, p);
      return c.json(await overview(ctx.store, c.get('user'), p.period, today(ctx.options.clock)));
    },
  },
  {
    method: 'GET', path: '/api/overview/accidents', access: 'user',
    doc: "A month's accidents, deaths and injuries beside the month before and the same month a year earlier (总览).",
    async handler(c, { store }) {
      // No month: the latest month with accidents (what a reader of the 总览 wants first).
      const asked = c.req.query('month');
      const month = asked ? parseMonth(asked) : await latestAccidentMonth(store, c.get('user'));
      if (asked && !month) return fail(c, 400, 'month 应为月份 YYYY-MM（1990—2099 年）');
      // No accidents yet (a new installation, or a unit without any) is not an error: the page shows none.
      if (!month) return c.json(null);
      return c.json(await accidentMonth(store, c.get('user'), month));
    },
  },
  {
    method: 'GET', path: '/api/map/points', access: 'user',
    doc: 'The located items of the map (地图).',
    handler: async (c, { store }) => c.json(await mapPoints(store, c.get('user'))),
  },
  {
    method: 'GET', path: '/api/items/:key/basis', access: 'user',
    doc: 'The item\'s rule basis (规则依据): the regulation and article, the clause in Chinese, what the records show, and the figures in force.',
    async handler(c, ctx) {
      const item = await visibleItem(c, ctx);
      return c.json(await ruleBasis(ctx.store, { key: item.key, category: item.category, title: item.title }));
    },
  },
  {
    method: 'GET', path: '/api/items/:key/neighbours', access: 'user',
    doc: 'Records around the item\'s subject (周边记录), a page at a time.',
    async handler(c, ctx) {
      const item = await visibleItem(c, ctx);
      const kind = c.req.query('kind') ?? '';
      const id = c.req.query('id') ?? '';
      // Only a record among this item's evidence: the item's scope is what lets the user look around it.
      const evidence = JSON.parse(item.evidenceJson) as RecordRef[];
      if (!evidence.some((e) => e.kind === kind && e.id === id)) return fail(c, 404, '该事项的证据中没有这条记录');
      return c.json(await neighbours(ctx.store, scopeOf(c.get('user')), evidence, kind, id));
    },
  },
  {
    method: 'GET', path: '/api/export/items.xlsx', access: 'user',
    doc: 'The filtered item list as an Excel workbook.',
    security: { event: 'export' },
    async handler(c, ctx) {
      const q = c.req.query();
      const f = parseFilter(q);
      if (!f.ok) return answerFailure(c, f);
      const user = c.get('user');
      const { page: _p, size: _s, ...filter } = f.filter;
      const unitName = q.unit ? (await visibleUnits(ctx.store, user)).find((u) => u.unit_code === q.unit)?.unit_name ?? null : null;
      const day = today(ctx.options.clock);
      const { buffer } = await itemsWorkbook(ctx.store, user, filter, day, describeFilter(q, unitName));
      return c.body(new Uint8Array(buffer), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="items-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`预警核查-${day}.xlsx`)}`,
      });
    },
  },
  {
    method: 'GET', path: '/api/import-history', access: 'manage-data',
    doc: 'The imports recorded in the database, with their files.',
    handler: async (c, { store }) => c.json(await importHistory(store)),
  },
  {
    method: 'GET', path: '/api/import-history/:id/rejects', access: 'manage-data',
    doc: 'An import\'s rejected rows, a page at a time.',
    async handler(c, { store }) {
      const id = importId(c);
      const r = id === null ? null : await importRejects(store, id, 500);
      return r ? c.json(r) : fail(c, 404, '没有这个导入批次');
    },
  },
  {
    method: 'GET', path: '/api/import-history/:id/rejects.csv', access: 'manage-data',
    doc: 'An import\'s rejected rows as CSV.',
    security: { event: 'export' },
    async handler(c, { store }) {
      const id = importId(c);
      const csv = id === null ? null : await importRejectsCsv(store, id);
      if (csv === null) return fail(c, 404, '没有这个导入批次');
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="rejects-${id}.csv"`,
      });
    },
  },
];

// The monthly bulletin for the console: download it (.docx), and read or change its editable parts.
// The same functions as `yanpan report` / `yanpan report-settings`.
import type { RouteDef } from '../context.ts';
import { answerFailure, fail, jsonBody } from '../context.ts';
import { requested } from '../security.ts';
import { buildBulletin } from '../../../report/bulletin/index.ts';
import { readBulletinSettings, writeBulletinSettings } from '../../../report/bulletin/settings.ts';
import { localStamp, parseDay, parseMonth, today } from '../../../time/index.ts';
import { appendAudit } from '../../../supervise/audit.ts';
import { transaction } from '../../../store/db.ts';
import { forecastMonth, saveForecast } from '../../../forecast/forecast.ts';

export const bulletinRoutes: RouteDef[] = [
  {
    // A citywide document with every unit's figures: for the detachment (supervisors, admins), not a brigade.
    method: 'GET', path: '/api/bulletin', access: 'manage-data', expensive: true,
    doc: 'The month\'s bulletin (通报) as a Word document.',
    security: { event: 'report-download', detail: (c) => `通报 ${requested(c)}` },
    async handler(c, ctx) {
      const month = parseMonth(c.req.query('month') ?? '');
      const asOf = parseDay(c.req.query('as_of') ?? today(ctx.options.clock));
      if (!month) return fail(c, 400, '月份应为 YYYY-MM（1990—2099 年）');
      if (!asOf) return fail(c, 400, '成文日期应为 YYYY-MM-DD（1990—2099 年）');
      // A download only reads: a next-month forecast not on file is computed for the document, not stored
      // (POST /api/forecasts, `yanpan forecast` and `yanpan report` store one).
      const b = await buildBulletin(ctx.store, month, asOf);
      const name = `${b.title}.docx`;
      return c.body(new Uint8Array(b.docx), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="bulletin-${month}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      });
    },
  },
  {
    // 形势研判 on file: forecast `month` from the accidents before it and store it, as `yanpan forecast` does,
    // so later bulletins can show how far it was off.
    method: 'POST', path: '/api/forecasts', access: 'manage-data', expensive: true,
    doc: 'Forecast a month\'s accidents per unit and store the forecast.',
    security: { event: 'analysis', detail: async (c) => `形势研判预测 ${JSON.stringify(await c.req.json()).slice(0, 100)}` },
    async handler(c, ctx) {
      const body = await jsonBody(c, ['month']);
      const month = typeof body.month === 'string' ? parseMonth(body.month) : null;
      if (!month) return fail(c, 400, '月份应为 YYYY-MM（1990—2099 年）');
      const r = await forecastMonth(ctx.store, month);
      if (!r.ok) return answerFailure(c, r);
      const id = await saveForecast(ctx.store, r);
      return c.json({ forecast_id: id, month: r.month, history_from: r.historyFrom, history_to: r.historyTo, lines: r.lines }, 201);
    },
  },
  {
    method: 'GET', path: '/api/bulletin/settings', access: 'manage-data',
    doc: 'The bulletin\'s editable parts: issuer and next month\'s requirements.',
    async handler(c, ctx) {
      return c.json(await readBulletinSettings(ctx.store));
    },
  },
  {
    method: 'PUT', path: '/api/bulletin/settings', access: 'admin',
    doc: 'Change the bulletin\'s editable parts.',
    security: { event: 'setting-change', detail: () => '通报设置' },
    async handler(c, ctx) {
      const body = await jsonBody(c, ['issuer', 'requirements']);
      const change: { issuer?: string; requirements?: string } = {};
      for (const k of ['issuer', 'requirements'] as const) {
        const v = body[k];
        if (v === undefined) continue;
        if (typeof v !== 'string') return fail(c, 400, `${k} 应为文本`);
        change[k] = v;
      }
      // The change and its audit entry together, or neither.
      const r = await transaction(ctx.store, async () => {
        const before = await readBulletinSettings(ctx.store);
        const w = await writeBulletinSettings(ctx.store, change);
        if (w.ok) {
          await appendAudit(ctx.store, [{ at: localStamp(ctx.options.clock.now()), username: c.get('user').username, itemKey: null,
            action: 'bulletin-settings', from: null, to: null, fields: { ...change, before: Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof typeof before]])) } }]);
        }
        return w;
      });
      return r.ok ? c.json(r.settings) : answerFailure(c, r);
    },
  },
];

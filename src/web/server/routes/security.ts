// The security log (安全审计), for administrators: newest first, filtered by day, user and event.
import { FIRST_DAY, LAST_DAY, parseDay } from '../../../time/index.ts';
import { isSecurityEvent, OUTCOMES, querySecurityLog, SECURITY_EVENTS } from '../../../supervise/security-log.ts';
import { fail, type RouteDef } from '../context.ts';

const day = (v: string | undefined): string | null | undefined => {
  if (v === undefined || v === '') return undefined;
  return parseDay(v);
};

const count = (v: string | undefined, dflt: number, max: number): number | null => {
  if (v === undefined || v === '') return dflt;
  if (!/^\d{1,6}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= max ? n : null;
};

export const securityRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/security-log', access: 'admin',
    doc: 'The security log (安全审计), newest first, by days, user and event, a page at a time.',
    async handler(c, { store }) {
      const q = c.req.query();
      const get = (k: string): string | undefined => (Object.hasOwn(q, k) ? q[k] : undefined);
      const from = day(get('from'));
      const to = day(get('to'));
      if (from === null || to === null) return fail(c, 400, `from、to 应为 ${FIRST_DAY} 至 ${LAST_DAY} 之间的日期（YYYY-MM-DD）`);
      const user = get('user') || undefined;
      if (user !== undefined && user.length > 64) return fail(c, 400, '用户名过长');
      const event = get('event') || undefined;
      if (event !== undefined && !isSecurityEvent(event)) return fail(c, 400, `没有这种事件：${event.slice(0, 40)}`);
      const page = count(get('page'), 1, 100_000);
      const size = count(get('size'), 50, 200);
      if (page === null || size === null) return fail(c, 400, 'page 应为正整数，size 应为 1–200 的整数');
      const r = await querySecurityLog(store, { from, to, user, event, page, size });
      return c.json({ ...r, events: Object.entries(SECURITY_EVENTS).map(([key, name]) => ({ key, name })), outcomes: OUTCOMES });
    },
  },
];

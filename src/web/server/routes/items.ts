// The supervision items: list, one item, its audit, actions. Each handler maps HTTP to one supervise
// function; scope and workflow checks live there.
import { addWorkingDays } from '../../../calendar/calendar.ts';
import { act } from '../../../supervise/act.ts';
import { batchAct } from '../../../supervise/batch.ts';
import { todo } from '../../../supervise/todo.ts';
import { auditOf } from '../../../supervise/audit.ts';
import { today } from '../../../time/index.ts';
import { findItem, getItem, listItems, parseFilter } from '../../../supervise/items.ts';
import { answerFailure, fail, FAILURE_STATUS, jsonBody, param, type RouteDef } from '../context.ts';

export const itemRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/todo', access: 'user',
    doc: 'The user\'s to-do list (我的待办): the items waiting for their role, in their scope.',
    async handler(c, { store, options }) {
      return c.json(await todo(store, c.get('user'), today(options.clock)));
    },
  },
  {
    method: 'POST', path: '/api/items/batch-actions', access: 'user',
    doc: 'One action on several items (批量下发, 批量签收), each item its own action and answer.',
    async handler(c, { store, options }) {
      const body = await jsonBody(c);
      const { action, keys, ...fields } = body;
      const r = await batchAct(store, c.get('user'), action, keys, fields, options.clock);
      if (!r.ok) return answerFailure(c, r);
      // Each refused key answers with the status its action alone would have had.
      return c.json({ ...r, results: r.results.map((x) => (x.ok ? x : { key: x.key, ok: false, code: FAILURE_STATUS[x.kind], error: x.error })) });
    },
  },
  {
    // The due date a dispatch would set today, for the dispatch form (working days, RULES.md 0.3).
    method: 'GET', path: '/api/due-date', access: 'user',
    doc: 'The deadline a dispatch today with a number of working days would set.',
    async handler(c, { store, options }) {
      const days = Number(c.req.query('days'));
      if (!Number.isInteger(days) || days < 1 || days > 120) return fail(c, 400, 'days 应为 1–120 的整数');
      const day = today(options.clock);
      return c.json({ today: day, days, deadline: await addWorkingDays(store, day, days) });
    },
  },
  {
    method: 'GET', path: '/api/items', access: 'user',
    doc: 'The items the user may see, filtered, sorted and a page at a time.',
    async handler(c, { store, options }) {
      const f = parseFilter(c.req.query());
      if (!f.ok) return answerFailure(c, f);
      return c.json(await listItems(store, c.get('user'), f.filter, today(options.clock)));
    },
  },
  {
    method: 'GET', path: '/api/items/:key', access: 'user',
    doc: 'One item in full: evidence records, history, attachments and the actions the user may take.',
    async handler(c, { store, options }) {
      const item = await getItem(store, c.get('user'), param(c, 'key'), today(options.clock));
      return item ? c.json(item) : fail(c, 404, '没有这个事项');
    },
  },
  {
    method: 'GET', path: '/api/items/:key/audit', access: 'user',
    doc: 'The item\'s audit trail.',
    async handler(c, { store, options }) {
      const key = param(c, 'key');
      if (!(await findItem(store, c.get('user'), key, today(options.clock)))) return fail(c, 404, '没有这个事项');
      return c.json(await auditOf(store, key));
    },
  },
  {
    method: 'POST', path: '/api/items/:key/actions', access: 'user',
    doc: 'Take a workflow action on an item (dispatch, receive, verify, submit, approve, return).',
    async handler(c, { store, options }) {
      const body = await jsonBody(c);
      const { action, ...fields } = body;
      const r = await act(store, c.get('user'), param(c, 'key'), action, fields, options.clock);
      return r.ok ? c.json(r.item) : answerFailure(c, r);
    },
  },
];

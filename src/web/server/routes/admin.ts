// Users and supervision settings (admin only), and the vocabulary every page needs (any user).
import { dataThrough } from '../../../queries/data-through.ts';
import { visibleUnits } from '../../../queries/units.ts';
import { localDay } from '../../../time/index.ts';
import { CATEGORY_ZH, SEVERITY_ZH } from '../../../contract/categories.ts';
import { ALL_CATEGORIES, SEVERITIES } from '../../../contract/vocabulary.ts';
import { setDeadlineDays, superviseSettings } from '../../../supervise/settings.ts';
import { supervisionSettingsReported } from '../settings-problems.ts';
import { addUser, listUsers, setDisabled, setPassword, unlockUser } from '../../../supervise/users.ts';
import { ACTION_ZH, ACTIONS, ROLE_ZH, ROLES, STATUS_ZH, STATUSES, TRANSITIONS } from '../../../supervise/workflow.ts';
import { answerFailure, fail, jsonBody, param, type RouteDef } from '../context.ts';

export const adminRoutes: RouteDef[] = [
  {
    method: 'GET', path: '/api/meta', access: 'user',
    doc: 'The vocabulary of the pages: statuses, actions, roles, categories, severities, transitions, units, the day the data reach (data_through), settings and any stored setting that does not pass its checks (settings_problems).',
    async handler(c, ctx) {
      const { store, options } = ctx;
      const supervision = await supervisionSettingsReported(ctx);
      const user = c.get('user');
      const units = await visibleUnits(store, user);
      return c.json({
        statuses: STATUSES.map((s) => ({ key: s, name: STATUS_ZH[s] })),
        actions: ACTIONS.map((a) => ({ key: a, name: ACTION_ZH[a] })),
        roles: ROLES.map((r) => ({ key: r, name: ROLE_ZH[r] })),
        categories: ALL_CATEGORIES.map((k) => ({ key: k, name: CATEGORY_ZH[k] })),
        severities: SEVERITIES.map((k) => ({ key: k, name: SEVERITY_ZH[k] })),
        transitions: TRANSITIONS.map((t) => ({ from: t.from, action: t.action, roles: t.roles, fields: t.fields })),
        units,
        data_through: await dataThrough(store, localDay(options.clock.now())),
        settings: supervision.settings,
        // A stored value that does not pass (its default serves meanwhile): field and reason, for the settings page.
        settings_problems: supervision.problems,
      });
    },
  },
  {
    method: 'GET', path: '/api/users', access: 'admin',
    doc: 'The users.',
    async handler(c, { store }) {
      return c.json(await listUsers(store));
    },
  },
  {
    method: 'POST', path: '/api/users', access: 'admin',
    doc: 'Add a user (who must change the password at the first log-in).',
    security: { event: 'user-add', detail: async (c) => {
      const b = (await c.req.json()) as Record<string, unknown>;
      return `用户 ${String(b.username)}，角色 ${String(b.role)}${b.unit ? `，单位 ${String(b.unit)}` : ''}`;
    } },
    async handler(c, { store, options }) {
      const b = await jsonBody(c, ['username', 'role', 'unit', 'password', 'display_name']);
      const [username, role, unit, password, displayName] = [b.username, b.role, b.unit, b.password, b.display_name];
      if (typeof username !== 'string' || typeof role !== 'string' || typeof password !== 'string' || (unit != null && typeof unit !== 'string')
        || (displayName != null && typeof displayName !== 'string')) {
        return fail(c, 400, '需要 username、role、password（大队用户还需 unit；display_name 可选）');
      }
      // An account an administrator made: its user chooses their own password at the first log-in.
      const r = await addUser(store, username, role, (unit as string | null | undefined) || null, password, c.get('user').username, options.clock,
        { mustChange: true, displayName: (displayName as string | null | undefined) ?? null });
      return r.ok ? c.json({ username }, 201) : answerFailure(c, r);
    },
  },
  ...(['disable', 'enable'] as const).map((verb): RouteDef => ({
    method: 'POST', path: `/api/users/:name/${verb}`, access: 'admin',
    doc: verb === 'disable' ? 'Disable a user; their sessions end.' : 'Enable a disabled user.',
    security: { event: verb === 'disable' ? 'user-disable' : 'user-enable', detail: (c) => `用户 ${param(c, 'name')}` },
    async handler(c, { store, options }) {
      const name = param(c, 'name');
      if (verb === 'disable' && name === c.get('user').username) return fail(c, 409, '不能停用自己');
      const r = await setDisabled(store, name, verb === 'disable', c.get('user').username, options.clock);
      return r.ok ? c.body(null, 204) : answerFailure(c, r);
    },
  })),
  {
    method: 'POST', path: '/api/users/:name/unlock', access: 'admin',
    doc: 'Lift a user\'s log-in lock (解锁) before it runs out.',
    security: { event: 'user-unlock', detail: (c) => `用户 ${param(c, 'name')}` },
    async handler(c, { store, options }) {
      const r = await unlockUser(store, param(c, 'name'), c.get('user').username, options.clock);
      return r.ok ? c.body(null, 204) : answerFailure(c, r);
    },
  },
  {
    method: 'POST', path: '/api/users/:name/password', access: 'admin',
    doc: 'Set a user\'s password (to be changed at the next log-in); their sessions end.',
    security: { event: 'password-reset', detail: (c) => `用户 ${param(c, 'name')}（须在下次登录时修改）` },
    async handler(c, { store, options }) {
      const { password } = await jsonBody(c, ['password']);
      if (typeof password !== 'string') return fail(c, 400, '需要 password');
      // A password set by an administrator is known to two people: the user must replace it at the next log-in.
      const r = await setPassword(store, param(c, 'name'), password, c.get('user').username, options.clock, { mustChange: true });
      return r.ok ? c.body(null, 204) : answerFailure(c, r);
    },
  },
  {
    method: 'PUT', path: '/api/settings/deadlines', access: 'admin',
    doc: 'The default dispatch deadlines per severity, in working days.',
    security: { event: 'setting-change', detail: async (c) => `督办期限 ${JSON.stringify(await c.req.json()).slice(0, 200)}` },
    async handler(c, { store, options }) {
      const b = await jsonBody(c);
      const r = await setDeadlineDays(store, b, c.get('user').username, options.clock);
      return r.ok ? c.json((await superviseSettings(store)).deadlineDays) : answerFailure(c, r);
    },
  },
];

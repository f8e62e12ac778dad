// Log-in, log-out, and who am I.
import { checkLogin } from '../../../supervise/users.ts';
import { createSession, endSession } from '../../../supervise/sessions.ts';
import { ROLE_ZH } from '../../../supervise/workflow.ts';
import { clearSessionCookie, setSessionCookie } from '../auth.ts';
import { fail, jsonBody, type RouteDef } from '../context.ts';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export const sessionRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/login', access: 'public',
    async handler(c, { store, options }) {
      const body = await jsonBody(c);
      if (body instanceof Response) return body;
      const { username, password } = body;
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password || username.length > 64 || password.length > 200) {
        return fail(c, 400, '请填写用户名和密码');
      }
      const r = await checkLogin(store, username, password, options.clock);
      if (!r.ok) {
        await sleep(options.loginDelayMs(r.failures));
        if (r.reason === 'locked') return fail(c, 401, '连续登录失败次数过多，账户已临时锁定，请稍后再试');
        return fail(c, 401, '用户名或密码错误');
      }
      const id = await createSession(store, r.user.username, options.clock);
      setSessionCookie(c, id);
      const [unit] = r.user.unit ? await store.all<{ unit_name: string }>('SELECT unit_name FROM units WHERE unit_code = $1', [r.user.unit]) : [];
      return c.json({ username: r.user.username, role: r.user.role, role_name: ROLE_ZH[r.user.role], unit: r.user.unit, unit_name: unit?.unit_name ?? null });
    },
  },
  {
    method: 'POST', path: '/api/logout', access: 'user',
    async handler(c, { store }) {
      await endSession(store, c.get('sessionId'));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  },
  {
    method: 'GET', path: '/api/me', access: 'user',
    handler(c) {
      const u = c.get('user');
      return c.json({ username: u.username, role: u.role, role_name: ROLE_ZH[u.role], unit: u.unit, unit_name: u.unitName });
    },
  },
];

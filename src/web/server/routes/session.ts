// Log-in, log-out, who am I, and changing one's own password.
import { getCookie } from 'hono/cookie';
import { changeOwnPassword, checkLogin } from '../../../supervise/users.ts';
import { createSession, endSession, sessionUser, type SessionUser } from '../../../supervise/sessions.ts';
import { ROLE_ZH } from '../../../supervise/workflow.ts';
import { unitName } from '../../../queries/units.ts';
import { clearSessionCookie, clientAddress, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { answerFailure, fail, jsonBody, type RouteDef } from '../context.ts';
import { recordSecurity } from '../security.ts';

/** Who is signed in, as the console shows it. */
const meOf = (u: SessionUser) => ({
  username: u.username, display_name: u.displayName, role: u.role, role_name: ROLE_ZH[u.role], unit: u.unit, unit_name: u.unitName,
  must_change_password: u.mustChange,
});

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));


export const sessionRoutes: RouteDef[] = [
  {
    method: 'POST', path: '/api/login', access: 'public',
    doc: 'Log in with user name and password: the user and the session cookie.',
    async handler(c, ctx) {
      const { store, options } = ctx;
      const { username, password } = await jsonBody(c, ['username', 'password']);
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password || username.length > 64 || password.length > 200) {
        return fail(c, 400, '请填写用户名和密码');
      }
      const slot = await ctx.throttle.begin(clientAddress(c));
      if (!slot.ok) {
        await recordSecurity(c, ctx, { event: 'login', outcome: 'refused', detail: '本地址登录失败次数过多', user: username });
        return answerFailure(c, slot);
      }
      let r: Awaited<ReturnType<typeof checkLogin>> | undefined;
      try {
        r = await checkLogin(store, username, password, options.clock);
      } finally {
        // A thrown check counts as nothing; a refusal of any kind counts against the address.
        slot.end(r !== undefined && !r.ok);
      }
      if (!r.ok) {
        const why = { bad: '用户名或密码错误', locked: '账户锁定中', disabled: '账户已停用' }[r.reason];
        await recordSecurity(c, ctx, { event: 'login', outcome: 'failure', detail: why, user: username });
        if (r.justLocked) await recordSecurity(c, ctx, { event: 'lockout', outcome: 'success', detail: `连续失败 ${r.failures} 次`, user: username });
        // Known or unknown name, wrong password or disabled account: the same wait and the same words.
        await sleep(options.loginDelayMs(r.failures));
        if (r.reason === 'locked') return fail(c, 401, '连续登录失败次数过多，账户已临时锁定，请稍后再试');
        return fail(c, 401, '用户名或密码错误');
      }
      // A new log-in replaces the browser's old session rather than leaving it alive beside the new one.
      const id = await createSession(store, r.user.username, options.clock, getCookie(c, SESSION_COOKIE));
      setSessionCookie(c, id, options.secure);
      await recordSecurity(c, ctx, { event: 'login', outcome: 'success', user: r.user.username, detail: r.user.mustChange ? '须先修改密码' : '' });
      const unit = r.user.unit ? await unitName(store, r.user.unit) : null;
      return c.json({
        username: r.user.username, role: r.user.role, role_name: ROLE_ZH[r.user.role], unit: r.user.unit, unit_name: unit,
        must_change_password: r.user.mustChange,
      });
    },
  },
  {
    method: 'POST', path: '/api/logout', access: 'user', beforePasswordChange: true,
    doc: 'End the session.',
    async handler(c, ctx) {
      await endSession(ctx.store, c.get('sessionId'));
      clearSessionCookie(c);
      await recordSecurity(c, ctx, { event: 'logout', outcome: 'success' });
      return c.body(null, 204);
    },
  },
  {
    method: 'GET', path: '/api/me', access: 'user', beforePasswordChange: true,
    doc: 'The signed-in user: name, role, unit, display name, whether the password must be changed.',
    handler(c) {
      return c.json(meOf(c.get('user')));
    },
  },
  {
    // Whether this browser is signed in, answered without a 401: the console asks it on opening any page (a
    // new tab, a shared link) and the cookie alone decides. Says nothing to a request without a session.
    method: 'GET', path: '/api/session', access: 'public',
    doc: 'Whether this browser is signed in: {"me": the user or null}, always 200.',
    async handler(c, ctx) {
      const id = getCookie(c, SESSION_COOKIE);
      const user = id ? await sessionUser(ctx.store, id, { idleMinutes: ctx.options.idleMinutes, lifetimeMinutes: ctx.options.lifetimeMinutes }, ctx.options.clock) : null;
      return c.json({ me: user ? meOf(user) : null });
    },
  },
  {
    method: 'POST', path: '/api/me/password', access: 'user', beforePasswordChange: true,
    doc: 'Change one\'s own password; the user\'s other sessions end.',
    async handler(c, ctx) {
      const { current, new: next } = await jsonBody(c, ['current', 'new']);
      if (typeof current !== 'string' || typeof next !== 'string' || !current || current.length > 200) return fail(c, 400, '需要 current（当前密码）和 new（新密码）');
      // The current password is a guess like a log-in: it spends the address's budget when wrong.
      const slot = await ctx.throttle.begin(clientAddress(c));
      if (!slot.ok) {
        await recordSecurity(c, ctx, { event: 'password-change', outcome: 'refused', detail: '本地址失败次数过多' });
        return answerFailure(c, slot);
      }
      let r: Awaited<ReturnType<typeof changeOwnPassword>> | undefined;
      try {
        r = await changeOwnPassword(ctx.store, c.get('user').username, current, next, c.get('sessionId'), ctx.options.clock);
      } finally {
        slot.end(r !== undefined && !r.ok && r.kind === 'forbidden');
      }
      await recordSecurity(c, ctx, { event: 'password-change', outcome: r.ok ? 'success' : 'failure', detail: r.ok ? '其他会话已结束' : r.kind === 'forbidden' ? '当前密码不正确' : '新密码不合规则' });
      if (r.ok) return c.body(null, 204);
      return answerFailure(c, r);
    },
  },
];

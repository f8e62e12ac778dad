// The end of `npm run demo`: demo log-ins for the three roles, then the server on the demo database.
import { openStore } from '../store/db.ts';
import { addUser } from '../supervise/users.ts';
import { serveCommand } from './serve.ts';

export const DEMO_PASSWORD = 'Yanpan-demo1';

export async function serveDemo(o: { db: string; host: string; port: string }): Promise<number> {
  const store = await openStore(o.db);
  let unit: { unit: string; unit_name: string } | undefined;
  try {
    // The brigade log-in belongs to the county brigade with the most items, so its list is not empty.
    [unit] = await store.all<{ unit: string; unit_name: string }>(
      `SELECT i.unit, u.unit_name FROM items i JOIN units u ON u.unit_code = i.unit
       WHERE u.kind = '县区大队' GROUP BY ALL ORDER BY count(*) DESC, i.unit LIMIT 1`);
    const users: [string, string, string | null][] = [['duban', 'supervisor', null], ['dadui', 'brigade', unit?.unit ?? null], ['admin', 'admin', null]];
    for (const [name, role, u] of users) {
      if (role === 'brigade' && !u) continue;
      const r = await addUser(store, name, role, u, DEMO_PASSWORD, 'demo');
      if (!r.ok && r.kind !== 'conflict') { process.stderr.write(`${r.error}\n`); return 1; }
    }
  } finally {
    store.close();
  }
  const logins = [
    `  支队督察  用户名 duban   密码 ${DEMO_PASSWORD}`,
    unit ? `  大队      用户名 dadui   密码 ${DEMO_PASSWORD}（${unit.unit_name}，只看本单位）` : '',
    `  管理员    用户名 admin   密码 ${DEMO_PASSWORD}`,
  ].filter(Boolean);
  return serveCommand(o, (server) => `\n请用浏览器打开 ${server.url}/ 并登录（演示账户）：\n${logins.join('\n')}\n`);
}

// `yanpan user add|list|disable|enable|passwd`: passwords come on standard input, never as an argument
// (arguments are visible to every user of the machine and stay in the shell history).
import { createInterface } from 'node:readline';
import { openStore } from '../store/db.ts';
import { userInfo } from 'node:os';
import { appendSecurity, type SecurityEvent } from '../supervise/security-log.ts';
import { addUser, listUsers, setDisabled, setPassword, type Result } from '../supervise/users.ts';
import { ROLE_ZH } from '../supervise/workflow.ts';
import { exitWith, table } from './output.ts';

/** The password: the first line of piped input, or typed twice (not echoed) on a terminal. */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (prompt: string) => new Promise<string>((ok) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write(prompt);
    out._writeToOutput = () => {};
    rl.question('', (a) => { rl.close(); process.stderr.write('\n'); ok(a); });
  });
  const a = await ask('密码：');
  const b = await ask('再输入一次：');
  if (a !== b) throw new Error('两次输入的密码不一致');
  return a;
}

/** Who ran the command: the operating-system account (the security log's user for the command line). */
const operator = (): string => {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
};

/** Run a user change and record it in the security log, done or refused. */
async function recorded(store: Awaited<ReturnType<typeof openStore>>, event: SecurityEvent, detail: string, change: () => Promise<Result>): Promise<Result> {
  const r = await change();
  await appendSecurity(store, { user: operator(), address: 'cli', event, outcome: r.ok ? 'success' : 'failure', detail: r.ok ? detail : `${detail}：${r.error}` });
  return r;
}

async function withStore<T>(db: string, body: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await body(store);
  } finally {
    store.close();
  }
}

export async function userAdd(name: string, o: { db: string; role: string; unit?: string; mustChange?: boolean; displayName?: string }): Promise<number> {
  const password = await readPassword();
  const r = await withStore(o.db, (s) => recorded(s, 'user-add', `用户 ${name}，角色 ${o.role}${o.unit ? `，单位 ${o.unit}` : ''}`,
    () => addUser(s, name, o.role, o.unit ?? null, password, 'cli', undefined, { mustChange: o.mustChange === true, displayName: o.displayName ?? null })));
  if (!r.ok) return exitWith(r);
  process.stdout.write(`已添加用户 ${name}（${ROLE_ZH[o.role as keyof typeof ROLE_ZH]}${o.unit ? `，单位 ${o.unit}` : ''}）\n`);
  return 0;
}

export async function userList(o: { db: string }): Promise<number> {
  const users = await withStore(o.db, listUsers);
  const rows = users.map((u) => [u.username, u.displayName ?? '', ROLE_ZH[u.role], u.unit ?? '', u.unitName ?? '',
    u.disabled ? '已停用' : u.lockedUntil ? '已锁定' : u.mustChange ? '须改密码' : '正常']);
  process.stdout.write(`${table(['用户名', '姓名', '角色', '单位代码', '单位', '状态'], rows)}\n`);
  return 0;
}

export async function userDisable(name: string, o: { db: string }, disabled = true): Promise<number> {
  const r = await withStore(o.db, (s) => recorded(s, disabled ? 'user-disable' : 'user-enable', `用户 ${name}`, () => setDisabled(s, name, disabled)));
  if (!r.ok) return exitWith(r);
  process.stdout.write(`已${disabled ? '停用' : '启用'}用户 ${name}\n`);
  return 0;
}

export async function userPasswd(name: string, o: { db: string; mustChange?: boolean }): Promise<number> {
  const password = await readPassword();
  const r = await withStore(o.db, (s) => recorded(s, 'password-reset', `用户 ${name}${o.mustChange ? '（须在下次登录时修改）' : ''}`,
    () => setPassword(s, name, password, 'cli', undefined, { mustChange: o.mustChange === true })));
  if (!r.ok) return exitWith(r);
  process.stdout.write(`已重设用户 ${name} 的密码\n`);
  return 0;
}

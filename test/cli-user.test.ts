// `yanpan user add` goes through the same rules as the console: ASCII user names, the password rule,
// and `--must-change` for an account whose user must choose their own password at the first log-in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/db.ts';
import { checkLogin } from '../src/supervise/users.ts';

const dir = mkdtempSync(join(tmpdir(), 'yanpan-cli-user-'));
const db = join(dir, 'y.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yanpan = (args: string[], input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args, '--db', db], { encoding: 'utf8', input, timeout: 60_000 });

describe('yanpan user add', () => {
  it('refuses a look-alike name and a weak password, and marks --must-change', async () => {
    const lookAlike = yanpan(['user', 'add', 'ѕup1', '--role', 'supervisor'], 'Strong-pass-1\n');
    expect(lookAlike.status).toBe(2);
    expect(lookAlike.stderr).toMatch(/用户名/);
    const weak = yanpan(['user', 'add', 'sup1', '--role', 'supervisor'], 'yanpan-demo\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/密码至少 10 位/);
    const ok = yanpan(['user', 'add', 'sup1', '--role', 'supervisor', '--must-change', '--display-name', '张督察'], 'Strong-pass-1\n');
    expect(ok.status, ok.stderr).toBe(0);
    const store = await openStore(db);
    try {
      const r = await checkLogin(store, 'sup1', 'Strong-pass-1');
      expect(r).toMatchObject({ ok: true, user: { username: 'sup1', mustChange: true } });
    } finally {
      store.close();
    }
  }, 120_000);
});

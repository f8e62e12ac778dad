import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const BIN = new URL('../../bin/yanpan', import.meta.url).pathname;
const run = promisify(execFile);

describe('yanpan calendar', () => {
  it('shows the State Council schedule and lets an administrator add and remove days', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yanpan-cal-'));
    const db = join(dir, 'c.duckdb');
    const y21 = await run(BIN, ['calendar', 'show', '--year', '2021', '--db', db]);
    expect(y21.stdout).toMatch(/2021-02-07\s+调休上班/);
    expect(y21.stdout).toMatch(/2021-10-01\s+放假/);
    await run(BIN, ['calendar', 'set', '2031-01-02', '休', '--note', '元旦调休', '--db', db]);
    expect((await run(BIN, ['calendar', 'show', '--year', '2031', '--db', db])).stdout).toMatch(/2031-01-02\s+放假\s+管理员设置：元旦调休/);
    await run(BIN, ['calendar', 'unset', '2031-01-02', '--db', db]);
    expect((await run(BIN, ['calendar', 'show', '--year', '2031', '--db', db])).stdout).toContain('尚未收录');
    const bad = await run(BIN, ['calendar', 'set', '2031-01-02', '半天', '--db', db]).catch((e: { code: number }) => e);
    expect(bad).toMatchObject({ code: 2 });
    await rm(dir, { recursive: true, force: true });
  });
});

// `yanpan settings show` says on standard error when a stored supervision setting no longer passes its checks
// (the default deadlines serve meanwhile), and nothing when it does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/db.ts';
import { settingsShow } from './settings.ts';

describe('yanpan settings show', () => {
  let dir: string;
  let db: string;
  let stderr: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-settings-'));
    db = join(dir, 'y.duckdb');
    (await openStore(db)).close();
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr.push(String(s)); return true; });
  });
  afterAll(async () => { vi.restoreAllMocks(); await rm(dir, { recursive: true, force: true }); });

  it('is silent on standard error while the stored deadlines pass, and names the field and the reason when not', async () => {
    stderr = [];
    expect(await settingsShow(db)).toBe(0);
    expect(stderr).toEqual([]);
    const store = await openStore(db);
    await store.run(`INSERT INTO supervise_settings VALUES ('deadlineDays', '{"low":500}')`);
    store.close();
    expect(await settingsShow(db)).toBe(0);
    expect(stderr).toEqual([expect.stringMatching(/^注意：设置 deadlineDays\.low 无效。保存的督办期限设置无效：low 的期限应为 1–120 个工作日/)]);
  });
});

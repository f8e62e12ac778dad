// The three spot-check commands end to end on the shared sample: exit codes, files, and the same draw twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../src/store/db.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { CATEGORIES } from '../src/rules/types.ts';

const SAMPLE = new URL('./fixtures/jinzhong-2021h1', import.meta.url).pathname;
const BIN = new URL('../bin/yanpan', import.meta.url).pathname;
const exec = promisify(execFile);

async function yanpan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(BIN, args);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('yanpan sample, daily, risk', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-spot-cli-'));
    db = join(dir, 'y.duckdb');
    const store = await openStore(db);
    const r = await importDataset(store, SAMPLE);
    store.close();
    expect(r.ok).toBe(true);
  }, 60_000);
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('draws the same sample twice from the same seed, prints the seed and hash, and reads the checklist back', async () => {
    const args = ['sample', '--db', db, '--month', '2021-03', '--kind', 'documents', '--rate', '5%', '--min', '2', '--seed', '99'];
    const a = await yanpan(...args, '--out', join(dir, 'a.xlsx'));
    const b = await yanpan(...args, '--out', join(dir, 'b.xlsx'));
    expect(a.code, a.stderr).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toMatch(/随机种子 99/);
    const hash = /SHA-256 ([0-9a-f]{64})/.exec(a.stdout)?.[1];
    expect(hash).toBeDefined();
    expect(b.stdout).toContain(hash);
    const store = await openStore(db);
    try {
      const rows = (id: number) => store.all(`SELECT unit_code, record_kind, record_id, draw_order FROM sample_rows WHERE sample_id = ${id} ORDER BY ALL`);
      const [ra, rb] = [await rows(1), await rows(2)];
      expect(ra.length).toBeGreaterThan(0);
      expect(rb).toEqual(ra);
    } finally {
      store.close();
    }
    const imp = await yanpan('sample', 'import', join(dir, 'a.xlsx'), '--db', db);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/尚未检查 \d+ 条/);
  }, 60_000);

  it('refuses bad arguments with exit 2 and a reason', async () => {
    const bad = await yanpan('sample', '--db', db, '--month', '2021-13', '--kind', 'documents', '--rate', '0%', '--out', join(dir, 'x.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('月份应为 YYYY-MM');
    // A month without records: refused, no sample stored, no checklist written.
    const empty = await yanpan('sample', '--db', db, '--month', '2019-03', '--kind', 'documents', '--rate', '5%', '--out', join(dir, 'e.xlsx'));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('2019-03 没有可抽取的法律文书');
    await expect(readFile(join(dir, 'e.xlsx'))).rejects.toThrow();
    const daily = await yanpan('daily', '--db', db, '--date', '2021-03-15', '--out', join(dir, 'd.pdf'));
    expect(daily.code).toBe(2);
    const noDb = await yanpan('daily', '--db', join(dir, 'typo.duckdb'), '--date', '2021-03-15');
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('数据库文件不存在');
    await writeFile(join(dir, 'w.json'), '{"weights": {"nope": 1}}');
    const risk = await yanpan('risk', '--db', db, '--from', '2021-01-01', '--to', '2021-06-30', '--out', join(dir, 'r.csv'), '--weights', join(dir, 'w.json'));
    expect(risk.code).toBe(2);
    expect(risk.stderr).toContain('weights.nope');
  }, 60_000);

  it('writes the daily report and the risk CSV', async () => {
    const d = await yanpan('daily', '--db', db, '--date', '2021-03-15', '--out', join(dir, 'd.html'));
    expect(d.code, d.stderr).toBe(0);
    expect(await readFile(join(dir, 'd.html'), 'utf8')).toContain('<h1>每日调度 2021-03-15</h1>');
    const r = await yanpan('risk', '--db', db, '--from', '2021-01-01', '--to', '2021-06-30', '--as-of', '2021-07-11', '--out', join(dir, 'r.csv'));
    expect(r.code, r.stderr).toBe(0);
    const lines = (await readFile(join(dir, 'r.csv'), 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe(`officer_id,name,unit,score,rank,${CATEGORIES.join(',')}`);
    expect(lines[1].split(',')[4]).toBe('1');
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/db.ts';
import { insertSeries } from '../../test/support/accident-series.ts';
import { forecastCommand } from './forecast.ts';
import { reportCommand } from './report.ts';

describe('yanpan forecast / report on the command line', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yanpan-fc-'));
    db = join(dir, 'y.duckdb');
    const store = await openStore(db);
    await insertSeries(store, { units: { U1: 8, U2: 3 }, from: '2019-01', months: 30, seed: 2 });
    store.close();
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(async () => { vi.restoreAllMocks(); await rm(dir, { recursive: true, force: true }); });

  it('refuses bad arguments with exit code 2', async () => {
    expect(await forecastCommand({ db, month: '2021-13', out: join(dir, 'f.jsonl') })).toBe(2);
    expect(await forecastCommand({ db, month: '2021-07' })).toBe(2);
    expect(await forecastCommand({ db, backtest: true, months: '0' })).toBe(2);
    // A truth file that is missing, not JSON, or without the expected counts.
    expect(await forecastCommand({ db, backtest: true, truth: join(dir, 'none.json') })).toBe(2);
    await writeFile(join(dir, 'bad.json'), '{');
    expect(await forecastCommand({ db, backtest: true, truth: join(dir, 'bad.json') })).toBe(2);
    await writeFile(join(dir, 'plain.json'), '{"planted":[]}');
    expect(await forecastCommand({ db, backtest: true, truth: join(dir, 'plain.json') })).toBe(2);
    expect(await reportCommand({ db, month: '2021/06', out: join(dir, 'r.docx') })).toBe(2);
    expect(await reportCommand({ db, month: '2021-06', out: join(dir, 'r.txt') })).toBe(2);
    expect(await reportCommand({ db, month: '2021-06', out: join(dir, 'r.docx'), asOf: '2021-02-30x' })).toBe(2);
    // A mistyped --db is refused rather than answered from a new, empty database.
    const missing = join(dir, 'nope.duckdb');
    expect(await forecastCommand({ db: missing, month: '2021-07', out: join(dir, 'f.jsonl') })).toBe(2);
    expect(await reportCommand({ db: missing, month: '2021-06', out: join(dir, 'r.docx') })).toBe(2);
    await expect(stat(missing)).rejects.toThrow();
  });

  it('says so (exit 1) when the history is too short, and writes the contract lines otherwise', async () => {
    expect(await forecastCommand({ db, month: '2019-01', out: join(dir, 'none.jsonl') })).toBe(1);
    expect(await forecastCommand({ db, month: '2021-07', out: join(dir, 'f.jsonl') })).toBe(0);
    const lines = (await readFile(join(dir, 'f.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.unit, l.month])).toEqual([['U1', '2021-07'], ['U2', '2021-07']]);
    expect(await forecastCommand({ db, backtest: true, json: join(dir, 'bt.json') })).toBe(0);
    const bt = JSON.parse(await readFile(join(dir, 'bt.json'), 'utf8')) as { months: unknown[]; coverage: number };
    expect(bt.months).toHaveLength(12);
  });
});

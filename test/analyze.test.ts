import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset } from '../src/ingest/import-dataset.ts';
import { analyze, exportLines, saveRun } from '../src/analyze/run.ts';
import { checkPeriod } from '../src/analyze/period.ts';
import { mergeFindings } from '../src/analyze/merge.ts';
import { DEFAULT_SETTINGS } from '../src/rules/settings.ts';
import { CATEGORIES } from '../src/rules/types.ts';
import { fixtureStore } from './support/fixture.ts';

const SAMPLE = new URL('./fixtures/jinzhong-2021h1', import.meta.url).pathname;
const BIN = new URL('../bin/yanpan', import.meta.url).pathname;
const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };
const run = promisify(execFile);

const EVIDENCE_SQL: Record<string, string> = {
  violation: 'SELECT count(*) AS n FROM violations WHERE violation_id = $1',
  accident: 'SELECT count(*) AS n FROM accidents WHERE accident_id = $1',
  business: 'SELECT count(*) AS n FROM business WHERE flow_id = $1',
  video: 'SELECT count(*) AS n FROM videos WHERE video_id = $1',
  device: 'SELECT count(*) AS n FROM devices WHERE device_id = $1',
  opinion: 'SELECT count(*) AS n FROM opinions WHERE opinion_id = $1',
  officer: 'SELECT count(*) AS n FROM officers WHERE officer_id = $1',
  unit: 'SELECT count(*) AS n FROM units WHERE unit_code = $1',
  license: `SELECT (SELECT count(*) FROM drivers WHERE license_no = $1) + (SELECT count(*) FROM violations WHERE license_no = $1) + (SELECT count(*) FROM business WHERE license_no = $1) AS n`,
  vehicle: `SELECT count(*) AS n FROM vehicles WHERE plate || '/' || plate_type = $1 OR plate = $1`,
};

describe('yanpan analyze on the shared sample', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
    const r = await importDataset(store, SAMPLE);
    expect(r.ok).toBe(true);
  });
  afterAll(() => store.close());

  it('finds warnings in every category, each with a unit and evidence that exists in the database', async () => {
    const result = await analyze(store, PERIOD, DEFAULT_SETTINGS);
    expect(result.skipped).toEqual([]);
    const units = new Set((await store.all<{ u: string }>('SELECT unit_code AS u FROM units')).map((r) => r.u));
    for (const c of CATEGORIES) expect(result.warnings.some((w) => w.category === c), c).toBe(true);
    for (const w of result.warnings) {
      expect(units.has(w.unit), `${w.category} ${w.subject.id} unit ${w.unit}`).toBe(true);
      expect(w.evidence.length).toBeGreaterThan(0);
      for (const e of w.evidence) {
        const [{ n }] = await store.all<{ n: number }>(EVIDENCE_SQL[e.kind], [e.id]);
        expect(n, `${w.category} ${w.subject.id}: ${e.kind} ${e.id}`).toBeGreaterThan(0);
      }
    }
    // one warning per subject and category
    const keys = result.warnings.map((w) => `${w.category}|${w.subject.kind}|${w.subject.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the same export byte for byte on a second run', async () => {
    const a = exportLines((await analyze(store, PERIOD, DEFAULT_SETTINGS)).warnings);
    const b = exportLines((await analyze(store, PERIOD, DEFAULT_SETTINGS)).warnings);
    expect(b).toBe(a);
  });

  it('keeps each run with its settings and warnings under stable warning keys', async () => {
    const result = await analyze(store, PERIOD, DEFAULT_SETTINGS);
    const r1 = await saveRun(store, result, DEFAULT_SETTINGS, { test: 1 });
    const r2 = await saveRun(store, result, DEFAULT_SETTINGS, { test: 2 });
    expect(r2).toBe(r1 + 1);
    const [{ same }] = await store.all<{ same: number }>(
      `SELECT count(*) AS same FROM warnings a JOIN warnings b ON a.warning_key = b.warning_key WHERE a.run_id = $1 AND b.run_id = $2`, [r1, r2]);
    expect(same).toBe(result.warnings.length);
    const [run] = await store.all<{ settings: string; counts: string }>('SELECT settings, counts FROM runs WHERE run_id = $1', [r1]);
    expect(JSON.parse(run.settings)).toEqual(DEFAULT_SETTINGS);
    expect(Object.values(JSON.parse(run.counts) as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(result.warnings.length);
  });
});

describe('analysis run mechanics', () => {
  it('skips the categories whose tables are missing and says which', async () => {
    const store = await fixtureStore({ units: [{ unit_code: 'U1', unit_name: '法制科', kind: '支队部门' }] });
    const result = await analyze(store, PERIOD, DEFAULT_SETTINGS);
    expect(result.skipped.find((s) => s.category === 'point-trading')?.missing).toContain('violations');
    // without the opinion ledger, no unit-quarter is accused
    expect(result.skipped.find((s) => s.category === 'opinion-quota')?.missing).toEqual(['opinions']);
    expect(result.skipped.find((s) => s.category === 'bodycam-missing')?.missing).toEqual(['videos']);
    expect(result.warnings).toEqual([]);
    store.close();
  });

  it('merges several clauses on one subject into one warning with all evidence, the highest severity and score', () => {
    const ws = mergeFindings('irregular-business', [
      { subject_kind: 'business', subject_id: 'B1', unit: 'U1', severity: 'medium', score: 0.8, rule: 'b-night', title: 'night', evidence: [{ kind: 'business', id: 'B1' }] },
      { subject_kind: 'business', subject_id: 'B1', unit: 'U1', severity: 'high', score: 0.7, rule: 'a-same', title: 'same', evidence: [{ kind: 'business', id: 'B1' }, { kind: 'officer', id: 'P1' }] },
      { subject_kind: 'business', subject_id: 'B2', unit: null, severity: 'low', score: 0.5, rule: 'b-night', title: 'x', evidence: [{ kind: 'business', id: 'B2' }] },
    ], 'LAW');
    expect(ws).toEqual([
      { category: 'irregular-business', subject: { kind: 'business', id: 'B1' }, unit: 'U1', severity: 'high', score: 0.8, rule: 'a-same+b-night', title: 'same',
        evidence: [{ kind: 'business', id: 'B1' }, { kind: 'officer', id: 'P1' }] },
      { category: 'irregular-business', subject: { kind: 'business', id: 'B2' }, unit: 'LAW', severity: 'low', score: 0.5, rule: 'b-night', title: 'x',
        evidence: [{ kind: 'business', id: 'B2' }] },
    ]);
  });

  it('refuses a bad date or a period that ends before it starts', () => {
    expect(checkPeriod('2021-02-30', '2021-03-01', undefined)).toMatchObject({ ok: false });
    expect(checkPeriod('2021-06-01', '2021-01-01', '2021-07-01')).toMatchObject({ ok: false, error: expect.stringContaining('晚于') });
    expect(checkPeriod('2021/01/01', '20210630', '2021-07-11')).toEqual({ ok: true, period: PERIOD });
  });
});

describe('the command line', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'yanpan-cli-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('imports, analyzes to a contract-shaped JSON Lines file, and lists rejects', async () => {
    const db = join(dir, 'y.duckdb');
    const imp = await run(BIN, ['import', SAMPLE, '--db', db]);
    expect(imp.stdout).toContain('拒收 0 行');
    const out = join(dir, 'w.jsonl');
    await run(BIN, ['analyze', '--db', db, '--from', '2021-01-01', '--to', '2021-06-30', '--as-of', '2021-07-11', '--out', out]);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['category', 'subject', 'unit', 'severity', 'score', 'rule', 'title', 'evidence']);
    const rej = await run(BIN, ['rejects', '--db', db]);
    expect(rej.stdout.trim()).toBe('import,table,file,line,column,value,reason');
  });

  it('exits 2 with a clear message for a bad --from', async () => {
    const err = await run(BIN, ['analyze', '--db', join(dir, 'z.duckdb'), '--from', '2021-13-01', '--to', '2021-06-30', '--out', join(dir, 'x.jsonl')]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stderr: expect.stringContaining('--from') });
  });

  it('exits 2 naming the file when an import fails', async () => {
    const err = await run(BIN, ['import', join(dir, 'nope'), '--db', join(dir, 'z.duckdb')]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2, stderr: expect.stringContaining('nope') });
  });
});

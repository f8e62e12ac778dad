// XLSX: the first worksheet, header in row 1, streamed with exceljs and written out as a UTF-8 CSV
// with the sheet row number in front, so that the same SQL validation serves both formats.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';

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

/**
 * Write the first worksheet of `src` to `dest` as CSV: a header line `__line,<header…>`, then one line per
 * non-empty sheet row with its sheet row number. Returns the header names, or null when the sheet has no header.
 */
export async function xlsxToCsv(src: string, dest: string, used: (header: readonly string[]) => readonly boolean[] = (h) => h.map(() => true)): Promise<XlsxCsv | null> {
  // Loaded on use: exceljs takes about half a second to load, which an import without a workbook need not pay.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(src, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  const out = createWriteStream(dest);
  let header: string[] | null = null;
  let usedColumns: readonly boolean[] = [];
  let rows = 0;
  const refused: CellRefusal[] = [];
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cells = (row.values as unknown[]).slice(1);
        const values = cells.map(cellText);
        if (!header) {
          if (row.number !== 1 || values.every((v) => v.trim() === '')) return null;
          header = values;
          usedColumns = used(header);
          await write(['__line', ...header].map(csvField).join(',') + '\n');
          continue;
        }
        const bad = header.map((_, i) => (usedColumns[i] ? cellProblem(cells[i]) : null)).findIndex(Boolean);
        const problem = bad >= 0 ? cellProblem(cells[bad]) : null;
        if (problem) {
          refused.push({ line: row.number, column: bad, ...problem });
          continue;
        }
        if (values.every((v) => v.trim() === '')) continue;
        const fields = header.map((_, i) => csvField(values[i] ?? ''));
        await write(`${row.number},${fields.join(',')}\n`);
        rows++;
      }
      break; // the first worksheet only
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return header ? { header, rows, refused } : null;
}

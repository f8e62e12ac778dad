// The edges of an export as the source systems write it: the header is the first row holding the table's
// required columns within the first ten rows (a title row, merged cells or blank rows above it), and a block of
// summary and signature rows may close the file (合计, 制表人…). Only the first and last few records are
// looked at, so finding them costs the same for a file of ten rows and one of ten million.
import { parse } from 'csv-parse/sync';
import { TABLE_KEYS, TABLES, type Table, type TableKey } from '../contract/tables.ts';
import { matchHeader } from './header.ts';

/** The header is looked for in this many rows from the top (contract §1). */
export const HEADER_ROWS = 10;

export type Delimiter = ',' | '\t';

/** One record of a text, with its UTF-16 offsets: `start` of its first character, `end` after its line end. */
export interface TextRecord { readonly start: number; readonly end: number; readonly text: string }

/**
 * The records of `text` (line breaks inside double quotes belong to the value), at most `max`; a record cut off by
 * the end of `text` is left out unless `complete` (the text is the whole file).
 */
export function splitRecords(text: string, max: number, complete: boolean): TextRecord[] {
  const out: TextRecord[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inQuote = !inQuote;
    else if (!inQuote && (c === 0x0a || c === 0x0d)) {
      const end = c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      out.push({ start, end, text: text.slice(start, i) });
      start = end;
      i = end - 1;
    }
  }
  if (complete && out.length < max && start < text.length) out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/** The fields of one record (RFC 4180 with the given delimiter; a malformed record is taken as one field). */
export function fieldsOf(record: string, delimiter: Delimiter): string[] {
  if (!record.includes('"')) return record.split(delimiter);
  try {
    const rows = parse(record, { delimiter, relax_column_count: true, relax_quotes: true, bom: true }) as string[][];
    return rows[0] ?? [''];
  } catch {
    return [record];
  }
}

/** Whether the row names every required column of `table` (in Chinese or by key). */
export const holdsTable = (table: Table, row: readonly string[]): boolean =>
  row.length > 0 && matchHeader(table, row).missingRequired.length === 0;

/** The index of the header row of `table` among `rows` (the first ten at most), or -1. */
export function headerRowOf(table: Table, rows: readonly (readonly string[])[]): number {
  return rows.slice(0, HEADER_ROWS).findIndex((r) => holdsTable(table, r));
}

/** The tables whose header is among `rows` (the first ten). */
export function tablesInRows(rows: readonly (readonly string[])[]): TableKey[] {
  return TABLE_KEYS.filter((k) => headerRowOf(TABLES[k], rows) >= 0);
}

const blank = (s: string): boolean => s.replace(/[\s\u3000\u00a0]/g, '') === '';

/** A row with no value in any cell (a blank line, or a line of delimiters only). */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every(blank);

/**
 * A summary or signature row of a report's foot: its first cell with a value is 合计 / 总计 / 小计, or begins
 * with 制表人 / 制表时间 / 打印时间 (blanks inside ignored: 「合　计」).
 */
export function isSummaryRow(cells: readonly string[]): boolean {
  const first = cells.find((c) => !blank(c));
  if (first === undefined) return false;
  const t = first.replace(/[\s\u3000\u00a0]/g, '');
  return /^(合计|总计|小计)([:：]|$)/.test(t) || /^(制表人|制表时间|打印时间)/.test(t);
}

/**
 * Where the closing block of summary rows begins among the last records of a file (`records`, in file order):
 * the index of its first record, or -1 when the file does not end in one. Blank rows within or after the block
 * belong to it; a block of blank rows alone is no summary.
 */
export function summaryStart(records: { readonly length: number; at(i: number): readonly string[] | undefined }): number {
  const row = (i: number): readonly string[] => records.at(i) ?? [];
  let i = records.length;
  let summary = false;
  while (i > 0) {
    const r = row(i - 1);
    if (isSummaryRow(r)) summary = true;
    else if (!isBlankRow(r)) break;
    i--;
  }
  if (!summary) return -1;
  // Blank rows before the first summary row stay with the data, as any blank line does.
  while (i < records.length && isBlankRow(row(i))) i++;
  return i;
}

/** 「第 3 行」 or 「第 12–13 行」. */
export const linesText = (first: number, last: number): string => (first === last ? `第 ${first} 行` : `第 ${first}–${last} 行`);

/** The note of the rows skipped above the header (reported once). */
export const titleNote = (rows: number, headerLine: number): string =>
  `跳过表头上方的 ${rows} 行（标题、合并单元格或空行），表头在第 ${headerLine} 行`;

/** The note of the summary rows skipped at the end (reported once). */
export const summaryNote = (rows: number, first: number, last: number): string =>
  `跳过表尾的 ${rows} 行合计或制表信息（${linesText(first, last)}），未作为数据导入`;

// Table writers for the demo: CSV (UTF-8 with/without BOM, or GB18030) and XLSX (exceljs streaming,
// real Date cells). Rows are objects keyed by contract column keys; timestamps are wall-clock seconds,
// dates are day numbers (see time.ts). Output goes out in large chunks.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { TABLES, type Table, type TableKey, type ColumnType, type NewRow } from '../contract/tables.ts';
import { fmtDate, fmtTs, DAY, type TsStyle, type DateStyle } from './time.ts';

/** A value whose id is only known later (assigned when its table is written). */
export interface IdRef { id?: string }

/** How the demo holds each column type until it writes it: times as wall-clock seconds, dates as day numbers. */
export interface DemoValues { text: string; int: number; number: number; date: number; timestamp: number; bool: boolean }
/** Columns that may hold an IdRef: a recording filed under a ticket or accident whose id is assigned later. */
interface LateIds { videos: 'linked_id' }
type Late<K extends TableKey> = K extends keyof LateIds ? LateIds[K] : never;
type Demo<K extends TableKey> = NewRow<K, DemoValues>;

/**
 * A row of table K as the demo builds it, derived from the contract: any of its columns (a misspelt one
 * does not compile), each with its type. Rows are built in steps, so every column may still be missing.
 */
export type DemoRow<K extends TableKey> = { [C in keyof Demo<K>]?: C extends Late<K> ? Demo<K>[C] | IdRef : Demo<K>[C] };

type Cell = string | number | boolean | null | undefined | IdRef;

/** The value of a column given by its key: the writers walk the contract's column list, so the key is a string here. */
function cell<K extends TableKey>(row: DemoRow<K>, key: string): Cell {
  return (row as Readonly<Record<string, Cell>>)[key];
}

export interface WriterStyle {
  ts: TsStyle;
  date: DateStyle;
  bool: [string, string];
  bom: boolean;
  crlf: boolean;
  /** Columns written with thousands separators (numbers). */
  thousands?: readonly string[];
}

/** A CSV written the way a source system exports it (contract §1): its own file name, a title, a foot, UTF-16 text. */
export interface ExportedAs {
  /** The file name the system gives it (a Chinese name, a month). */
  readonly fileName: string;
  /** A title row above the header (one cell, the rest of the row empty, as a merged title saves). */
  readonly title?: string;
  /** Summary and signature lines after the data, given the number of rows. */
  readonly foot?: (rows: number) => readonly string[][];
  /** Excel's 「Unicode 文本」: UTF-16LE with its byte-order mark, tab-separated. */
  readonly unicodeText?: boolean;
}

export interface WriterOptions {
  dir: string;
  table: TableKey;
  format: 'csv' | 'xlsx';
  gb18030: boolean;
  english: boolean;
  style: WriterStyle;
  exported?: ExportedAs;
}

export interface TableWriter<K extends TableKey = TableKey> {
  readonly file: string;
  rows: number;
  write(row: DemoRow<K>): void;
  close(): Promise<void>;
}

const CHUNK = 1 << 20;

function resolve(v: Cell): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') {
    if (v.id === undefined) throw new Error('unresolved id reference');
    return v.id;
  }
  return v;
}

function csvText(s: string, delim = ','): string {
  if (s.indexOf(delim) < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
  return '"' + s.replace(/"/g, '""') + '"';
}

function withThousands(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n));
  const [int, frac] = s.split('.');
  const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + g + (frac ? '.' + frac : '');
}

class CsvWriter<K extends TableKey> implements TableWriter<K> {
  readonly file: string;
  rows = 0;
  private fd: number;
  private parts: string[] = [];
  private len = 0;
  private buf = Buffer.allocUnsafe(4 * CHUNK);
  private off = 0;
  private keys: string[];
  private types: ColumnType[];
  private thousands: boolean[];
  private eol: string;
  private delim: string;
  /** Encoded in big chunks from collected text (GB18030, UTF-16), rather than written straight as UTF-8. */
  private collected: 'gb18030' | 'utf16le' | null;
  constructor(private opts: WriterOptions, table: Table) {
    const ex = opts.exported;
    this.file = `${opts.dir}/${ex?.fileName ?? `${table.key}.csv`}`;
    this.fd = fs.openSync(this.file, 'w');
    this.keys = table.columns.map((c) => c.key);
    this.types = table.columns.map((c) => c.type);
    this.thousands = table.columns.map((c) => (opts.style.thousands ?? []).includes(c.key));
    this.eol = opts.style.crlf || ex?.unicodeText ? '\r\n' : '\n';
    this.delim = ex?.unicodeText ? '\t' : ',';
    this.collected = ex?.unicodeText ? 'utf16le' : opts.gb18030 ? 'gb18030' : null;
    const header = table.columns.map((c) => (opts.english ? c.key : c.zh)).join(this.delim);
    if (this.collected === 'utf16le') fs.writeSync(this.fd, Buffer.from([0xff, 0xfe]));
    else if (opts.style.bom && !opts.gb18030) fs.writeSync(this.fd, Buffer.from([0xef, 0xbb, 0xbf]));
    if (ex?.title) this.push(this.line([ex.title]));
    this.push(header + this.eol);
  }
  /** A row of free text (a title, a foot), as wide as the header. */
  private line(cells: readonly string[]): string {
    return this.keys.map((_, i) => csvText(cells[i] ?? '', this.delim)).join(this.delim) + this.eol;
  }
  private push(s: string): void {
    if (this.collected) {
      // GB18030: collect text, encode in big chunks.
      this.parts.push(s);
      this.len += s.length;
      if (this.len >= CHUNK) this.flush();
      return;
    }
    // UTF-8: straight into a large buffer (much cheaper than joining strings).
    if (this.off + s.length * 3 > this.buf.length) this.flush();
    this.off += this.buf.write(s, this.off, 'utf8');
  }
  private flush(): void {
    if (this.off > 0) {
      let o = 0;
      while (o < this.off) o += fs.writeSync(this.fd, this.buf, o, this.off - o);
      this.off = 0;
    }
    if (this.parts.length === 0) return;
    const s = this.parts.join('');
    this.parts = [];
    this.len = 0;
    const buf = this.collected === 'utf16le' ? Buffer.from(s, 'utf16le') : iconv.encode(s, 'gb18030');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
  }
  write(row: DemoRow<K>): void {
    const st = this.opts.style;
    let line = '';
    const d = this.delim;
    for (let i = 0; i < this.keys.length; i++) {
      if (i > 0) line += d;
      const v = resolve(cell(row, this.keys[i]));
      if (v === null) continue;
      switch (this.types[i]) {
        case 'timestamp': line += typeof v === 'number' ? fmtTs(v, st.ts) : csvText(String(v), d); break;
        case 'date': line += typeof v === 'number' ? fmtDate(v, st.date) : csvText(String(v), d); break;
        case 'bool': line += typeof v === 'boolean' ? (v ? st.bool[0] : st.bool[1]) : String(v); break;
        case 'number': case 'int':
          line += typeof v === 'number' ? (this.thousands[i] && Math.abs(v) >= 1000 ? '"' + withThousands(v) + '"' : String(v)) : csvText(String(v), d);
          break;
        default: line += typeof v === 'string' ? csvText(v, d) : String(v);
      }
    }
    line += this.eol;
    this.rows++;
    this.push(line);
  }
  async close(): Promise<void> {
    for (const cells of this.opts.exported?.foot?.(this.rows) ?? []) this.push(this.line(cells));
    this.flush();
    fs.closeSync(this.fd);
  }
}

class XlsxWriter<K extends TableKey> implements TableWriter<K> {
  readonly file: string;
  rows = 0;
  private wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private ws: ExcelJS.Worksheet;
  private keys: string[];
  private types: ColumnType[];
  constructor(opts: WriterOptions, table: Table) {
    this.file = `${opts.dir}/${table.key}.xlsx`;
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: this.file, useStyles: true, useSharedStrings: false });
    // A fixed creation date keeps the file byte-identical for a seed.
    const fixed = new Date(Date.UTC(2021, 0, 1));
    this.wb.created = fixed;
    this.wb.modified = fixed;
    this.wb.creator = 'yanpan demo';
    this.ws = this.wb.addWorksheet(table.zh);
    this.keys = table.columns.map((c) => c.key);
    this.types = table.columns.map((c) => c.type);
    this.ws.columns = table.columns.map((c) => ({
      header: opts.english ? c.key : c.zh,
      key: c.key,
      width: c.type === 'timestamp' ? 20 : c.type === 'date' ? 12 : 16,
      style: c.type === 'timestamp' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
  }
  write(row: DemoRow<K>): void {
    const values = this.keys.map((k, i) => {
      const v = resolve(cell(row, k));
      if (v === null) return null;
      const t = this.types[i];
      if ((t === 'timestamp') && typeof v === 'number') return new Date(Math.round(v) * 1000);
      if (t === 'date' && typeof v === 'number') return new Date(v * DAY * 1000);
      if (t === 'bool' && typeof v === 'boolean') return v ? '是' : '否';
      return v;
    });
    this.ws.addRow(values).commit();
    this.rows++;
  }
  async close(): Promise<void> {
    this.ws.commit();
    await this.wb.commit();
    fixZipTimes(this.file);
  }
}

/** A writer for one table; it takes that table's rows only. */
export function openWriter<K extends TableKey>(opts: WriterOptions & { table: K }): TableWriter<K> {
  const table = TABLES[opts.table];
  return opts.format === 'xlsx' ? new XlsxWriter(opts, table) : new CsvWriter(opts, table);
}

/** Set every zip entry's DOS time stamp to 2021-01-01 00:00 so that the XLSX is byte-identical for a seed. */
function fixZipTimes(file: string): void {
  const b = fs.readFileSync(file);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return;
  const n = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const time = 0, date = ((2021 - 1980) << 9) | (1 << 5) | 1;
  for (let k = 0; k < n && b.readUInt32LE(p) === 0x02014b50; k++) {
    b.writeUInt16LE(time, p + 12);
    b.writeUInt16LE(date, p + 14);
    const local = b.readUInt32LE(p + 42);
    if (b.readUInt32LE(local) === 0x04034b50) { b.writeUInt16LE(time, local + 10); b.writeUInt16LE(date, local + 12); }
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  fs.writeFileSync(file, b);
}

// One file into one contract table, inside the caller's transaction: bulk read as text with DuckDB's
// CSV reader, validate and type in SQL, keep every refused row with its physical line, then replace
// records with the same key and insert. Nothing here commits; the import decides.
import { createHash } from 'node:crypto';
import { readFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Table } from '../contract/tables.ts';
import { REF_KEY } from '../contract/tables.ts';
import { ident, lit, type Store } from '../store/db.ts';
import { SQL_TYPE } from '../store/schema.ts';
import { matchHeader, type HeaderMatch } from './header.ts';
import { problemExpr, typedExpr } from './parse-sql.ts';
import { lineOfRecord, scanCsv, type Encoding, type Scan } from './scan.ts';
import { transcodeToUtf8 } from './transcode.ts';
import { xlsxToCsv } from './xlsx.ts';

export interface FileReport {
  readonly file: string;
  readonly table: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: Encoding | 'xlsx';
  readonly sha256: string;
  readonly rows: number;
  readonly loaded: number;
  readonly replaced: number;
  readonly rejected: number;
  readonly unknownColumns: readonly string[];
  readonly notes: readonly string[];
}

export type FileOutcome = { ok: true; report: FileReport } | { ok: false; file: string; message: string };

export interface LoadOptions {
  readonly importId: number;
  readonly tmpDir: string;
  readonly onProgress?: (fraction: number) => void;
}

const fail = (file: string, message: string): FileOutcome => ({ ok: false, file, message });

// Blanks trimmed from every value: spaces, tabs, line breaks, the ideographic space and the no-break space
// (DuckDB's one-argument trim leaves tabs).
const BLANKS = "E' \\t\\r\\n\u3000\u00a0'";

// YANPAN_PROFILE=1 prints the time of each step of a file's load, for the benchmark's profiling.
const profiling = Boolean(process.env.YANPAN_PROFILE);
let mark = performance.now();
let cpuMark = process.cpuUsage();
const step = (what: string): void => {
  if (!profiling) return;
  const now = performance.now();
  const cpu = process.cpuUsage(cpuMark);
  process.stderr.write(`  [profile] ${what}: ${((now - mark) / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)\n`);
  mark = now;
  cpuMark = process.cpuUsage();
};

export async function loadFile(store: Store, table: Table, path: string, fileName: string, opts: LoadOptions): Promise<FileOutcome> {
  const format = path.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  let sha256 = format === 'xlsx' ? await sha256Of(path) : '';
  let csvPath = path;
  let scan: Scan | null = null;
  let header: string[] | null;
  let encoding: Encoding | 'xlsx' = 'xlsx';

  step('start');
  if (format === 'xlsx') {
    csvPath = join(opts.tmpDir, `${table.key}.xlsx.csv`);
    let sheet;
    try {
      sheet = await xlsxToCsv(path, csvPath);
    } catch (err) {
      return fail(fileName, `无法读取 XLSX 文件：${(err as Error).message}`);
    }
    if (!sheet) return fail(fileName, '第一个工作表没有表头（第 1 行为空）');
    header = sheet.header;
  } else {
    scan = await scanCsv(path);
    sha256 = scan.sha256;
    encoding = scan.encoding;
    if (scan.encoding === 'gb18030') {
      csvPath = join(opts.tmpDir, `${table.key}.utf8.csv`);
      await transcodeToUtf8(path, csvPath);
    }
    step(`scan+transcode (${scan.encoding})`);
    header = await readHeader(csvPath);
    if (!header) return fail(fileName, '文件为空或没有表头');
  }

  const match = matchHeader(table, header);
  if (match.missingRequired.length) {
    return fail(fileName, `缺少必填列：${match.missingRequired.map((c) => `${c.zh}（${c.key}）`).join('、')}`);
  }
  if (!match.columns.some(Boolean)) return fail(fileName, '表头中没有任何可识别的列');

  const sfx = `${table.key}_${opts.importId}`;
  const chkT = ident(`checked_${sfx}`);
  const chk = ident(`checkedv_${sfx}`);
  const rej = ident(`csvrej_${sfx}`);
  const rejScan = ident(`csvrejscan_${sfx}`);
  const dupes = ident(`dupes_${sfx}`);
  const ordSegT = ident(`ordseg_${sfx}`);
  const lineSegT = ident(`lineseg_${sfx}`);
  const textCols = format === 'xlsx' ? ['__line', ...header.map((_, i) => `c${i}`)] : header.map((_, i) => `c${i}`);
  const columnsArg = `{${textCols.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`;

  // The file's columns that carry contract columns, as trimmed text (empty = NULL).
  const fileCols = match.columns
    .map((c, i) => (c ? { c, v: ident(`v_${c.key}`), src: `nullif(trim(${ident(`c${i}`)}, ${BLANKS}), '')` } : null))
    .filter((x): x is NonNullable<typeof x> => x !== null);
  const present = new Set(fileCols.map((x) => x.c.key));
  const typed = table.columns.map((c) => {
    const x = fileCols.find((y) => y.c.key === c.key);
    return x ? `${typedExpr(c, x.v)} AS ${ident(c.key)}` : `CAST(${c.emptyIsZero ? '0' : 'NULL'} AS ${SQL_TYPE[c.type]}) AS ${ident(c.key)}`;
  });
  // A row is loadable when every present column passes its checks; the reasons are worked out later for the
  // few rows that fail, from the text kept in __raw, so the common path evaluates each parse only once.
  const okTerms = fileCols.map(({ c, v }) => {
    const t = ident(c.key);
    const terms: string[] = [];
    if (c.required) terms.push(`${v} IS NOT NULL`);
    if (c.type !== 'text') terms.push(`(${v} IS NULL OR ${t} IS NOT NULL)`);
    if (c.values) terms.push(`(${v} IS NULL OR ${v} IN (${c.values.map(lit).join(', ')}))`);
    return terms.join(' AND ');
  }).filter(Boolean);
  const okExpr = okTerms.length ? okTerms.join(' AND ') : 'true';
  const rawStruct = `{${fileCols.map(({ c, v }) => `${lit(c.key)}: ${v}`).join(', ')}}`;

  const target = ident(table.key);
  const pkJoin = (a: string, b: string): string => table.primaryKey.map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`).join(' AND ');
  const csvSource = (rejName: string) => `read_csv(${lit(csvPath)}, header = true, auto_detect = false,
             columns = ${columnsArg}, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false,
             store_rejects = true, rejects_table = ${lit(`${rejName}_${sfx}`)}, rejects_scan = ${lit(`${rejName}scan_${sfx}`)})`;

  // Fast path for the usual clean export: read the keys alone first (cheap: the reader skips the other
  // columns' values), and when no key is missing or repeated, type, check and insert straight into the
  // table in one parallel pass — no staging copy. Any refused row sends the file down the careful path
  // below, after putting back exactly what was there: that path names every refused row's line and reason.
  if (format === 'csv') {
    const keys = ident(`keys_${sfx}`);
    const old = ident(`old_${sfx}`);
    const kRej = ident(`fkrej_${sfx}`);
    const kScan = ident(`fkrejscan_${sfx}`);
    const keyCols = table.primaryKey.map((k) => fileCols.find((x) => x.c.key === k)!);
    const dropFast = async () => { for (const t of [keys, old, kRej, kScan]) await store.run(`DROP TABLE IF EXISTS ${t}`); };
    await store.run(`CREATE TEMP TABLE ${keys} AS SELECT ${keyCols.map((x) => `${typedExpr(x.c, x.src)} AS ${ident(x.c.key)}`).join(', ')} FROM ${csvSource('fkrej')}`);
    const [k] = await store.all<{ n: number; nulls: number; distinct_keys: number; refused: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${keyCols.map((x) => `${ident(x.c.key)} IS NULL`).join(' OR ')}) AS nulls,
              (SELECT count(*) FROM (SELECT DISTINCT * FROM ${keys})) AS distinct_keys,
              (SELECT count(*) FROM ${kRej}) AS refused
       FROM ${keys}`);
    if (k.nulls === 0 && k.refused === 0 && k.distinct_keys === k.n) {
      await store.run(`CREATE TEMP TABLE ${old} AS SELECT t.* FROM ${target} t SEMI JOIN ${keys} s ON ${pkJoin('t', 's')}`);
      const [{ replaced }] = await store.all<{ replaced: number }>(`SELECT count(*) AS replaced FROM ${old}`);
      if (replaced > 0) await store.run(`DELETE FROM ${target} t USING ${keys} s WHERE ${pkJoin('t', 's')}`);
      await store.run('SET preserve_insertion_order = false');
      let inserted = 0;
      try {
        const res = await withProgress(store, opts.onProgress, store.all<{ Count: number }>(
          `INSERT INTO ${target} SELECT ${table.columns.map((c) => ident(c.key)).join(', ')} FROM (
             SELECT *, ${okExpr} AS __ok FROM (
               SELECT ${fileCols.map((x) => x.v).join(', ')}, ${typed.join(', ')}
               FROM (SELECT ${fileCols.map((x) => `${x.src} AS ${x.v}`).join(', ')} FROM ${csvSource('fast')})
             )
           ) WHERE __ok`));
        inserted = Number(res[0]?.Count ?? 0);
      } catch {
        inserted = -1;
      } finally {
        await store.run('SET preserve_insertion_order = true');
        for (const t of [ident(`fast_${sfx}`), ident(`fastscan_${sfx}`)]) await store.run(`DROP TABLE IF EXISTS ${t}`);
      }
      if (inserted === k.n) {
        step('fast read+validate+insert');
        const notes = [...headerNotes(match), ...(await referenceNotes(store, table, `(SELECT t.* FROM ${target} t SEMI JOIN ${keys} s ON ${pkJoin('t', 's')})`, present))];
        await dropFast();
        return {
          ok: true,
          report: {
            file: fileName, table: table.key, format, encoding, sha256, rows: k.n,
            loaded: k.n - replaced, replaced, rejected: 0, unknownColumns: match.unknown, notes,
          },
        };
      }
      // Some row was refused: undo this file's rows and take the careful path.
      await store.run(`DELETE FROM ${target} t USING ${keys} s WHERE ${pkJoin('t', 's')}`);
      if (replaced > 0) await store.run(`INSERT INTO ${target} SELECT * FROM ${old}`);
    }
    await dropFast();
    step('fast path declined');
  }

  // One pass, in parallel: DuckDB's CSV reader → trimmed text → typed values and the row's verdict. Only typed
  // values are kept, plus the text of bad rows. The record number is the row's place in the staging table:
  // with insertion order preserved (DuckDB's default) CREATE TABLE AS appends the reader's batches in file
  // order, so rowid − min(rowid) is the record's ordinal among the records the reader accepted. (A
  // row_number() OVER () here would be a streaming window, which runs the whole parse on one thread.)
  const reader = (seq: string) => `CREATE TEMP TABLE ${chkT} AS
       SELECT ${seq}__xline, __ok, CASE WHEN NOT __ok THEN ${rawStruct} END AS __raw, * EXCLUDE (${seq ? '__seq, ' : ''}__xline, __ok, ${fileCols.map((x) => x.v).join(', ')})
       FROM (
         SELECT *, ${okExpr} AS __ok FROM (
         SELECT ${seq}__xline, ${fileCols.map((x) => x.v).join(', ')}, ${typed.join(', ')}
         FROM (
           SELECT ${seq ? 'row_number() OVER () - 1 AS __seq, ' : ''}${format === 'xlsx' ? 'CAST(__line AS BIGINT)' : 'CAST(NULL AS BIGINT)'} AS __xline,
                  ${fileCols.map((x) => `${x.src} AS ${x.v}`).join(', ')}
           FROM ${csvSource('csvrej')}
         )
         )
       )`;
  try {
    await withProgress(store, opts.onProgress, store.run(reader('')));
    const [{ lo, hi, n }] = await store.all<{ lo: string | null; hi: string | null; n: number }>(
      `SELECT min(rowid)::VARCHAR AS lo, max(rowid)::VARCHAR AS hi, count(*) AS n FROM ${chkT}`);
    if (n === 0 || (lo !== null && hi !== null && BigInt(hi) - BigInt(lo) + 1n === BigInt(n))) {
      await store.run(`CREATE TEMP VIEW ${chk} AS SELECT rowid - ${lo ?? 0} AS __seq, * FROM ${chkT}`);
    } else {
      // Row ids not contiguous (never seen): number the records the slow, certain way.
      await store.run(`DROP TABLE ${chkT}`);
      for (const t of [rej, rejScan]) await store.run(`DROP TABLE IF EXISTS ${t}`);
      await withProgress(store, opts.onProgress, store.run(reader('__seq, ')));
      await store.run(`CREATE TEMP VIEW ${chk} AS SELECT * FROM ${chkT}`);
    }
  } catch (err) {
    return fail(fileName, `无法按 CSV 读取：${(err as Error).message.split('\n')[0]}`);
  }
  step('read+validate');

  // Where a record sits in the file (physical line), for the rejects only.
  const lineOf = await lineMapping(store, rej, ordSegT, lineSegT, scan);
  const meta = `${opts.importId}, ${lit(table.key)}, ${lit(fileName)}`;
  const badCases = fileCols
    .map(({ c }) => {
      const v = `r.__raw[${lit(c.key)}]`;
      const p = problemExpr(c, v, typedExpr(c, v));
      return p === 'NULL' ? '' : `WHEN (${p}) IS NOT NULL THEN {'col': ${lit(c.key)}, 'val': ${v}, 'why': (${p})}`;
    })
    .filter(Boolean);
  if (badCases.length) {
    await store.run(`INSERT INTO rejects
      SELECT ${meta}, ${lineOf.expr('r')}, bad.col, bad.val, bad.why
      FROM (SELECT r.*, CASE ${badCases.join(' ')} END AS bad FROM ${chk} r WHERE NOT r.__ok) r ${lineOf.joins('r')}`);
  }

  const pk = table.primaryKey.map(ident);
  await store.run(`CREATE TEMP TABLE ${dupes} AS
    SELECT ${pk.join(', ')}, min(__seq) AS __first, arg_min(__xline, __seq) AS __firstx, count(*) AS __n FROM ${chk} WHERE __ok
    GROUP BY ${pk.join(', ')} HAVING count(*) > 1`);
  const [{ nd, extra }] = await store.all<{ nd: number; extra: number | null }>(`SELECT count(*) AS nd, sum(__n - 1) AS extra FROM ${dupes}`);
  if (nd > 0) {
    await store.run(`INSERT INTO rejects
      SELECT ${meta}, ${lineOf.expr('r')}, ${lit(table.primaryKey[0])}, ${table.primaryKey.map((k) => `r.${ident(k)}`).join(` || '/' || `)},
             '主键重复：与第 ' || r.__firstline || ' 行相同，只载入首次出现的行'
      FROM (SELECT c.*, d.__first, ${scan ? lineOf.exprOfSeq('d.__first') : 'd.__firstx'} AS __firstline
            FROM ${chk} c JOIN ${dupes} d ON ${pkJoin('c', 'd')} WHERE c.__ok AND c.__seq > d.__first) r
      ${lineOf.joins('r')}`);
  }
  // Rows DuckDB's reader itself refused (wrong number of fields, broken quoting).
  const csvRejects = await store.all<{ line: number; col: string | null; val: string | null; why: string }>(
    // One entry per refused record (the reader may report several errors for one); a line of blanks only holds no data.
    `SELECT line, arg_min(column_name, column_idx) AS col, any_value(csv_line) AS val,
            arg_min(error_type || ': ' || error_message, column_idx) AS why
     FROM ${rej} WHERE trim(csv_line, ' \t\r\n') <> '' GROUP BY line ORDER BY line`);
  for (const r of csvRejects) {
    const line = format === 'xlsx' || !scan ? r.line : lineOfRecord(scan, r.line);
    await store.run('INSERT INTO rejects VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      opts.importId, table.key, fileName, line, r.col && /^c\d+$/.test(r.col) ? (match.columns[Number(r.col.slice(1))]?.key ?? r.col) : r.col,
      r.val, `字段数不符或引号不匹配（${r.why}）`]);
  }
  step('rejects+dupes');

  const good = nd > 0
    ? `(SELECT c.* FROM ${chk} c WHERE c.__ok AND NOT EXISTS (SELECT 1 FROM ${dupes} d WHERE ${pkJoin('c', 'd')} AND c.__seq > d.__first))`
    : `(SELECT * FROM ${chk} WHERE __ok)`;
  const [{ n: replaced }] = await store.all<{ n: number }>(
    `SELECT count(*) AS n FROM ${good} s WHERE EXISTS (SELECT 1 FROM ${target} t WHERE ${pkJoin('t', 's')})`);
  if (replaced > 0) await store.run(`DELETE FROM ${target} t USING ${good} s WHERE ${pkJoin('t', 's')}`);
  // The table's row order means nothing (records are found by key), so let DuckDB write it in parallel.
  await store.run('SET preserve_insertion_order = false');
  try {
    await store.run(`INSERT INTO ${target} SELECT ${table.columns.map((c) => ident(c.key)).join(', ')} FROM ${good} g`);
  } finally {
    await store.run('SET preserve_insertion_order = true');
  }
  step('replace+insert');

  const [{ total, ok }] = await store.all<{ total: number; ok: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE __ok) - ${extra ?? 0} AS ok FROM ${chk}`);
  const rejected = total - ok + csvRejects.length;
  const notes = [...headerNotes(match), ...(await referenceNotes(store, table, good, present))];
  step('notes');

  await store.run(`DROP VIEW IF EXISTS ${chk}`);
  for (const t of [chkT, dupes, rej, rejScan, ordSegT, lineSegT]) await store.run(`DROP TABLE IF EXISTS ${t}`);
  return {
    ok: true,
    report: {
      file: fileName, table: table.key, format, encoding, sha256, rows: total + csvRejects.length,
      loaded: ok - replaced, replaced, rejected, unknownColumns: match.unknown, notes,
    },
  };
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** The first record of a UTF-8 CSV file, parsed per RFC 4180. */
async function readHeader(path: string): Promise<string[] | null> {
  const fh = await open(path, 'r');
  try {
    let size = 1 << 16;
    for (;;) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      const text = buf.subarray(0, bytesRead).toString('utf8');
      const records = parse(text, { bom: true, to: 1, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as string[][];
      const complete = bytesRead < size || /\r?\n/.test(text.slice(0, text.length - 1));
      if (records.length && complete) return records[0].every((h) => h.trim() === '') ? null : records[0];
      if (bytesRead < size) return null;
      size *= 4;
    }
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

interface LineOf {
  /** The physical line of row alias `a` (needs joins(a) in the FROM clause). */
  expr(a: string): string;
  joins(a: string): string;
  /** The physical line of a record number expression, as a scalar subquery. */
  exprOfSeq(seq: string): string;
}

// Record __seq (0-based, in file order) is record ordinal __seq + 2 (header = 1) until DuckDB's reader refuses a
// record; each refusal pushes later rows one ordinal further. A quoted newline pushes later records one line
// further (from the scan). XLSX rows carry their sheet row number instead.
async function lineMapping(store: Store, rej: string, ordSegT: string, lineSegT: string, scan: Scan | null): Promise<LineOf> {
  if (!scan) {
    return { expr: (a) => `${a}.__xline`, joins: () => '', exprOfSeq: () => 'NULL' };
  }
  // Records that produced no row: refused by the reader, or empty lines it skipped.
  const refusedByReader = (await store.all<{ line: number }>(`SELECT DISTINCT line FROM ${rej} ORDER BY line`)).map((r) => r.line);
  const refused = [...new Set([...refusedByReader, ...scan.blankOrdinals])].sort((a, b) => a - b);
  const ordSeg: [number, number][] = [[0, 2]];
  refused.forEach((ordinal, i) => {
    const k = i + 1;
    const start = ordinal - 1 - k;
    const last = ordSeg[ordSeg.length - 1];
    if (last[0] === start) last[1] = 2 + k;
    else ordSeg.push([start, 2 + k]);
  });
  const lineSeg: [number, number][] = [[0, 0], ...scan.lineShifts.map(([o, line]) => [o, line - o] as [number, number])];
  await segTable(store, ordSegT, ordSeg);
  await segTable(store, lineSegT, lineSeg);
  const ordOf = (seq: string) => `(${seq} + (SELECT v FROM ${ordSegT} WHERE k <= ${seq} ORDER BY k DESC LIMIT 1))`;
  return {
    expr: (a) => `${a}.__seq + ${a}__os.v + ${a}__ls.v`,
    joins: (a) => `ASOF JOIN ${ordSegT} ${a}__os ON ${a}.__seq >= ${a}__os.k ASOF JOIN ${lineSegT} ${a}__ls ON ${a}.__seq + ${a}__os.v >= ${a}__ls.k`,
    exprOfSeq: (seq) => `(${ordOf(seq)} + (SELECT v FROM ${lineSegT} WHERE k <= ${ordOf(seq)} ORDER BY k DESC LIMIT 1))`,
  };
}

/** Report DuckDB's progress on a long statement while it runs. */
async function withProgress<T>(store: Store, onProgress: ((f: number) => void) | undefined, work: Promise<T>): Promise<T> {
  if (!onProgress) return work;
  const timer = setInterval(() => {
    const p = store.conn.progress;
    if (p.percentage >= 0) onProgress(p.percentage / 100);
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

async function segTable(store: Store, name: string, seg: [number, number][]): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE ${name} (k BIGINT, v BIGINT)`);
  for (let i = 0; i < seg.length; i += 500) {
    const part = seg.slice(i, i + 500);
    await store.run(`INSERT INTO ${name} VALUES ${part.map(([k, v]) => `(${k}, ${v})`).join(', ')}`);
  }
}

function headerNotes(match: HeaderMatch): string[] {
  const notes: string[] = [];
  if (match.unknown.length) notes.push(`忽略未定义的列：${match.unknown.join('、')}`);
  if (match.repeated.length) notes.push(`重复的列只取第一列：${match.repeated.join('、')}`);
  return notes;
}

// References to other tables are not rejects (the other table may come in a later export): count them.
async function referenceNotes(store: Store, table: Table, staged: string, present: Set<string>): Promise<string[]> {
  const notes: string[] = [];
  for (const c of table.columns) {
    if (!c.ref || !present.has(c.key)) continue;
    const [{ have }] = await store.all<{ have: number }>(`SELECT count(*) AS have FROM ${ident(c.ref)}`);
    if (!have) continue;
    const [{ n, ex }] = await store.all<{ n: number; ex: string | null }>(
      `SELECT count(DISTINCT s.${ident(c.key)}) AS n, min(s.${ident(c.key)}) AS ex FROM ${staged} s
       WHERE s.${ident(c.key)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ident(c.ref)} x WHERE x.${ident(REF_KEY[c.ref])} = s.${ident(c.key)})`);
    if (n > 0) notes.push(`${c.zh}（${c.key}）有 ${n} 个值在 ${c.ref} 中不存在，例如 ${ex}`);
  }
  return notes;
}

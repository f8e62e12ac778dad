// The SQL of one file's load, built from the contract table and the file's header alone: no database,
// no I/O, so every statement can be read and tested on its own. load-file.ts runs them in order.
import { SQL_TYPE, type Column, type ColumnType, type Table } from '../contract/tables.ts';
import { ident, lit } from '../store/db.ts';
import type { HeaderMatch } from './header.ts';
import { problemExpr, typedExpr } from './parse-sql.ts';
import { LONG_RECORD, MAX_LINE_BYTES } from './transcode.ts';

// Blanks trimmed from every value: spaces, tabs, line breaks, the ideographic space and the no-break space
// (DuckDB's one-argument trim leaves tabs).
const BLANK_CHARS = [' ', '\t', '\r', '\n', '\u3000', '\u00a0'];
/** A DuckDB escape-string literal of `s`. */
const escaped = (s: string): string => `E'${s.replace(/[\\']/g, '\\$&').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
export const BLANKS = escaped(BLANK_CHARS.join(''));

const ASCII_BLANKS = BLANK_CHARS.filter((b) => b <= ' ');
const WIDE_BLANKS = BLANK_CHARS.filter((b) => b > '~');
if (ASCII_BLANKS.length + WIDE_BLANKS.length !== BLANK_CHARS.length) throw new Error('BLANK_CHARS: a blank neither below "!" nor beyond ASCII');

/**
 * The trimmed text of a file column, NULL when empty. trim() with a set of characters copies every value, and
 * most values have no blank at either end: testing the ends first took a fifth of the CPU of loading the
 * violations, and the result is the same, since a value that neither begins nor ends with a blank is its own trim.
 * The beginning is tested by comparison, which DuckDB makes on the bytes (their first four are kept inline with
 * each string, so this costs next to nothing; starts_with() was a function call per value and blank): every
 * ASCII blank is a first byte below '!' (the few control characters this also takes only take the trim branch,
 * which leaves them), and a value begins with a wider blank exactly when it sorts from that blank up to the
 * character after it. The end has no such test: ends_with() per blank (a UTF-8 string ending in the bytes of
 * U+3000 or U+00A0 ends in that character).
 */
export function trimmedText(column: string): string {
  const next = (b: string): string => String.fromCodePoint((b.codePointAt(0) ?? 0) + 1);
  const edge = [
    `${column} < '!'`,
    ...WIDE_BLANKS.map((b) => `(${column} >= ${escaped(b)} AND ${column} < ${escaped(next(b))})`),
    ...BLANK_CHARS.map((b) => `ends_with(${column}, ${escaped(b)})`),
  ].join(' OR ');
  return `CASE WHEN ${edge} THEN nullif(trim(${column}, ${BLANKS}), '') ELSE nullif(${column}, '') END`;
}

export interface LoadSqlInput {
  readonly table: Table;
  readonly match: HeaderMatch;
  readonly header: readonly string[];
  readonly format: 'csv' | 'xlsx';
  readonly csvPath: string;
  readonly importId: number;
  readonly fileName: string;
  /** A value of each file column from the file's first records (samples.ts), to parse dates in their own format first. */
  readonly samples?: readonly (string | null)[];
  /** The field delimiter: a comma, or a tab (tab-separated text). */
  readonly delimiter?: ',' | '\t';
}

/** Where a staged row sits in its file, as SQL over row alias `a` (see record-lines.ts). */
export interface LineOfSql {
  expr(a: string): string;
  joins(a: string): string;
  exprOfSeq(seq: string): string;
}

// The one-pass load into an empty table (onePassRows) keeps a refused row as a row whose key columns hold this
// value, which no trimmed export value equals (it begins with a NUL character), and whose required columns
// hold a placeholder of their type: the table's NOT NULL constraints hold, and the rows are found and undone.
const REFUSED_KEY = `chr(0) || 'yanpan:refused'`;
const PLACEHOLDER: Record<ColumnType, string> = {
  text: "''", int: '0', number: '0', date: "DATE '1970-01-01'", timestamp: "TIMESTAMP '1970-01-01 00:00:00'", bool: 'false',
};

/** A file column that carries a contract column: its trimmed text `v` (empty = NULL) read from `src`. */
interface FileCol { readonly c: Column; readonly v: string; readonly src: string; readonly sample: string | null }

/** The temporary tables and views of one file's load, suffixed with its table and import so that loads never meet. */
function tempNames(tableKey: string, importId: number) {
  const sfx = `${tableKey}_${importId}`;
  const name = (what: string): string => ident(`${what}_${sfx}`);
  return {
    sfx,
    names: {
      checkedTable: name('checked'), checked: name('checkedv'), readerRejects: name('csvrej'), readerRejectsScan: name('csvrejscan'),
      dupes: name('dupes'), ordinalSegments: name('ordseg'), lineSegments: name('lineseg'),
      keys: name('keys'), old: name('old'), keysRejects: name('fkrej'), keysRejectsScan: name('fkrejscan'),
      fastRejects: name('fast'), fastRejectsScan: name('fastscan'),
    },
  };
}

/**
 * DuckDB's reader over the file, every column as text (an XLSX's CSV copy leads with its sheet line, __line),
 * keeping what it refuses in `rejName`'s tables.
 */
function csvReader(input: LoadSqlInput, sfx: string): (rejName: string) => string {
  const { format, header, csvPath, delimiter = ',' } = input;
  const textCols = format === 'xlsx' ? ['__line', ...header.map((_, i) => `c${i}`)] : header.map((_, i) => `c${i}`);
  const columnsArg = `{${textCols.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`;
  return (rejName) => `read_csv(${lit(csvPath)}, header = true, auto_detect = false,
             columns = ${columnsArg}, delim = ${delimiter === '\t' ? "E'\\t'" : "','"}, quote = '"', escape = '"', strict_mode = true, null_padding = false,
             store_rejects = true, rejects_table = ${lit(`${rejName}_${sfx}`)}, rejects_scan = ${lit(`${rejName}scan_${sfx}`)})`;
}

/** The file columns the header matched to contract columns, each with its trimmed text and a sample value. */
function fileColumns(match: HeaderMatch, samples: readonly (string | null)[]): FileCol[] {
  return match.columns
    .map((c, i) => (c ? { c, v: ident(`v_${c.key}`), src: trimmedText(ident(`c${i}`)), sample: samples[i] ?? null } : null))
    .filter((x): x is FileCol => x !== null);
}

/** Every contract column typed from its file column's text; a column the file lacks is NULL (or 0 where empty means zero). */
function typedColumns(table: Table, fileCols: readonly FileCol[]): string[] {
  return table.columns.map((c) => {
    const x = fileCols.find((y) => y.c.key === c.key);
    return x ? `${typedExpr(c, x.v, x.sample)} AS ${ident(c.key)}` : `CAST(${c.emptyIsZero ? '0' : 'NULL'} AS ${SQL_TYPE[c.type]}) AS ${ident(c.key)}`;
  });
}

/**
 * Whether a row is loadable: every present column passes its checks. The reasons are worked out later for the
 * few rows that fail, from the text kept in __raw, so the common path evaluates each parse only once.
 */
function okExpression(fileCols: readonly FileCol[]): string {
  const okTerms = fileCols.map(({ c, v }) => {
    const t = ident(c.key);
    const terms: string[] = [];
    if (c.required) terms.push(`${v} IS NOT NULL`);
    if (c.type !== 'text') terms.push(`(${v} IS NULL OR ${t} IS NOT NULL)`);
    if (c.values) terms.push(`(${v} IS NULL OR ${v} IN (${c.values.map(lit).join(', ')}))`);
    return terms.join(' AND ');
  }).filter(Boolean);
  return okTerms.length ? okTerms.join(' AND ') : 'true';
}

/** The key columns in the file. Key columns are required: the caller refuses a file without them before building its SQL. */
function keyColumns(table: Table, fileCols: readonly FileCol[]): FileCol[] {
  return table.primaryKey.map((k) => {
    const col = fileCols.find((x) => x.c.key === k);
    if (!col) throw new Error(`loadSql: ${table.key} 的表头缺少主键列 ${k}`);
    return col;
  });
}

/** The one pass's columns: a refused row keeps REFUSED_KEY in its key columns and placeholders in its required ones. */
function onePassColumns(table: Table): string[] {
  const isKey = new Set(table.primaryKey);
  return table.columns.map((c) => {
    const col = ident(c.key);
    if (isKey.has(c.key)) return `CASE WHEN __ok THEN ${col} ELSE ${REFUSED_KEY} END AS ${col}`;
    return c.required ? `CASE WHEN __ok THEN ${col} ELSE ${PLACEHOLDER[c.type]} END AS ${col}` : col;
  });
}

/** For a refused row (alias r), one CASE branch per column that can fail: the column, its text and why. */
function badValueCases(fileCols: readonly FileCol[]): string[] {
  return fileCols
    .map(({ c, sample }) => {
      const v = `r.__raw[${lit(c.key)}]`;
      const p = problemExpr(c, v, typedExpr(c, v, sample));
      return p === 'NULL' ? '' : `WHEN (${p}) IS NOT NULL THEN {'col': ${lit(c.key)}, 'val': ${v}, 'why': (${p})}`;
    })
    .filter(Boolean);
}

/** What the three paths' statements are built from. */
interface LoadParts {
  readonly input: LoadSqlInput;
  readonly names: ReturnType<typeof tempNames>['names'];
  readonly fileCols: readonly FileCol[];
  readonly keyCols: readonly FileCol[];
  readonly csvSource: (rejName: string) => string;
  readonly typed: readonly string[];
  readonly okExpr: string;
  /** The file's text columns under their v_ names, and the list of those names. */
  readonly texts: string;
  readonly values: string;
  readonly target: string;
  readonly pk: readonly string[];
  readonly pkJoin: (a: string, b: string) => string;
}

function loadParts(input: LoadSqlInput): LoadParts {
  const { table, match, importId, samples = [] } = input;
  const { sfx, names } = tempNames(table.key, importId);
  const fileCols = fileColumns(match, samples);
  return {
    input,
    names,
    fileCols,
    keyCols: keyColumns(table, fileCols),
    csvSource: csvReader(input, sfx),
    typed: typedColumns(table, fileCols),
    okExpr: okExpression(fileCols),
    texts: fileCols.map((x) => `${x.src} AS ${x.v}`).join(', '),
    values: fileCols.map((x) => x.v).join(', '),
    target: ident(table.key),
    pk: table.primaryKey.map(ident),
    pkJoin: (a, b) => table.primaryKey.map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`).join(' AND '),
  };
}

/** The fast path: keys first, then one typed, checked insert. */
function fastPathSql(p: LoadParts) {
  const { names, keyCols, csvSource, values, typed, texts, okExpr, target, pkJoin } = p;
  return {
    /** The file's keys alone, typed (the reader skips the other columns' values). */
    keysTable: `CREATE TEMP TABLE ${names.keys} AS SELECT ${keyCols.map((x) => `${typedExpr(x.c, x.src, x.sample)} AS ${ident(x.c.key)}`).join(', ')} FROM ${csvSource('fkrej')}`,
    /** Rows, missing keys, distinct keys and reader refusals of the keys pass: the fast path needs 0, n, 0. */
    keysStats: `SELECT count(*) AS n, count(*) FILTER (WHERE ${keyCols.map((x) => `${ident(x.c.key)} IS NULL`).join(' OR ')}) AS nulls,
              (SELECT count(*) FROM (SELECT DISTINCT * FROM ${names.keys})) AS distinct_keys,
              (SELECT count(*) FROM ${names.keysRejects}) AS refused
       FROM ${names.keys}`,
    /** The file's loadable rows, typed and checked in one parallel pass. */
    fastRows: `(SELECT * FROM (
             SELECT *, ${okExpr} AS __ok FROM (
               SELECT ${values}, ${typed.join(', ')}
               FROM (SELECT ${texts} FROM ${csvSource('fast')})
             )
           ) WHERE __ok)`,
    /** The rows of the target table this file brought (for the reference notes of the fast path). */
    loadedRows: `(SELECT t.* FROM ${target} t SEMI JOIN ${names.keys} s ON ${pkJoin('t', 's')})`,
  };
}

/** One pass, into a table that was empty: insert every row, then check (see load-file.ts). */
function onePassSql(p: LoadParts) {
  const { input: { table }, names, keyCols, csvSource, values, typed, texts, okExpr, target, pk } = p;
  return {
    /** Whether the one pass can mark a refused row by its key (every key column is text). */
    onePassPossible: keyCols.every((x) => x.c.type === 'text'),
    /** Every row of the file, typed and checked; a refused row marked by REFUSED_KEY in its key columns. */
    onePassRows: `(SELECT ${onePassColumns(table).join(', ')} FROM (
             SELECT *, ${okExpr} AS __ok FROM (
               SELECT ${values}, ${typed.join(', ')}
               FROM (SELECT ${texts} FROM ${csvSource('fast')})
             )
           ))`,
    /** Over the table (holding this file's rows alone): rows, refused rows, distinct keys, and the reader's refusals. */
    onePassStats: `SELECT count(*) AS n, count(*) FILTER (WHERE ${ident(table.primaryKey[0])} = ${REFUSED_KEY}) AS refused_rows,
              (SELECT count(*) FROM (SELECT DISTINCT ${pk.join(', ')} FROM ${target})) AS distinct_keys,
              (SELECT count(*) FROM ${names.fastRejects}) AS refused
       FROM ${target}`,
  };
}

/** The careful path, staging: every row with its verdict, numbered by its place in the file. */
function stagingSql(p: LoadParts) {
  const { input: { format }, names, fileCols, csvSource, values, typed, texts, okExpr } = p;
  const rawStruct = `{${fileCols.map(({ c, v }) => `${lit(c.key)}: ${v}`).join(', ')}}`;
  return {
    /**
     * One pass, in parallel: DuckDB's CSV reader → trimmed text → typed values and the row's verdict. Only typed
     * values are kept, plus the text of bad rows. Unnumbered, the record number is the row's place in the
     * staging table (see stagingView); `numbered` adds a row_number() instead, the slow, certain way.
     */
    staging(numbered: boolean): string {
      const seq = numbered ? '__seq, ' : '';
      return `CREATE TEMP TABLE ${names.checkedTable} AS
       SELECT ${seq}__xline, __ok, CASE WHEN NOT __ok THEN ${rawStruct} END AS __raw, * EXCLUDE (${seq}__xline, __ok, ${values})
       FROM (
         SELECT *, ${okExpr} AS __ok FROM (
         SELECT ${seq}__xline, ${values}, ${typed.join(', ')}
         FROM (
           SELECT ${numbered ? 'row_number() OVER () - 1 AS __seq, ' : ''}${format === 'xlsx' ? 'CAST(__line AS BIGINT)' : 'CAST(NULL AS BIGINT)'} AS __xline,
                  ${texts}
           FROM ${csvSource('csvrej')}
         )
         )
       )`;
    },
    stagingRowids: `SELECT min(rowid)::VARCHAR AS lo, max(rowid)::VARCHAR AS hi, count(*) AS n FROM ${names.checkedTable}`,
    /**
     * With insertion order preserved (DuckDB's default) CREATE TABLE AS appends the reader's batches in file order,
     * so rowid − min(rowid) is the record's ordinal among the records the reader accepted. (A row_number() OVER ()
     * in staging() would be a streaming window, which runs the whole parse on one thread.)
     */
    stagingView(lowestRowid: string | null, numbered: boolean): string {
      return numbered
        ? `CREATE TEMP VIEW ${names.checked} AS SELECT * FROM ${names.checkedTable}`
        : `CREATE TEMP VIEW ${names.checked} AS SELECT rowid - ${lowestRowid ?? 0} AS __seq, * FROM ${names.checkedTable}`;
    },
  };
}

/** The careful path, after staging: the rejects (values, duplicate keys, the reader's), the rows to load, the totals. */
function rejectsSql(p: LoadParts) {
  const { input: { table, importId, fileName }, names, fileCols, pk, pkJoin } = p;
  const meta = `${importId}, ${lit(table.key)}, ${lit(fileName)}`;
  const badCases = badValueCases(fileCols);
  return {
    /** The rejects of values that fail their column's checks, with the first failing column of each row; null when no column can fail. */
    valueRejects(lineOf: LineOfSql): string | null {
      if (!badCases.length) return null;
      return `INSERT INTO rejects
      SELECT ${meta}, ${lineOf.expr('r')}, bad.col, bad.val, bad.why
      FROM (SELECT r.*, CASE ${badCases.join(' ')} END AS bad FROM ${names.checked} r WHERE NOT r.__ok) r ${lineOf.joins('r')}`;
    },
    dupesTable: `CREATE TEMP TABLE ${names.dupes} AS
    SELECT ${pk.join(', ')}, min(__seq) AS __first, arg_min(__xline, __seq) AS __firstx, count(*) AS __n FROM ${names.checked} WHERE __ok
    GROUP BY ${pk.join(', ')} HAVING count(*) > 1`,
    dupesStats: `SELECT count(*) AS nd, sum(__n - 1) AS extra FROM ${names.dupes}`,
    /** Every later occurrence of a key is a reject naming the line of the first. */
    dupeRejects(lineOf: LineOfSql, scanned: boolean): string {
      return `INSERT INTO rejects
      SELECT ${meta}, ${lineOf.expr('r')}, ${lit(table.primaryKey[0])}, ${table.primaryKey.map((k) => `r.${ident(k)}`).join(` || '/' || `)},
             '主键重复：与第 ' || r.__firstline || ' 行相同，只载入首次出现的行'
      FROM (SELECT c.*, d.__first, ${scanned ? lineOf.exprOfSeq('d.__first') : 'd.__firstx'} AS __firstline
            FROM ${names.checked} c JOIN ${names.dupes} d ON ${pkJoin('c', 'd')} WHERE c.__ok AND c.__seq > d.__first) r
      ${lineOf.joins('r')}`;
    },
    /** Rows DuckDB's reader itself refused, one entry per record (it may report several errors for one); a line of blanks holds no data. */
    // An error of the whole line (too long) has no column index: it counts only when the record has no other.
    // The reader's csv_line may begin with the line break before it: trimmed.
    readerRejects: `SELECT line, arg_min(column_name, coalesce(column_idx, 2147483647)) AS col, trim(any_value(csv_line), E'\r\n') AS val,
            arg_min(error_type, coalesce(column_idx, 2147483647)) AS type,
            arg_min(error_type || ': ' || coalesce(error_message, ''), coalesce(column_idx, 2147483647)) AS why
     FROM ${names.readerRejects} WHERE trim(csv_line, ' \t\r\n') <> '' GROUP BY line ORDER BY line`,
    readerRejectLines: `SELECT DISTINCT line FROM ${names.readerRejects} ORDER BY line`,
    /** The rows to load: checked, first occurrence of their key. */
    good(hasDupes: boolean): string {
      return hasDupes
        ? `(SELECT c.* FROM ${names.checked} c WHERE c.__ok AND NOT EXISTS (SELECT 1 FROM ${names.dupes} d WHERE ${pkJoin('c', 'd')} AND c.__seq > d.__first))`
        : `(SELECT * FROM ${names.checked} WHERE __ok)`;
    },
    totals(extraDupes: number): string {
      return `SELECT count(*) AS total, count(*) FILTER (WHERE __ok) - ${extraDupes} AS ok FROM ${names.checked}`;
    },
  };
}

/** Temporary tables of the fast path, then of the careful path, to drop when done. */
function tempsToDrop(names: LoadParts['names']) {
  return {
    fastTemps: [names.keys, names.old, names.keysRejects, names.keysRejectsScan],
    fastReaderTemps: [names.fastRejects, names.fastRejectsScan],
    carefulTemps: [names.checkedTable, names.dupes, names.readerRejects, names.readerRejectsScan, names.ordinalSegments, names.lineSegments],
  };
}

/** Every statement of one file's load: the fast path, the one pass into an empty table, and the careful path. */
export function loadSql(input: LoadSqlInput) {
  const p = loadParts(input);
  return {
    names: p.names,
    present: new Set(p.fileCols.map((x) => x.c.key)),
    target: p.target,
    pkJoin: p.pkJoin,
    tableColumns: input.table.columns.map((c) => ident(c.key)).join(', '),
    ...fastPathSql(p),
    ...onePassSql(p),
    ...stagingSql(p),
    ...rejectsSql(p),
    ...tempsToDrop(p.names),
  };
}

export type LoadSql = ReturnType<typeof loadSql>;

/** Longest value kept with a reject of a line that is too long. */
const LONG_LINE_SHOWN = 200;

/** The reason (and value shown) for a record DuckDB's reader refused, by the reader's error type. */
export function readerRejectReason(r: { type: string; why: string; val: string | null }, encoding: string, longRecords: string[]): { reason: string; value: string | null } {
  if (r.val?.startsWith(`"${LONG_RECORD}`)) {
    return { reason: `行过长（超过 ${MAX_LINE_BYTES.toLocaleString('en')} 字节）`, value: `${longRecords.shift() ?? ''}…` };
  }
  switch (r.type) {
    case 'INVALID ENCODING':
    case 'INVALID UNICODE':
      return { reason: `编码无效（含有不是 ${encoding === 'xlsx' ? 'UTF-8' : encoding.toUpperCase()} 的字节）`, value: r.val };
    case 'LINE SIZE OVER MAXIMUM':
      return {
        reason: `行过长（超过 ${MAX_LINE_BYTES.toLocaleString('en')} 字节）`,
        value: r.val && r.val.length > LONG_LINE_SHOWN ? `${r.val.slice(0, LONG_LINE_SHOWN)}…` : r.val,
      };
    default:
      return { reason: readerErrorZh(r.type, r.why), value: r.val };
  }
}

/**
 * DuckDB's reader names a refused record's fault in English ("TOO MANY COLUMNS", "Expected Number of
 * Columns: 6 Found: 7"); the person who exported the file reads Chinese, with the counts kept.
 */
export function readerErrorZh(type: string, why: string): string {
  const counts = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(why);
  const expectFound = counts ? `应为 ${counts[1]} 个字段，实际 ${counts[2]} 个` : '';
  switch (type) {
    case 'TOO MANY COLUMNS':
      return `字段过多${expectFound ? `（${expectFound}）` : ''}：可能是值中含有未加引号的分隔符`;
    case 'MISSING COLUMNS':
      return `字段过少${expectFound ? `（${expectFound}）` : ''}：可能是行被截断或值中含有换行`;
    case 'UNQUOTED VALUE':
      return '引号不匹配：引号内的值后面紧跟了其他字符';
    case 'CAST':
      return '值与列的类型不符';
    default:
      return expectFound ? `字段数不符（${expectFound}）` : '字段数不符或引号不匹配';
  }
}

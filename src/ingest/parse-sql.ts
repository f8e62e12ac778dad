// How each contract type is read from text, as SQL over the all-text staging table. Derived from the
// column declarations: the same function gives the typed value and the reason a value is refused.
import type { Column } from '../contract/tables.ts';
import { lit } from '../store/db.ts';

const TIMESTAMP_FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f'];
// The last form is how an Excel date cell reaches us (xlsx.ts writes every date cell with its time).
const DATE_FORMATS = ['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y-%m-%d %H:%M:%S'];
const TRUE_WORDS = ['是', 'y', '1', 'true'];
const FALSE_WORDS = ['否', 'n', '0', 'false'];

const list = (vs: readonly string[]): string => `(${vs.map(lit).join(', ')})`;

// An Excel serial day number (days since 1899-12-30), as some exports write dates into CSV too.
const excelSerial = (v: string): string =>
  `CASE WHEN regexp_full_match(${v}, '[1-9][0-9]{4}(\\.[0-9]+)?') THEN TIMESTAMP '1899-12-30 00:00:00' + to_microseconds(round(try_cast(${v} AS DOUBLE) * 86400) :: BIGINT * 1000000) END`;

// A decimal number as the exports write it: digits, a decimal point, an exponent; a thousands separator only
// between groups of three ("12,345.5"). DuckDB's cast alone would also take "inf", "NaN" and "1e309" (infinity),
// and stripping every comma would read "1,2,3" as 123 and "1.234,56" as 1.23456.
const DECIMAL = '[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?';
const decimalExpr = (v: string): string =>
  `CASE WHEN regexp_full_match(${v}, '${DECIMAL}') THEN CASE WHEN isfinite(try_cast(replace(${v}, ',', '') AS DOUBLE)) THEN try_cast(replace(${v}, ',', '') AS DOUBLE) END END`;

// What a strptime format looks like as a pattern, to tell which format a sample value is written in.
const FORMAT_PATTERN = new Map([...TIMESTAMP_FORMATS, ...DATE_FORMATS].map((f) => [f, new RegExp(`^${f
  .replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  .replace(/%Y/g, '\\d{4}').replace(/%[mdHMS]/g, '\\d{1,2}').replace(/%f/g, '\\d{1,6}')}$`)]));

/**
 * The formats to try for a date or time-stamp column, the one `sample` (a value of the same column in the same
 * file) is written in first. An export writes a column in one format, so nearly every value is parsed once. The
 * order never changes a result: no text matches two of these formats.
 */
export function formatsFor(type: 'date' | 'timestamp', sample?: string | null): readonly string[] {
  const all = type === 'date' ? DATE_FORMATS : TIMESTAMP_FORMATS;
  const first = sample ? all.find((f) => FORMAT_PATTERN.get(f)?.test(sample.trim())) : undefined;
  return first ? [first, ...all.filter((f) => f !== first)] : all;
}

// One try_strptime per format, in order; COALESCE evaluates a format only for the rows the earlier ones left
// NULL. Each value and each format get a sentinel character appended: DuckDB's strptime (1.5.6) reads one byte
// past the end of a value that ends where the format still expects a literal (e.g. '2021-01-01 03:41' against
// '%Y-%m-%d %H:%M:%S'), which crashed the import (SIGSEGV) when the value was the last bytes before an unmapped
// page. With the sentinel the parser meets '|' there instead and fails cleanly. docs/DUCKDB-CRASH.md has the
// details. (Side effect, wanted: 'infinity'/'epoch', which strptime took as 1900-01-01, no longer parse.)
const SENTINEL = '|';
const strptimes = (v: string, formats: readonly string[], cast = ''): string[] =>
  formats.map((f) => {
    const p = `try_strptime(${v} || ${lit(SENTINEL)}, ${lit(f + SENTINEL)})`;
    return cast ? `CAST(${p} AS ${cast})` : p;
  });

/**
 * The SQL expression giving the typed value of column `c` read from text expression `v` (NULL when unparsable or
 * empty). `sample` is a value of the column from the same file, to try its format first (see formatsFor).
 */
export function typedExpr(c: Column, v: string, sample?: string | null): string {
  switch (c.type) {
    case 'text':
      return c.zeroPad ? `CASE WHEN length(${v}) BETWEEN 1 AND ${c.zeroPad - 1} THEN lpad(${v}, ${c.zeroPad}, '0') ELSE ${v} END` : v;
    case 'int': {
      // Integral values only: 6.5 is refused, 6.0 and "1,200" are read.
      const d = decimalExpr(v);
      const i = `CASE WHEN ${d} = trunc(${d}) THEN try_cast(${d} AS BIGINT) END`;
      return c.emptyIsZero ? `CASE WHEN ${v} IS NULL THEN 0 ELSE ${i} END` : i;
    }
    case 'number':
      return decimalExpr(v);
    case 'date':
      return `coalesce(${[...strptimes(v, formatsFor('date', sample), 'DATE'), `CAST(${excelSerial(v)} AS DATE)`].join(', ')})`;
    case 'timestamp':
      return `coalesce(${[...strptimes(v, formatsFor('timestamp', sample)), excelSerial(v)].join(', ')})`;
    case 'bool':
      return `CASE WHEN lower(${v}) IN ${list(TRUE_WORDS)} THEN true WHEN lower(${v}) IN ${list(FALSE_WORDS)} THEN false END`;
  }
}

const TYPE_REASON: Record<Column['type'], string> = {
  text: '',
  int: '不是整数',
  number: '不是数字',
  date: '无法解析的日期',
  timestamp: '无法解析的时间',
  bool: '不是布尔值（是/否、Y/N、1/0、true/false）',
};

/**
 * The SQL expression giving the reason the text `v` cannot go into column `c` (NULL when it can).
 * `t` is the typed value expression (typedExpr) so it is computed once.
 */
export function problemExpr(c: Column, v: string, t: string): string {
  const checks: string[] = [];
  if (c.required) checks.push(`WHEN ${v} IS NULL THEN ${lit(`缺少必填项「${c.zh}」`)}`);
  if (c.type !== 'text') {
    checks.push(`WHEN ${v} IS NOT NULL AND ${t} IS NULL THEN ${lit(TYPE_REASON[c.type])}`);
  }
  if (c.values) checks.push(`WHEN ${v} IS NOT NULL AND ${v} NOT IN ${list(c.values)} THEN ${lit(`不在取值范围内（${c.values.join('/')}）`)}`);
  return checks.length ? `CASE ${checks.join(' ')} END` : 'NULL';
}

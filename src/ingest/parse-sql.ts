// How each contract type is read from text, as SQL over the all-text staging table. Derived from the
// column declarations: the same function gives the typed value and the reason a value is refused.
import type { Column } from '../contract/tables.ts';
import { lit } from '../store/db.ts';

const TIMESTAMP_FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f'];
// The last form is how an Excel date cell reaches us (xlsx.ts writes every date cell with its time).
const DATE_FORMATS = ['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y-%m-%d %H:%M:%S'];
const TRUE_WORDS = ['是', 'y', '1', 'true'];
const FALSE_WORDS = ['否', 'n', '0', 'false'];

const fmtList = (fs: readonly string[]): string => `[${fs.map(lit).join(', ')}]`;
const list = (vs: readonly string[]): string => `(${vs.map(lit).join(', ')})`;

// An Excel serial day number (days since 1899-12-30), as some exports write dates into CSV too.
const excelSerial = (v: string): string =>
  `CASE WHEN regexp_full_match(${v}, '[1-9][0-9]{4}(\\.[0-9]+)?') THEN TIMESTAMP '1899-12-30 00:00:00' + to_microseconds(round(try_cast(${v} AS DOUBLE) * 86400) :: BIGINT * 1000000) END`;

/** The SQL expression giving the typed value of column `c` read from text expression `v` (NULL when unparsable or empty). */
export function typedExpr(c: Column, v: string): string {
  switch (c.type) {
    case 'text':
      return c.key === 'plate_type' ? `CASE WHEN length(${v}) = 1 THEN '0' || ${v} ELSE ${v} END` : v;
    case 'int': {
      // Integral values only: 6.5 is refused, 6.0 and "1,200" are read.
      const d = `try_cast(replace(${v}, ',', '') AS DOUBLE)`;
      const i = `CASE WHEN ${d} = trunc(${d}) THEN try_cast(${d} AS BIGINT) END`;
      return c.emptyIsZero ? `CASE WHEN ${v} IS NULL THEN 0 ELSE ${i} END` : i;
    }
    case 'number':
      return `try_cast(replace(${v}, ',', '') AS DOUBLE)`;
    case 'date':
      return `coalesce(CAST(try_strptime(${v}, ${fmtList(DATE_FORMATS)}) AS DATE), CAST(${excelSerial(v)} AS DATE))`;
    case 'timestamp':
      return `coalesce(try_strptime(${v}, ${fmtList(TIMESTAMP_FORMATS)}), ${excelSerial(v)})`;
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

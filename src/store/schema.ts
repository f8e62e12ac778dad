// DDL derived from the contract declaration: one table per contract table, named by its key, with
// the contract's English keys as columns and proper SQL types, so DuckDB's own tools can query it.
// No PRIMARY KEY constraint: DuckDB builds an ART index for it, which makes bulk loads and the
// delete-then-insert replacement of later exports several times slower. Uniqueness of the key is
// enforced by the importer (duplicates inside a file are rejects; later exports replace).
import { SQL_TYPE, tableList, type Table } from '../contract/tables.ts';
import { ident } from './quote.ts';

export function createTableSql(table: Table): string {
  const cols = table.columns.map((c) => `  ${ident(c.key)} ${SQL_TYPE[c.type]}${c.required ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${ident(table.key)} (\n${cols.join(',\n')}\n)`;
}

export const contractDdl = (): string[] => tableList().map(createTableSql);

/** Tables the program itself keeps beside the contract tables. */
export const systemDdl = (): string[] => [
  `CREATE TABLE IF NOT EXISTS imports (
    import_id BIGINT PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, folder VARCHAR,
    status VARCHAR, message VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS import_files (
    import_id BIGINT, file VARCHAR, table_name VARCHAR, format VARCHAR, encoding VARCHAR, sha256 VARCHAR,
    rows BIGINT, loaded BIGINT, replaced BIGINT, rejected BIGINT, unknown_columns VARCHAR, notes VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS rejects (
    import_id BIGINT, table_name VARCHAR, file VARCHAR, line BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS runs (
    run_id BIGINT PRIMARY KEY, created_at TIMESTAMP, period_from DATE, period_to DATE, as_of DATE,
    args VARCHAR, settings VARCHAR, counts VARCHAR, skipped VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS warnings (
    run_id BIGINT, warning_key VARCHAR, category VARCHAR, subject_kind VARCHAR, subject_id VARCHAR,
    unit VARCHAR, severity VARCHAR, score DOUBLE, rule VARCHAR, title VARCHAR, evidence VARCHAR, line VARCHAR)`,
  // Administrator overrides of the State Council holiday schedule (calendar/): a date that is a
  // holiday (is_workday = false) or a make-up working day (is_workday = true).
  `CREATE TABLE IF NOT EXISTS calendar_overrides (day DATE PRIMARY KEY, is_workday BOOLEAN NOT NULL, note VARCHAR)`,
];

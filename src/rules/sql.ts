// Small SQL fragments shared by the rules. Figures stay in settings; these only spell SQL.
import type { Store } from '../store/db.ts';
import type { Finding } from './types.ts';
import { usedParams } from './bind.ts';

/** A SQL list literal of strings: ('a','b'). For settings values only, never user data. */
export const sqlList = (values: readonly string[]): string => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

/** Shape check of a rule's rows: evidence as a list of {kind,id}; score clamped to 0–1 and rounded for byte-stable output. */
export async function findings(store: Store, sql: string, params: Record<string, string>): Promise<Finding[]> {
  const text = inlineDates(sql, params);
  const rows = await store.all<Finding>(text, usedParams(text, params));
  return rows.map((r) => ({ ...r, score: Math.round(Math.min(1, Math.max(0, Number(r.score))) * 1000) / 1000 }));
}

/**
 * `$name::TIMESTAMP` / `$name::DATE` whose value is a plain date ('YYYY-MM-DD') are written into the statement
 * as the same cast of a constant. A bound parameter is not folded when the statement is planned, so DuckDB
 * evaluates the cast row by row and cannot skip row groups by their min/max; a constant it can (a month
 * then reads about a twelfth of the violations). Same value, same cast: the result is unchanged.
 */
export function inlineDates(sql: string, params: Readonly<Record<string, string>>): string {
  return sql.replace(/\$([a-z_]+)::(TIMESTAMP|DATE)\b/g, (whole, key: string, type: string) => {
    const v = params[key];
    return v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `'${v}'::${type}` : whole;
  });
}

/**
 * RULES 0.4 with 0.2: violation `v` was a valid penalty as things stood at the as-of date — 未处理/已处理, or
 * voided only on or after the as-of date (not yet voided when the rules judge).
 */
export const validAsOf = (v: string): string =>
  `(${v}.status IN ('未处理', '已处理') OR (${v}.status IN ('已作废', '已撤销') AND ${v}.voided_at >= $as_of::TIMESTAMP))`;

/** Per-device aggregates of a set of captures (violation_id, occurred_at): the count, the first and the last. */
export const CAPTURE_SPAN = `count(*) AS n,
               arg_min(violation_id, (occurred_at, violation_id)) AS first_id,
               arg_max(violation_id, (occurred_at, violation_id)) AS last_id,
               min(occurred_at) AS first_at, max(occurred_at) AS last_at`;

/** Title part for CAPTURE_SPAN: the dates of the first and last capture, e.g. "2021-03-19 至 2021-06-30". */
export const CAPTURE_DATES = `strftime(first_at, '%Y-%m-%d') || CASE WHEN n > 1 THEN ' 至 ' || strftime(last_at, '%Y-%m-%d') ELSE '' END`;

/** Evidence for CAPTURE_SPAN: the device, then its first and last capture. */
export const CAPTURE_EVIDENCE = `[{'kind': 'device', 'id': device_id}, {'kind': 'violation', 'id': first_id}] ||
               CASE WHEN last_id <> first_id THEN [{'kind': 'violation', 'id': last_id}] ELSE [] END`;

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

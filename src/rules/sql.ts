// Small SQL fragments shared by the rules. Figures stay in settings; these only spell SQL.
import type { Store } from '../store/db.ts';
import type { Finding } from './types.ts';
import { usedParams } from './bind.ts';

/** A SQL list literal of strings: ('a','b'). For settings values only, never user data. */
export const sqlList = (values: readonly string[]): string => `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;

/** Shape check of a rule's rows: evidence as a list of {kind,id}; score clamped to 0–1 and rounded for byte-stable output. */
export async function findings(store: Store, sql: string, params: Record<string, string>): Promise<Finding[]> {
  const rows = await store.all<Finding>(sql, usedParams(sql, params));
  return rows.map((r) => ({ ...r, score: Math.round(Math.min(1, Math.max(0, Number(r.score))) * 1000) / 1000 }));
}

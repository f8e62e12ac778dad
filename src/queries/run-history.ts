// The analysis runs kept in the database, latest first, with their warnings counted.
import type { Store } from '../store/db.ts';

export interface RunRow {
  run_id: number; created_at: string; period_from: string; period_to: string; as_of: string; settings_version: number | null;
  /** Warnings per category, as the run stored them. */
  counts: unknown;
  warnings: number;
}

export async function runHistory(store: Pick<Store, 'all'>, limit = 100): Promise<RunRow[]> {
  const rows = await store.all<Omit<RunRow, 'counts'> & { counts: string }>(`SELECT run_id, created_at, period_from, period_to, as_of, settings_version, counts,
      (SELECT count(*) FROM warnings w WHERE w.run_id = r.run_id) AS warnings FROM runs r ORDER BY run_id DESC LIMIT ${Math.max(1, Math.floor(limit))}`);
  return rows.map((h) => ({ ...h, counts: JSON.parse(h.counts) as unknown }));
}

// Whether the checkpoint that follows an import compacts the tables. DuckDB's vacuum (merging row groups) is off by
// default (store/db.ts): after an import that appends, it only rewrote the appended rows on one thread. It pays
// where an import replaced a large share of a table: the replaced rows stay behind as deleted rows, which every
// scan still reads past, and the vacuum compacts them away (measured on the city-year's violations: after
// replacing 1 M of the 3 M rows three times over, count(DISTINCT plate) took 0.28 s without it against 0.18 s
// with it, whose checkpoints took 5–9 s each against 0.1 s).
import type { Store } from '../store/db.ts';
import { ident } from '../store/db.ts';

/** A table is compacted when the import replaced at least this share of its rows, and at least a row group's worth. */
export const VACUUM_SHARE = 0.1;
/** DuckDB's rows per row group: fewer deleted rows than this cost a scan little, whatever share they are. */
export const ROW_GROUP_ROWS = 122_880;
/** DuckDB's own default for max_vacuum_tasks. */
const VACUUM_TASKS = 100;

/**
 * The tables worth compacting, given what each file replaced and the table's rows now. The setting is the whole
 * database's, so one such table turns the vacuum on for all: a reference table sent again whole each month (a few
 * hundred rows) must not.
 */
export function tablesToCompact(files: readonly { table: string; replaced: number }[], rowsNow: ReadonlyMap<string, number>): string[] {
  return files.filter((f) => f.replaced >= ROW_GROUP_ROWS && f.replaced >= VACUUM_SHARE * (rowsNow.get(f.table) ?? 0)).map((f) => f.table);
}

/**
 * Turn the vacuum on for the next checkpoint when the import (inside its transaction, before the commit) replaced a
 * large share of a table, and off otherwise. The setting is the database's: the checkpoint that follows — at the
 * commit when the log is large, else when the database closes — uses it. No checkpoint is forced here: one that
 * failed (a full disk) would leave the database unusable after an import that has already succeeded.
 */
export async function setVacuumFor(store: Store, files: readonly { table: string; replaced: number }[]): Promise<string[]> {
  const rowsNow = new Map<string, number>();
  for (const f of files.filter((x) => x.replaced > 0)) {
    const [{ n }] = await store.all<{ n: number }>(`SELECT count(*) AS n FROM ${ident(f.table)}`);
    rowsNow.set(f.table, n);
  }
  const compact = tablesToCompact(files, rowsNow);
  await store.run(`SET max_vacuum_tasks = ${compact.length ? VACUUM_TASKS : 0}`);
  return compact;
}

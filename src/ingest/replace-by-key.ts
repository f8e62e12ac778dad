// A later export of a record replaces the earlier one: delete the table's records whose keys arrive, insert
// the arriving rows. Both load paths go through here, inside the import's transaction.
import type { Table } from '../contract/tables.ts';
import { ident, type Store } from '../store/db.ts';

export interface ReplaceOptions {
  /** Keep the replaced records in this temporary table, so that undoReplace can put them back. */
  readonly keepIn?: string;
  /** Wraps the insert (e.g. to report its progress). */
  readonly track?: <T>(work: Promise<T>) => Promise<T>;
}

const pkJoin = (table: Table, a: string, b: string): string => table.primaryKey.map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`).join(' AND ');

/**
 * Replace by primary key. `keys` is a relation holding the arriving keys, each once; `rows` a relation holding
 * the arriving rows with (at least) the table's columns. Returns how many records were replaced and inserted.
 */
export async function replaceByKey(store: Store, table: Table, keys: string, rows: string, opts: ReplaceOptions = {}): Promise<{ replaced: number; inserted: number }> {
  const target = ident(table.key);
  const existing = `(SELECT t.* FROM ${target} t SEMI JOIN ${keys} s ON ${pkJoin(table, 't', 's')})`;
  let replaced: number;
  if (opts.keepIn) {
    await store.run(`CREATE TEMP TABLE ${opts.keepIn} AS SELECT * FROM ${existing}`);
    [{ replaced }] = await store.all<{ replaced: number }>(`SELECT count(*) AS replaced FROM ${opts.keepIn}`);
  } else {
    [{ replaced }] = await store.all<{ replaced: number }>(`SELECT count(*) AS replaced FROM ${existing}`);
  }
  if (replaced > 0) await store.run(`DELETE FROM ${target} t USING ${keys} s WHERE ${pkJoin(table, 't', 's')}`);
  // Insertion order kept (DuckDB's default): without it the parallel insert leaves partial row groups that the
  // commit's checkpoint rewrites, which costs more than the parallel write saves (docs/PERFORMANCE.md).
  const insert = store.all<{ Count: number }>(`INSERT INTO ${target} SELECT ${table.columns.map((c) => ident(c.key)).join(', ')} FROM ${rows} g`);
  const res = await (opts.track ? opts.track(insert) : insert);
  return { replaced, inserted: Number(res[0]?.Count ?? 0) };
}

/** Undo a replaceByKey made with `keepIn`: remove the arriving keys' rows and put the kept records back. */
export async function undoReplace(store: Store, table: Table, keys: string, keptIn: string): Promise<void> {
  const target = ident(table.key);
  await store.run(`DELETE FROM ${target} t USING ${keys} s WHERE ${pkJoin(table, 't', 's')}`);
  await store.run(`INSERT INTO ${target} SELECT * FROM ${keptIn}`);
}

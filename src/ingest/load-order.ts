// Which file of a dataset loads when. The import loads the files one after another in one transaction, while the
// source step of each (scan, GB18030 → UTF-8, XLSX → CSV) runs ahead of its load (ahead.ts).
import { TABLES, TABLE_KEYS, type TableKey } from '../contract/tables.ts';

// Tables other tables refer to (a column's `ref`): the notes on references of a file look them up, so they load first.
const REFERENCED = new Set<TableKey>(TABLE_KEYS.flatMap((k) => TABLES[k].columns.flatMap((c) => (c.ref ? [c.ref] : []))));

/**
 * The order a dataset's files load in, as indexes into `files` (which come in the contract's order of tables): the
 * referenced tables first, then the others with the largest file last. (Of files of equal size the later
 * one counts as the larger, so equal files keep the contract order.) The largest file's source step (its scan
 * and conversion) is the longest; it runs from the start in a lane of its own, and the smaller files load while
 * it is still under way instead of waiting behind it. Nothing a file loads depends on the files loaded after the
 * referenced tables, and every report is read back in a fixed order, so the order changes no result.
 */
export function loadOrder(files: readonly { table: TableKey; bytes: number }[]): number[] {
  const idx = files.map((_, i) => i);
  const first = idx.filter((i) => REFERENCED.has(files[i].table));
  const rest = idx.filter((i) => !REFERENCED.has(files[i].table));
  const largest = rest.reduce<number | null>((m, i) => (m === null || files[i].bytes >= files[m].bytes ? i : m), null);
  return [...first, ...rest.filter((i) => i !== largest), ...(largest === null ? [] : [largest])];
}

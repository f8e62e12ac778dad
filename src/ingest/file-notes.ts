// The notes a file's report carries: header oddities, and references to records the database lacks.
import type { Table } from '../contract/tables.ts';
import { REF_KEY, TABLES } from '../contract/tables.ts';
import { ident, type Store } from '../store/db.ts';
import type { HeaderMatch } from './header.ts';

/** Names listed in a note: all of a few, the first three of many (a file may carry thousands of extra columns). */
export function someNames(names: readonly string[]): string {
  return names.length <= 5 ? names.join('、') : `${names.slice(0, 3).join('、')} 等`;
}

export function headerNotes(match: HeaderMatch): string[] {
  const notes: string[] = [];
  const count = (n: number): string => n.toLocaleString('en');
  if (match.unknown.length) notes.push(`忽略 ${count(match.unknown.length)} 个未定义的列：${someNames(match.unknown)}`);
  if (match.repeated.length) notes.push(`重复的列只取第一列，忽略 ${count(match.repeated.length)} 列：${someNames(match.repeated)}`);
  return notes;
}

// References to other tables are not rejects (the other table may come in a later export): count them.
export async function referenceNotes(store: Store, table: Table, staged: string, present: ReadonlySet<string>): Promise<string[]> {
  const notes: string[] = [];
  for (const c of table.columns) {
    if (!c.ref || !present.has(c.key)) continue;
    const [{ have }] = await store.all<{ have: number }>(`SELECT count(*) AS have FROM ${ident(c.ref)}`);
    if (!have) continue;
    const [{ n, ex }] = await store.all<{ n: number; ex: string | null }>(
      `SELECT count(DISTINCT s.${ident(c.key)}) AS n, min(s.${ident(c.key)}) AS ex FROM ${staged} s
       WHERE s.${ident(c.key)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ident(c.ref)} x WHERE x.${ident(REF_KEY[c.ref])} = s.${ident(c.key)})`);
    // Named as the contract names them in Chinese: the person reading this knows 机动车, not vehicles.
    if (n > 0) notes.push(`${c.zh}有 ${n} 个值在${TABLES[c.ref].zh}中不存在，例如 ${ex}`);
  }
  return notes;
}

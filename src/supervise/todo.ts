// 我的待办: what is waiting for this user, counted in the SQL with the user's scope. A brigade receives,
// verifies and rectifies (and is told what came back and what falls due); the detachment dispatches and
// reviews (and is told what falls due and what is overdue). Each count names the list filter that shows it.
import type { Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from './access.ts';
import { DUE_SOON_SQL, OVERDUE_SQL, RETURNED_SQL } from './items.ts';

export interface TodoEntry {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** The items list's query that shows these items. */
  readonly query: Readonly<Record<string, string>>;
}

const BRIGADE = [
  { key: 'receive', label: '待签收', sql: "i.status = 'dispatched'", query: { status: 'dispatched' } },
  { key: 'verify', label: '待核查', sql: "i.status = 'verifying'", query: { status: 'verifying' } },
  { key: 'rectify', label: '待整改', sql: "i.status = 'rectifying'", query: { status: 'rectifying' } },
  { key: 'returned', label: '被退回', sql: RETURNED_SQL('i'), query: { returned: 'true' } },
  { key: 'due-soon', label: '即将逾期', sql: DUE_SOON_SQL('i'), query: { due_soon: 'true' } },
  { key: 'overdue', label: '已逾期', sql: OVERDUE_SQL('i'), query: { overdue: 'true' } },
] as const;

const DETACHMENT = [
  { key: 'dispatch', label: '待下发', sql: "i.status = 'pending'", query: { status: 'pending' } },
  { key: 'review', label: '待审核', sql: "i.status = 'review'", query: { status: 'review' } },
  { key: 'due-soon', label: '即将逾期', sql: DUE_SOON_SQL('i'), query: { due_soon: 'true' } },
  { key: 'overdue', label: '已逾期', sql: OVERDUE_SQL('i'), query: { overdue: 'true' } },
] as const;

/** The to-do counts for this user; `total` is what the user must act on (the badge on 预警核查). */
export async function todo(store: Pick<Store, 'all'>, user: User, today: string): Promise<{ total: number; entries: TodoEntry[] }> {
  const list = user.role === 'brigade' ? BRIGADE : DETACHMENT;
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const [row] = await store.all<Record<string, number>>(
    `SELECT ${list.map((e, n) => `count(*) FILTER (WHERE ${e.sql})::INT AS c${n}`).join(', ')} FROM items i WHERE ${scope.sql}`,
    { ...scope.params, today });
  const entries = list.map((e, n) => ({ key: e.key, label: e.label, count: Number(row[`c${n}`] ?? 0), query: e.query }));
  // What the user's own actions clear: for a brigade receiving, verifying and rectifying; for the detachment dispatching and reviewing.
  const acting = user.role === 'brigade' ? ['receive', 'verify', 'rectify'] : ['dispatch', 'review'];
  return { total: entries.filter((e) => acting.includes(e.key)).reduce((s, e) => s + e.count, 0), entries };
}

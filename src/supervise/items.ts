// Reading items: the filtered, paged list and one item with its evidence records and history. Every
// query takes the user and limits itself with its access scope (unitCondition), so a brigade user's unit is a
// condition in the SQL: another unit's item is simply not found.
import type { DuckDBValue } from '@duckdb/node-api';
import { TABLES, type TableKey } from '../contract/tables.ts';
import { evidenceSource, type RecordRef } from '../contract/vocabulary.ts';
import { ident, inIdList, lit, type Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from './access.ts';
import { parseDayRange } from './item-day.ts';
import { auditOf, type AuditEntry } from './audit.ts';
import { ACTIONS, actionsFor, isStatus, OVERDUE_STATUSES, STATUSES, type Action, type Status } from './workflow.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface ItemSummary {
  key: string;
  category: string;
  subject: RecordRef;
  unit: string;
  unit_name: string | null;
  severity: string;
  score: number;
  title: string;
  status: Status;
  overdue: boolean;
  recurred: boolean;
  resolved_in_data: boolean;
  /** Sent back on review and not yet resubmitted (filled in by the list and the detail). */
  returned?: boolean;
  deadline: string | null;
  updated_at: string;
  version: number;
  source: string;
}

export interface EvidenceRecord { kind: string; id: string; table: TableKey | null; record: Record<string, unknown> | null }

/** A file attached to an item (rectification evidence); the bytes live under the data folder. */
export interface AttachmentMeta { id: string; file_name: string; mime: string; size: number; uploaded_by: string; uploaded_at: string }

export interface ItemDetail extends ItemSummary {
  rule: string | null;
  finding: string | null;
  created_at: string;
  evidence: EvidenceRecord[];
  evidence_total: number;
  history: AuditEntry[];
  attachments: AttachmentMeta[];
  /** The actions this user may take now (the console's buttons). */
  actions: Action[];
}

/** The SQL expression for 逾期 as of `$today`: the deadline passed before the item reached review. */
export const OVERDUE_SQL = (alias: string): string =>
  `(${alias}.deadline IS NOT NULL AND ${alias}.deadline < $today::DATE AND ${alias}.status IN (${OVERDUE_STATUSES.map((s) => `'${s}'`).join(', ')}))`;

/** Days before a deadline when an item counts as 即将逾期 (the deadline day itself included). */
export const DUE_SOON_DAYS = 3;

/** The item's latest workflow action was a return (the audit also holds a run's refreshes, which do not count). */
export const RETURNED_SQL = (alias: string): string => `(${alias}.status IN ('verifying', 'rectifying') AND ${alias}.item_key IN (
  SELECT a.item_key FROM audit a WHERE a.action IN (${ACTIONS.map((x) => `'${x}'`).join(', ')}) GROUP BY a.item_key HAVING arg_max(a.action, a.seq) = 'return'))`;

/** Deadline today or within the next days, not yet past, and the unit still owes work. */
export const DUE_SOON_SQL = (alias: string): string =>
  `(${alias}.deadline IS NOT NULL AND ${alias}.deadline >= $today::DATE AND ${alias}.deadline < $today::DATE + ${DUE_SOON_DAYS}
    AND ${alias}.status IN (${OVERDUE_STATUSES.map((s) => `'${s}'`).join(', ')}))`;

const SUMMARY_COLUMNS = (a: string) => `${a}.item_key, ${a}.category, ${a}.subject_kind, ${a}.subject_id, ${a}.unit, n.unit_name, ${a}.severity, ${a}.score,
  ${a}.title, ${a}.status, ${OVERDUE_SQL(a)} AS overdue, ${a}.recurred, ${a}.resolved_in_data, ${a}.deadline, ${a}.updated_at, ${a}.version, ${a}.source`;

interface SummaryRow {
  item_key: string; category: string; subject_kind: string; subject_id: string; unit: string; unit_name: string | null; severity: string;
  score: number; title: string; status: Status; overdue: boolean; recurred: boolean; resolved_in_data: boolean; deadline: string | null;
  updated_at: string; version: number; source: string;
}

const toSummary = (r: SummaryRow): ItemSummary => ({
  key: r.item_key, category: r.category, subject: { kind: r.subject_kind, id: r.subject_id }, unit: r.unit, unit_name: r.unit_name,
  severity: r.severity, score: r.score, title: r.title, status: r.status, overdue: Boolean(r.overdue), recurred: r.recurred,
  resolved_in_data: r.resolved_in_data, deadline: r.deadline, updated_at: r.updated_at, version: Number(r.version), source: r.source,
});

export interface ItemFilter {
  status?: Status[];
  unit?: string;
  category?: string;
  severity?: string;
  overdue?: boolean;
  recurred?: boolean;
  resolvedInData?: boolean;
  /** Sent back by the detachment and not yet resubmitted (todo.ts). */
  returned?: boolean;
  /** Falls due within the next days (todo.ts). */
  dueSoon?: boolean;
  q?: string;
  /** The period of the misconduct (the item's day, see item-day.ts), inclusive; either end may be open. */
  from?: string;
  to?: string;
  page: number;
  size: number;
  sort: SortKey;
  order: 'asc' | 'desc';
}

export const SORT_KEYS = ['updated_at', 'score', 'deadline', 'severity', 'unit', 'category', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
const SORT_SQL: Record<SortKey, string> = {
  updated_at: 'i.updated_at', score: 'i.score', deadline: 'i.deadline', unit: 'i.unit', category: 'i.category',
  severity: "CASE i.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
  status: `CASE i.status ${STATUSES.map((s, n) => `WHEN '${s}' THEN ${n}`).join(' ')} END`,
};

export const MAX_PAGE_SIZE = 200;
export const MAX_Q = 100;

/** Parse the list's query string. Bad values are reasons (400), never exceptions. */
export function parseFilter(q: Record<string, string | undefined>): { ok: true; filter: ItemFilter } | Failure {
  const f: ItemFilter = { page: 1, size: 20, sort: 'updated_at', order: 'desc' };
  const int = (name: string, v: string | undefined, min: number, max: number): number | string | undefined => {
    if (v === undefined || v === '') return undefined;
    if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) return `${name} 应为 ${min}–${max} 的整数`;
    return Number(v);
  };
  const bool = (name: string, v: string | undefined): boolean | string | undefined => {
    if (v === undefined || v === '') return undefined;
    if (['true', '1', '是'].includes(v)) return true;
    if (['false', '0', '否'].includes(v)) return false;
    return `${name} 应为 true 或 false`;
  };
  const page = int('page', q.page, 1, 1_000_000);
  const size = int('size', q.size, 1, MAX_PAGE_SIZE);
  for (const v of [page, size]) if (typeof v === 'string') return failure('invalid', v);
  if (typeof page === 'number') f.page = page;
  if (typeof size === 'number') f.size = size;
  if (q.status) {
    const ss = q.status.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ss.filter((s) => !isStatus(s));
    if (bad.length) return failure('invalid', `status 应为 ${STATUSES.join('、')} 之一`);
    f.status = ss as Status[];
  }
  for (const [k, v] of [['unit', q.unit], ['category', q.category], ['severity', q.severity]] as const) {
    if (v === undefined || v === '') continue;
    if (v.length > 64) return failure('invalid', `${k} 过长`);
    f[k] = v;
  }
  for (const [k, name] of [['overdue', 'overdue'], ['recurred', 'recurred'], ['resolvedInData', 'resolved_in_data'], ['returned', 'returned'], ['dueSoon', 'due_soon']] as const) {
    const b = bool(name, q[name]);
    if (typeof b === 'string') return failure('invalid', b);
    if (b !== undefined) f[k] = b;
  }
  if (q.q !== undefined && q.q !== '') {
    if (q.q.length > MAX_Q) return failure('invalid', `搜索词过长：最多 ${MAX_Q} 字`);
    f.q = q.q.trim();
  }
  const range = parseDayRange(q);
  if (!range.ok) return range;
  Object.assign(f, range.range);
  if (q.sort) {
    if (!(SORT_KEYS as readonly string[]).includes(q.sort)) return failure('invalid', `sort 应为 ${SORT_KEYS.join('、')} 之一`);
    f.sort = q.sort as SortKey;
  }
  if (q.order) {
    if (q.order !== 'asc' && q.order !== 'desc') return failure('invalid', 'order 应为 asc 或 desc');
    f.order = q.order;
  }
  return { ok: true, filter: f };
}

export async function listItems(store: Store, user: User, f: ItemFilter, today: string): Promise<{ total: number; items: ItemSummary[] }> {
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const where = [scope.sql];
  const params: Record<string, DuckDBValue> = { ...scope.params, today };
  if (f.status?.length) { where.push(`i.status IN (${f.status.map((_, n) => `$st${n}`).join(', ')})`); f.status.forEach((s, n) => { params[`st${n}`] = s; }); }
  if (f.unit) { where.push('i.unit = $unit'); params.unit = f.unit; }
  if (f.category) { where.push('i.category = $category'); params.category = f.category; }
  if (f.severity) { where.push('i.severity = $severity'); params.severity = f.severity; }
  if (f.overdue !== undefined) where.push(f.overdue ? OVERDUE_SQL('i') : `NOT ${OVERDUE_SQL('i')}`);
  if (f.recurred !== undefined) { where.push('i.recurred = $recurred'); params.recurred = f.recurred; }
  if (f.resolvedInData !== undefined) { where.push('i.resolved_in_data = $rid'); params.rid = f.resolvedInData; }
  if (f.returned !== undefined) where.push(f.returned ? RETURNED_SQL('i') : `NOT ${RETURNED_SQL('i')}`);
  if (f.dueSoon !== undefined) where.push(f.dueSoon ? DUE_SOON_SQL('i') : `NOT ${DUE_SOON_SQL('i')}`);
  // strpos, not LIKE: the search text is data, never a pattern.
  if (f.q) { where.push('(strpos(i.subject_id, $q) > 0 OR strpos(i.title, $q) > 0)'); params.q = f.q; }
  if (f.from || f.to) {
    // The item's day (item-day.ts), stored with the item at sync.
    if (f.from) where.push('i.day >= $from::DATE');
    if (f.to) where.push('i.day <= $to::DATE');
    if (f.from) params.from = f.from;
    if (f.to) params.to = f.to;
  }
  const cond = where.join(' AND ');
  // Two steps: the page's keys (and the total, in the same scan) from a narrow sort, then only those
  // rows in full. Sorting the wide rows of every match was several times slower at 100,000 items.
  const keysSql = `SELECT i.item_key, count(*) OVER () AS total FROM items i WHERE ${cond}
     ORDER BY ${SORT_SQL[f.sort]} ${f.order} NULLS LAST, i.item_key LIMIT ${f.size} OFFSET ${(f.page - 1) * f.size}`;
  const page = await store.all<{ item_key: string; total: number }>(keysSql, usedParams(keysSql, params));
  const keys = page.map((r) => r.item_key);
  let n = page[0]?.total ?? 0;
  if (!page.length && f.page > 1) {
    // Past the last page: no row carries the total, so count it.
    const countSql = `SELECT count(*) AS n FROM items i WHERE ${cond}`;
    [{ n }] = await store.all<{ n: number }>(countSql, usedParams(countSql, params));
  }
  if (!keys.length) return { total: n, items: [] };
  const rows = await store.all<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS('i')} FROM items i LEFT JOIN units n ON n.unit_code = i.unit WHERE i.item_key IN (${keys.map(lit).join(', ')})`, { today });
  const byKey = new Map(rows.map((r) => [r.item_key, r]));
  const returned = new Set((await store.all<{ item_key: string }>(
    `SELECT i.item_key FROM items i WHERE i.item_key IN (${keys.map(lit).join(', ')}) AND ${RETURNED_SQL('i')}`)).map((r) => r.item_key));
  // Every key was just selected from items; flatMap only keeps the types honest.
  return { total: n, items: keys.flatMap((k) => { const r = byKey.get(k); return r ? [{ ...toSummary(r), returned: returned.has(k) }] : []; }) };
}

/** DuckDB refuses a named parameter the statement does not use. */
const usedParams = (sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> =>
  Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));

/** One item as this user may see it, or null (unknown key, or another unit's item for a brigade user). */
export async function findItem(store: Store, user: User, key: string, today: string): Promise<(ItemSummary & { rule: string | null; finding: string | null; created_at: string; evidenceJson: string }) | null> {
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const rows = await store.all<SummaryRow & { rule: string | null; finding: string | null; created_at: string; evidence: string }>(
    `SELECT ${SUMMARY_COLUMNS('i')}, i.rule, i.finding, i.created_at, i.evidence FROM items i LEFT JOIN units n ON n.unit_code = i.unit
     WHERE i.item_key = $key AND ${scope.sql}`, { ...scope.params, key, today });
  const r = rows[0];
  if (!r) return null;
  return { ...toSummary(r), rule: r.rule, finding: r.finding, created_at: r.created_at, evidenceJson: r.evidence };
}

export async function getItem(store: Store, user: User, key: string, today: string): Promise<ItemDetail | null> {
  const item = await findItem(store, user, key, today);
  if (!item) return null;
  const { evidenceJson, ...rest } = item;
  const refs = JSON.parse(evidenceJson) as RecordRef[];
  const evidence = await evidenceRecords(store, refs.slice(0, MAX_EVIDENCE));
  const attachments = await store.all<ItemDetail['attachments'][number]>(
    'SELECT attachment_id AS id, file_name, mime, size, uploaded_by, uploaded_at FROM attachments WHERE item_key = $1 ORDER BY uploaded_at, attachment_id', [key]);
  const [back] = await store.all<{ n: number }>(`SELECT count(*) AS n FROM items i WHERE i.item_key = $key AND ${RETURNED_SQL('i')}`, { key });
  return { ...rest, returned: Number(back.n) > 0, evidence, evidence_total: refs.length, history: await auditOf(store, key), attachments, actions: actionsFor(user.role, item.status) };
}

/** Items list evidence by reference; the detail resolves up to this many to their full records. */
export const MAX_EVIDENCE = 1000;

export async function evidenceRecords(store: Store, refs: readonly RecordRef[]): Promise<EvidenceRecord[]> {
  const found = new Map<string, Record<string, unknown>>();
  const byKind = new Map<string, string[]>();
  for (const r of refs) if (evidenceSource(r.kind)) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
  for (const [kind, ids] of byKind) {
    const src = evidenceSource(kind);
    if (!src) continue;
    const idExpr = src.id.includes("'") ? src.id : ident(src.id);
    const cols = TABLES[src.table].columns.map((c) => ident(c.key)).join(', ');
    const rows = await store.all<Record<string, unknown>>(
      `SELECT ${idExpr} AS __id, ${cols} FROM ${ident(src.table)} WHERE ${inIdList(idExpr, 'ids')}`, { ids: JSON.stringify(ids) });
    for (const row of rows) {
      const { __id, ...record } = row;
      found.set(`${kind}\u0000${String(__id)}`, record);
    }
  }
  return refs.map((r) => ({ kind: r.kind, id: r.id, table: evidenceSource(r.kind)?.table ?? null, record: found.get(`${r.kind}\u0000${r.id}`) ?? null }));
}

// The 总览's figures over the supervision items, for the user's scope (a brigade user: its unit) and a
// period of the day the misconduct happened (item-day.ts): warnings per category × unit, per month,
// per severity; and, as they stand today whatever the period, open / overdue / recurred items per unit.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Store } from '../store/db.ts';
import { scopeSql, type User } from '../supervise/access.ts';
import { OVERDUE_SQL } from '../supervise/items.ts';
import { itemDaySql } from './item-day.ts';

export interface Period { readonly from?: string; readonly to?: string }

export interface Overview {
  period: { from: string | null; to: string | null };
  total: number;
  /** Warnings per category × unit (cells with none are absent). */
  heat: { category: string; unit: string; n: number }[];
  /** Per month of the day it happened, with the split by severity. */
  months: { month: string; n: number; high: number; medium: number; low: number }[];
  severity: { severity: string; n: number }[];
  /** Every unit the user may see, today's state of its items (not limited to the period). */
  units: { unit: string; unit_name: string | null; total: number; open: number; overdue: number; recurred: number; closed: number }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Check a period from the query string: both ends optional, 'YYYY-MM-DD', from ≤ to. */
export function parsePeriod(q: { from?: string; to?: string }): { ok: true; period: Period } | { ok: false; error: string } {
  for (const k of ['from', 'to'] as const) {
    const v = q[k];
    if (v && (!DAY.test(v) || Number.isNaN(Date.parse(v)))) return { ok: false, error: `${k} 应为日期 YYYY-MM-DD` };
  }
  if (q.from && q.to && q.from > q.to) return { ok: false, error: '开始日期晚于结束日期' };
  return { ok: true, period: { from: q.from || undefined, to: q.to || undefined } };
}

export async function overview(store: Pick<Store, 'all'>, user: User, period: Period, today: string): Promise<Overview> {
  const scope = scopeSql(user, 'i', 'scope_unit');
  const params: Record<string, DuckDBValue> = { ...scope.params };
  const inPeriod: string[] = [];
  if (period.from) { inPeriod.push('d.day >= $from::DATE'); params.from = period.from; }
  if (period.to) { inPeriod.push('d.day <= $to::DATE'); params.to = period.to; }
  const dated = `items i JOIN ${itemDaySql(scope.sql)} d USING (item_key) WHERE ${[scope.sql, ...inPeriod].join(' AND ')}`;

  const heat = await store.all<Overview['heat'][number]>(
    `SELECT i.category, i.unit, count(*) AS n FROM ${dated} GROUP BY ALL ORDER BY i.category, i.unit`, params);
  const months = await store.all<Overview['months'][number]>(
    `SELECT strftime(d.day, '%Y-%m') AS month, count(*) AS n,
       count(*) FILTER (WHERE i.severity = 'high') AS high, count(*) FILTER (WHERE i.severity = 'medium') AS medium,
       count(*) FILTER (WHERE i.severity = 'low') AS low
     FROM ${dated} AND d.day IS NOT NULL GROUP BY ALL ORDER BY month`, params);
  const severity = await store.all<Overview['severity'][number]>(
    `SELECT severity, n FROM (SELECT i.severity, count(*) AS n FROM ${dated} GROUP BY i.severity)
     ORDER BY CASE severity WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`, params);
  const unitScope = user.role === 'brigade' ? { sql: 'u.unit_code = $scope_unit', params: scope.params } : { sql: 'true', params: {} };
  const units = await store.all<Overview['units'][number]>(
    `WITH s AS (
       SELECT i.unit, count(*) AS total, count(*) FILTER (WHERE i.status <> 'closed') AS open,
         count(*) FILTER (WHERE ${OVERDUE_SQL('i')}) AS overdue, count(*) FILTER (WHERE i.recurred) AS recurred,
         count(*) FILTER (WHERE i.status = 'closed') AS closed
       FROM items i WHERE ${scope.sql} GROUP BY i.unit)
     SELECT coalesce(u.unit_code, s.unit) AS unit, u.unit_name, coalesce(s.total, 0) AS total, coalesce(s.open, 0) AS open,
       coalesce(s.overdue, 0) AS overdue, coalesce(s.recurred, 0) AS recurred, coalesce(s.closed, 0) AS closed
     FROM (SELECT * FROM units u WHERE ${unitScope.sql}) u FULL JOIN s ON s.unit = u.unit_code
     ORDER BY open DESC, unit`, { ...unitScope.params, today });
  const total = severity.reduce((n, s) => n + s.n, 0);
  return { period: { from: period.from ?? null, to: period.to ?? null }, total, heat, months, severity, units };
}

// The 总览's figures over the supervision items, for the user's scope (a brigade user: its unit) and a
// period of the day the misconduct happened (item-day.ts; items.day, stored at sync): warnings per
// category × unit, per month, per severity; and, as they stand today whatever the period, open / overdue / recurred items per unit.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from '../supervise/access.ts';
import { OVERDUE_SQL } from '../supervise/items.ts';
import { parseDayRange, type DayRange } from '../supervise/item-day.ts';
import type { Failure } from '../contract/failure.ts';

export type Period = DayRange;

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

/** Check a period from the query string (the item list's own check, so both agree on what a day is). */
export function parsePeriod(q: { from?: string; to?: string }): { ok: true; period: Period } | Failure {
  const r = parseDayRange(q);
  return r.ok ? { ok: true, period: r.range } : r;
}

export async function overview(store: Pick<Store, 'all'>, user: User, period: Period, today: string): Promise<Overview> {
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const params: Record<string, DuckDBValue> = { ...scope.params };
  const inPeriod: string[] = [];
  if (period.from) { inPeriod.push('i.day >= $from::DATE'); params.from = period.from; }
  if (period.to) { inPeriod.push('i.day <= $to::DATE'); params.to = period.to; }
  const dated = `items i WHERE ${[scope.sql, ...inPeriod].join(' AND ')}`;

  // One pass over the items of the period (each item's day is stored at sync), three groupings.
  const groups = await store.all<{ g: number; category: string | null; unit: string | null; month: string | null; severity: string | null; n: number }>(
    `SELECT GROUPING(i.category, i.unit, month, i.severity) AS g, i.category, i.unit, strftime(i.day, '%Y-%m') AS month, i.severity, count(*) AS n
     FROM ${dated}
     GROUP BY GROUPING SETS ((i.category, i.unit), (month, i.severity), (i.severity))`, params);
  // GROUPING() sets a bit for each column left out, the first column highest: (category, unit) → 0b0011, (month, severity) → 0b1100, (severity) → 0b1110.
  // The grouped columns of a set are never null there (items' category, unit and severity are NOT NULL).
  const heat = groups.filter((r) => r.g === 0b0011).map((r) => ({ category: r.category ?? '', unit: r.unit ?? '', n: r.n }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.unit.localeCompare(b.unit));
  const byMonth = new Map<string, Overview['months'][number]>();
  for (const r of groups) {
    const month = r.month;
    if (r.g !== 0b1100 || month === null) continue;
    const m = byMonth.get(month) ?? { month, n: 0, high: 0, medium: 0, low: 0 };
    m.n += r.n;
    if (r.severity === 'high' || r.severity === 'medium' || r.severity === 'low') m[r.severity] += r.n;
    byMonth.set(month, m);
  }
  const months = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  const RANK: Record<string, number> = { high: 1, medium: 2, low: 3 };
  const severity = groups.filter((r) => r.g === 0b1110).map((r) => ({ severity: r.severity ?? '', n: r.n }))
    .sort((a, b) => (RANK[a.severity] ?? 9) - (RANK[b.severity] ?? 9));
  const unitScope = unitCondition(scopeOf(user), 'u.unit_code');
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

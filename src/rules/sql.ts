// The rule kit: the SQL fragments the rules share and the one way a rule's rows become findings.
// Figures stay in settings (checked when merged, so they are numbers and texts of the right range here);
// these only spell SQL.
import { lit, type Store } from '../store/db.ts';
import { usedParams } from './bind.ts';
import { EVIDENCE_KINDS, SEVERITIES, SUBJECT_KINDS, type Evidence, type Finding } from './types.ts';

/** A SQL list literal of strings: ('a','b'). For settings values only, never user data. */
export const sqlList = (values: readonly string[]): string => `(${values.map(lit).join(', ')})`;

/**
 * `column` lies in the period [from, to + 1 day): the condition every rule scopes its records with.
 * DATE for date columns (opinions.received_on), TIMESTAMP otherwise.
 */
export const inPeriod = (column: string, type: 'TIMESTAMP' | 'DATE' = 'TIMESTAMP'): string =>
  `(${column} >= $from::${type} AND ${column} < $to_excl::${type})`;

/** Run a rule's query with the named parameters it uses and check every row (see `toFindings`). */
export async function queryFindings(store: Store, sql: string, params: Readonly<Record<string, string>>): Promise<Finding[]> {
  const text = inlineDates(sql, params);
  return toFindings(await store.all(text, usedParams(text, params)));
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/**
 * The shape every finding must have, checked at run time (a rule's SQL is not type-checked): the kinds and
 * severity from their lists, non-empty id, rule and title, evidence a list of {kind, id}. Evidence entries
 * with no id are left out (an optional officer or device the record does not name); the score is clamped to
 * 0–1 and rounded for byte-stable output. A row of any other shape is a bug in the rule: it throws.
 */
export function toFindings(rows: readonly unknown[]): Finding[] {
  return rows.map((row) => {
    const bad = (what: string): never => { throw new Error(`rule returned a malformed finding (${what}): ${JSON.stringify(row)}`); };
    if (typeof row !== 'object' || row === null) bad('not an object');
    const r = row as Record<string, unknown>;
    const score = typeof r.score === 'string' ? Number(r.score) : r.score;
    if (!oneOf(SUBJECT_KINDS, r.subject_kind)) bad('subject_kind');
    if (!isText(r.subject_id)) bad('subject_id');
    if (r.unit !== null && typeof r.unit !== 'string') bad('unit');
    if (!oneOf(SEVERITIES, r.severity)) bad('severity');
    if (typeof score !== 'number' || !Number.isFinite(score)) bad('score');
    if (!isText(r.rule)) bad('rule');
    if (!isText(r.title)) bad('title');
    if (!Array.isArray(r.evidence)) bad('evidence');
    const evidence: Evidence[] = [];
    for (const e of r.evidence as unknown[]) {
      const { kind, id } = (e ?? {}) as { kind?: unknown; id?: unknown };
      if (!oneOf(EVIDENCE_KINDS, kind)) bad('evidence kind');
      if (id === null || id === undefined || id === '') continue;
      if (typeof id !== 'string') bad('evidence id');
      evidence.push({ kind: kind as Evidence['kind'], id: id as string });
    }
    return {
      subject_kind: r.subject_kind as Finding['subject_kind'],
      subject_id: r.subject_id as string,
      unit: r.unit as string | null,
      severity: r.severity as Finding['severity'],
      score: Math.round(Math.min(1, Math.max(0, score as number)) * 1000) / 1000,
      rule: r.rule as string,
      title: r.title as string,
      evidence,
    };
  });
}

/**
 * `$name::TIMESTAMP` / `$name::DATE` whose value is a plain date ('YYYY-MM-DD') are written into the statement
 * as the same cast of a constant. A bound parameter is not folded when the statement is planned, so DuckDB
 * evaluates the cast row by row and cannot skip row groups by their min/max; a constant it can (a month
 * then reads about a twelfth of the violations). Same value, same cast: the result is unchanged.
 */
export function inlineDates(sql: string, params: Readonly<Record<string, string>>): string {
  return sql.replace(/\$([a-z_]+)::(TIMESTAMP|DATE)\b/g, (whole, key: string, type: string) => {
    const v = params[key];
    return v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `'${v}'::${type}` : whole;
  });
}

/**
 * RULES 0.4 with 0.2: violation `v` was a valid penalty as things stood at the as-of date — 未处理/已处理, or
 * voided only on or after the as-of date (not yet voided when the rules judge). Written as a CASE on the status:
 * the same truth value (true, false, or NULL for a voided record without 作废时间; status is NOT NULL) as
 * `status IN (…) OR (status IN (…) AND voided_at >= as_of)`, at about a quarter of its CPU on a full scan of the
 * violations (DuckDB evaluates that OR over two IN lists on every row's decoded text).
 */
export const validAsOf = (v: string): string =>
  `(CASE ${v}.status WHEN '未处理' THEN true WHEN '已处理' THEN true ` +
  `WHEN '已作废' THEN ${v}.voided_at >= $as_of::TIMESTAMP WHEN '已撤销' THEN ${v}.voided_at >= $as_of::TIMESTAMP ELSE false END)`;

/** How the device rules name a device in a title: "<kind>设备 <id>（<name>）", kind and name when known. */
export const deviceLabel = (id: string, name: string, kind?: string): string =>
  `${kind ? `coalesce(${kind}, '') || ` : ''}'设备 ' || ${id} || coalesce('（' || ${name} || '）', '')`;

/**
 * The device rules' score: 0.7 at the warning mark `lo`, rising linearly to 0.95 at the high mark `hi`
 * and staying there (the count or ratio `x` is at least `lo` when this is asked).
 */
export const scoreRamp = (x: string, lo: number, hi: number): string =>
  `least(0.95, 0.7 + 0.25 * (${x} - ${lo}) / greatest(${hi} - ${lo}, 1))`;

/** Per-device aggregates of a set of captures (violation_id, occurred_at): the count, the first and the last. */
export const CAPTURE_SPAN = `count(*) AS n,
               arg_min(violation_id, (occurred_at, violation_id)) AS first_id,
               arg_max(violation_id, (occurred_at, violation_id)) AS last_id,
               min(occurred_at) AS first_at, max(occurred_at) AS last_at`;

/** Title part for CAPTURE_SPAN: the dates of the first and last capture, e.g. "2021-03-19 至 2021-06-30". */
export const CAPTURE_DATES = `strftime(first_at, '%Y-%m-%d') || CASE WHEN n > 1 THEN ' 至 ' || strftime(last_at, '%Y-%m-%d') ELSE '' END`;

/** Evidence for CAPTURE_SPAN: the device, then its first and last capture. */
export const CAPTURE_EVIDENCE = `[{'kind': 'device', 'id': device_id}, {'kind': 'violation', 'id': first_id}] ||
               CASE WHEN last_id <> first_id THEN [{'kind': 'violation', 'id': last_id}] ELSE [] END`;

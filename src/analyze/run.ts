// A run: every rule over the period, merged per subject, in a stable order; kept in the database
// under stable warning keys so the supervision workflow can follow a warning from month to month.
import type { DuckDBAppender } from '@duckdb/node-api';
import type { TableKey } from '../contract/tables.ts';
import { ident, transaction, type Store } from '../store/db.ts';
import { makeContext } from '../rules/context.ts';
import { RULES } from '../rules/index.ts';
import type { Settings } from '../rules/settings.ts';
import type { Category, Rule } from '../rules/types.ts';
import { versionForRun } from './settings-versions.ts';
import { localStamp } from '../time/index.ts';
import { mergeFindings, sortWarnings, toJsonLine, warningKey, type Warning } from './merge.ts';
import type { Period } from './period.ts';

/** A rule's wall time and the process's CPU time meanwhile (DuckDB's threads included: steadier on a shared machine). */
export interface RuleTiming { readonly category: Category; readonly ms: number; readonly cpuMs: number; readonly warnings: number }
export interface Skipped { readonly category: Category; readonly missing: readonly TableKey[] }

export interface AnalyzeResult {
  readonly period: Period;
  readonly warnings: readonly Warning[];
  readonly skipped: readonly Skipped[];
  readonly timings: readonly RuleTiming[];
  readonly fallbackUnit: string;
  /** The last import's id when the analysis began: the data it read (an import commits its row with its data). */
  readonly dataVersion: number;
}

/** The data's version: the last import's id (imports commit their row of `imports` with their rows). */
export async function dataVersion(store: Pick<Store, 'all'>): Promise<number> {
  const [{ v }] = await store.all<{ v: number }>('SELECT coalesce(max(import_id), 0) AS v FROM imports');
  return Number(v);
}

/** RULES.md 0.9: the 支队部门 whose name contains 法制 answers where a record names no unit. */
export async function fallbackUnit(store: Store): Promise<string> {
  const rows = await store.all<{ u: string }>(
    `SELECT unit_code AS u FROM units ORDER BY (kind = '支队部门' AND unit_name LIKE '%法制%') DESC, (kind = '支队部门') DESC, unit_code LIMIT 1`);
  return rows[0]?.u ?? '法制部门';
}

export async function analyze(store: Store, period: Period, settings: Settings, rules: readonly Rule[] = RULES): Promise<AnalyzeResult> {
  const version = await dataVersion(store);
  const ctx = makeContext(store, period, settings);
  const present = new Set<string>();
  for (const key of new Set(rules.flatMap((r) => r.needs))) {
    const [{ n }] = await store.all<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${ident(key)} LIMIT 1)`);
    if (n > 0) present.add(key);
  }
  const fallback = await fallbackUnit(store);
  const warnings: Warning[] = [];
  const skipped: Skipped[] = [];
  const timings: RuleTiming[] = [];
  for (const rule of rules) {
    const missing = rule.needs.filter((k) => !present.has(k));
    if (missing.length) {
      skipped.push({ category: rule.category, missing });
      continue;
    }
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const merged = mergeFindings(rule.category, await rule.run(ctx), fallback);
    const c = process.cpuUsage(c0);
    timings.push({ category: rule.category, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, warnings: merged.length });
    warnings.push(...merged);
  }
  return { period, warnings: sortWarnings(warnings), skipped, timings, fallbackUnit: fallback, dataVersion: version };
}

export const exportLines = (ws: readonly Warning[]): string => ws.map((w) => toJsonLine(w) + '\n').join('');

/**
 * Keep the run and its warnings, with the settings version it used (settings-versions.ts: figures not stored
 * yet become a version, described by `args.settings_reason` when given). Returns the run id.
 */
export async function saveRun(store: Store, result: AnalyzeResult, settings: Settings, args: Record<string, unknown>): Promise<number> {
  const counts: Record<string, number> = {};
  for (const w of result.warnings) counts[w.category] = (counts[w.category] ?? 0) + 1;
  return transaction(store, async () => {
    const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(run_id), 0) + 1 AS id FROM runs');
    const by = typeof args.by === 'string' ? args.by : 'system';
    const reason = typeof args.settings_reason === 'string' ? args.settings_reason : '分析时使用的设置（未采用）';
    const version = await versionForRun(store, settings, { by, reason, at: localStamp(new Date()) });
    await store.run(`INSERT INTO runs (run_id, created_at, period_from, period_to, as_of, args, settings, counts, skipped, settings_version)
      VALUES ($1, now()::TIMESTAMP, $2::DATE, $3::DATE, $4::DATE, $5, $6, $7, $8, $9)`, [
      // data_version lets a reader of the same period and settings reuse the run while the data are unchanged.
      id, result.period.from, result.period.to, result.period.asOf, JSON.stringify({ ...args, data_version: result.dataVersion }), JSON.stringify(settings),
      JSON.stringify(counts), JSON.stringify(result.skipped), version]);
    const app: DuckDBAppender = await store.conn.createAppender('warnings');
    for (const w of result.warnings) {
      app.appendBigInt(BigInt(id));
      app.appendVarchar(warningKey(w));
      app.appendVarchar(w.category);
      app.appendVarchar(w.subject.kind);
      app.appendVarchar(w.subject.id);
      app.appendVarchar(w.unit);
      app.appendVarchar(w.severity);
      app.appendDouble(w.score);
      app.appendVarchar(w.rule);
      app.appendVarchar(w.title);
      app.appendVarchar(JSON.stringify(w.evidence));
      app.appendVarchar(toJsonLine(w));
      app.endRow();
    }
    app.closeSync();
    return id;
  });
}

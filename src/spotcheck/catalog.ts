// The samples kept in the database, for the console: the list, one sample with its rows and findings,
// and its checklist written again (same rows, same parameters) for a user who did not run the CLI.
// The scope limits what a brigade sees to its own stratum.
import type { Store } from '../store/db.ts';
import { unitCondition, type Scope } from '../supervise/access.ts';
import { describeRecords, loadPopulation, type SampleKind } from './population.ts';
import { writeChecklist, type ChecklistParams, type ChecklistRow, type StratumLine } from './checklist.ts';
import { populationHash } from './draw.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface SampleSummary {
  readonly sample_id: number;
  readonly created_at: string;
  readonly month: string;
  readonly kind: SampleKind;
  readonly rate: number;
  readonly min_per_unit: number;
  readonly seed: number;
  readonly generator: string;
  readonly population_sha256: string;
  readonly population: number;
  readonly drawn: number;
  readonly checked: number;
  readonly failed: number;
}

export interface SampleRowView {
  readonly unit: string;
  readonly unit_name: string | null;
  readonly order: number;
  readonly kind: string;
  readonly id: string;
  readonly verdict: string | null;
  readonly problem: string | null;
  readonly note: string | null;
  readonly checker: string | null;
  readonly item_key: string | null;
}

/** The summaries' SQL for a scope: a brigade counts its own stratum's population, draws and findings. */
function summarySql(scope: Scope): { sql: string; params: Record<string, string> } {
  const stratum = unitCondition(scope, "j->>'unit'");
  const row = unitCondition(scope, 'r.unit_code');
  const finding = unitCondition(scope, 'f.unit_code');
  const population = scope.all ? 's.population'
    : `COALESCE((SELECT sum(CAST(j->>'population' AS BIGINT)) FROM unnest(CAST(s.strata AS JSON[])) t(j) WHERE ${stratum.sql}), 0)`;
  return {
    sql: `
  SELECT s.sample_id, strftime(s.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, s.month, s.kind, s.rate, s.min_per_unit, s.seed,
         s.generator, s.population_sha256, ${population} AS population,
         (SELECT count(*) FROM sample_rows r WHERE r.sample_id = s.sample_id AND ${row.sql}) AS drawn,
         (SELECT count(*) FROM sample_findings f WHERE f.sample_id = s.sample_id AND ${finding.sql}) AS checked,
         (SELECT count(*) FROM sample_findings f WHERE f.sample_id = s.sample_id AND f.verdict = '不合格' AND ${finding.sql}) AS failed
  FROM samples s`,
    params: { ...stratum.params, ...row.params, ...finding.params },
  };
}

export async function listSamples(store: Store, scope: Scope): Promise<SampleSummary[]> {
  const q = summarySql(scope);
  return store.all<SampleSummary>(`${q.sql} ORDER BY s.sample_id DESC`, q.params);
}

export async function sampleDetail(store: Store, sampleId: number, scope: Scope): Promise<{ sample: SampleSummary; rows: SampleRowView[] } | null> {
  const q = summarySql(scope);
  const [sample] = await store.all<SampleSummary>(`${q.sql} WHERE s.sample_id = $id`, { ...q.params, id: sampleId });
  if (!sample) return null;
  const row = unitCondition(scope, 'r.unit_code');
  const rows = await store.all<SampleRowView>(`
    SELECT r.unit_code AS unit, u.unit_name, r.draw_order AS "order", r.record_kind AS kind, r.record_id AS id,
           f.verdict, f.problem, f.note, f.checker, f.item_key
    FROM sample_rows r
    LEFT JOIN units u ON u.unit_code = r.unit_code
    LEFT JOIN sample_findings f USING (sample_id, record_kind, record_id)
    WHERE r.sample_id = $id AND ${row.sql}
    ORDER BY r.unit_code, r.draw_order`, { ...row.params, id: sampleId });
  return { sample, rows };
}

/**
 * Write a stored sample's checklist again. The rows are the stored ones; the display fields are read from
 * the data as it is now. `changed` says when the month's population no longer hashes to the stored value
 * (records added or removed since the draw): the checklist is still the sample that was drawn.
 */
export async function rewriteChecklist(store: Store, sampleId: number, file: string): Promise<{ ok: true; changed: boolean } | Failure> {
  const [s] = await store.all<{ month: string; kind: SampleKind; rate: number; min_per_unit: number; seed: number; generator: string; population_sha256: string; population: number; drawn: number; strata: string; created_at: string }>(
    `SELECT month, kind, rate, min_per_unit, seed, generator, population_sha256, population, drawn, strata, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at FROM samples WHERE sample_id = $1`, [sampleId]);
  if (!s) return failure('not-found', `没有编号为 ${sampleId} 的样本`);
  const population = await loadPopulation(store, s.kind, s.month);
  const stored = await store.all<{ unit_code: string; record_kind: string; record_id: string; draw_order: number }>(
    'SELECT unit_code, record_kind, record_id, draw_order FROM sample_rows WHERE sample_id = $1 ORDER BY unit_code, draw_order', [sampleId]);
  const byKey = await describeRecords(store, s.kind, s.month, stored.map((r) => ({ kind: r.record_kind, id: r.record_id })));
  const units = new Map((await store.all<{ unit_code: string; unit_name: string | null }>('SELECT unit_code, unit_name FROM units')).map((u) => [u.unit_code, u.unit_name]));
  const rows: ChecklistRow[] = stored.map((r) => {
    const p = byKey.get(`${r.record_kind}:${r.record_id}`);
    return {
      unit: r.unit_code, unit_name: units.get(r.unit_code) ?? null, order: r.draw_order, kind: r.record_kind, id: r.record_id,
      doc_no: p?.doc_no ?? null, at: p?.at ?? null, officer_id: p?.officer_id ?? null, officer_name: p?.officer_name ?? null,
      summary: p?.summary ?? '（记录已不在当月总体中）',
    };
  });
  const strata: StratumLine[] = (JSON.parse(s.strata) as { unit: string; population: number; drawn: number }[]).map((x) => ({ ...x, unit_name: units.get(x.unit) ?? null }));
  const params: ChecklistParams = {
    sampleId, month: s.month, kind: s.kind, rate: s.rate, min: s.min_per_unit, seed: s.seed, generator: s.generator,
    populationSha256: s.population_sha256, population: s.population, drawn: s.drawn, createdAt: s.created_at,
  };
  await writeChecklist(file, params, rows, strata);
  return { ok: true, changed: populationHash(population) !== s.population_sha256 };
}

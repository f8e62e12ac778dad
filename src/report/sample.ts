// A spot check (抽查) of one month: load the population, draw it, keep the draw, write the checklist.
import type { Store } from '../store/db.ts';
import { transaction } from '../store/serial.ts';
import { drawSample, type Draw } from './sample-draw.ts';
import { loadPopulation, type PopulationRow, type SampleKind } from './sample-population.ts';
import { writeChecklist, type ChecklistParams, type ChecklistRow, type StratumLine } from './sample-checklist.ts';

export interface SampleRequest {
  readonly month: string;
  readonly kind: SampleKind;
  /** Fraction in (0, 1]. */
  readonly rate: number;
  readonly min: number;
  readonly seed: number;
}

export interface SampleResult {
  readonly sampleId: number;
  readonly params: ChecklistParams;
  readonly draw: Draw;
  readonly rows: readonly ChecklistRow[];
  readonly strata: readonly StratumLine[];
}

/** Parse `5%`, `5 %` or `0.05` into a fraction in (0, 1]; null otherwise. */
export function parseRate(text: string): number | null {
  const s = text.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  const v = pct ? Number(pct[1]) / 100 : /^\d*\.\d+$|^1$/.test(s) ? Number(s) : NaN;
  return v > 0 && v <= 1 ? v : null;
}

/** Draw (without storing anything): the same data, kind, month, rate, minimum and seed always give the same rows. */
export async function drawFromStore(store: Store, req: SampleRequest): Promise<{ draw: Draw; byKey: Map<string, PopulationRow> }> {
  const population = await loadPopulation(store, req.kind, req.month);
  const draw = drawSample(population, { rate: req.rate, min: req.min, seed: req.seed });
  return { draw, byKey: new Map(population.map((r) => [`${r.kind}:${r.id}`, r])) };
}

export async function createSample(store: Store, req: SampleRequest, outFile: string | null): Promise<SampleResult> {
  const { draw, byKey } = await drawFromStore(store, req);
  const rows: ChecklistRow[] = draw.rows.map((d) => {
    const p = byKey.get(`${d.kind}:${d.id}`)!;
    return { unit: d.unit, unit_name: p.unit_name, order: d.order, kind: d.kind, id: d.id, doc_no: p.doc_no, at: p.at, officer_id: p.officer_id, officer_name: p.officer_name, summary: p.summary };
  });
  const unitNames = new Map(rows.map((r) => [r.unit, r.unit_name]));
  const strata: StratumLine[] = draw.strata.map((s) => ({ ...s, unit_name: unitNames.get(s.unit) ?? null }));
  // The file is written inside the transaction: a checklist that could not be written leaves no sample behind.
  return transaction(store, async () => {
    const [{ id, now }] = await store.all<{ id: number; now: string }>(
      `SELECT coalesce(max(sample_id), 0) + 1 AS id, strftime(now()::TIMESTAMP, '%Y-%m-%d %H:%M:%S') AS now FROM samples`);
    await store.run(
      `INSERT INTO samples VALUES ($id, $now::TIMESTAMP, $month, $kind, $rate, $min, $seed, $generator, $sha, $population, $drawn, $strata, $out)`,
      { id, now, month: req.month, kind: req.kind, rate: req.rate, min: req.min, seed: draw.seed, generator: draw.generator,
        sha: draw.populationSha256, population: draw.population, drawn: draw.rows.length, strata: JSON.stringify(draw.strata), out: outFile });
    const app = await store.conn.createAppender('sample_rows');
    for (const r of draw.rows) {
      app.appendBigInt(BigInt(id));
      app.appendVarchar(r.unit);
      app.appendVarchar(r.kind);
      app.appendVarchar(r.id);
      app.appendInteger(r.order);
      app.endRow();
    }
    app.closeSync();
    const params: ChecklistParams = {
      sampleId: id, month: req.month, kind: req.kind, rate: req.rate, min: req.min, seed: draw.seed, generator: draw.generator,
      populationSha256: draw.populationSha256, population: draw.population, drawn: draw.rows.length, createdAt: now,
    };
    if (outFile) await writeChecklist(outFile, params, rows, strata);
    return { sampleId: id, params, draw, rows, strata };
  });
}

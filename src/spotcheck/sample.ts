// A spot check (抽查) of one month: load the population, draw it, keep the draw, write the checklist.
import { transaction, type Store } from '../store/db.ts';
import { parseMonth } from '../time/index.ts';
import { chooseSeed, drawSample, type Draw } from './draw.ts';
import { describeRecords, loadPopulation, SAMPLE_KINDS, type PopulationRow, type SampleKind } from './population.ts';
import { writeChecklist, type ChecklistParams, type ChecklistRow, type StratumLine } from './checklist.ts';
import { failure, type Failure } from '../contract/failure.ts';

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

export const DEFAULT_MIN = 3;

/**
 * Check a request as the user typed it (CLI flags or a JSON body): month, kind, rate, minimum, seed.
 * Without a seed one is chosen here, to be recorded and printed like any other.
 */
export function checkSampleRequest(raw: { month?: unknown; kind?: unknown; rate?: unknown; min?: unknown; seed?: unknown }):
  { ok: true; req: SampleRequest; seedChosen: boolean } | Failure {
  const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
  const month = text(raw.month);
  if (!month || !parseMonth(month)) return failure('invalid', `月份应为 YYYY-MM（1990—2099 年），而不是 ${month?.slice(0, 40) ?? '（空）'}`);
  const kind = text(raw.kind);
  if (!SAMPLE_KINDS.includes(kind as SampleKind)) return failure('invalid', `抽查类型应为 ${SAMPLE_KINDS.join(' 或 ')}，而不是 ${kind ?? '（空）'}`);
  const rateText = text(raw.rate);
  const rate = rateText === undefined ? null : parseRate(rateText);
  if (rate === null) return failure('invalid', `抽取比例应为 (0, 100%] 内的比例，如 5% 或 0.05，而不是 ${rateText ?? '（空）'}`);
  const minText = text(raw.min);
  const min = minText === undefined ? DEFAULT_MIN : /^\d+$/.test(minText.trim()) ? Number(minText) : NaN;
  if (!Number.isSafeInteger(min)) return failure('invalid', `每单位最少条数应为非负整数，而不是 ${minText}`);
  const seedText = text(raw.seed);
  const seed = seedText === undefined ? chooseSeed() : /^\d+$/.test(seedText.trim()) ? Number(seedText) : NaN;
  if (!(Number.isSafeInteger(seed) && seed <= 0xffffffff)) return failure('invalid', `随机种子应为 0–4294967295 的整数，而不是 ${seedText}`);
  return { ok: true, req: { month: month.trim(), kind: kind as SampleKind, rate, min, seed }, seedChosen: seedText === undefined };
}

/** Draw (without storing anything): the same data, kind, month, rate, minimum and seed always give the same rows. */
export async function drawFromStore(store: Store, req: SampleRequest): Promise<{ draw: Draw; byKey: Map<string, PopulationRow> }> {
  const population = await loadPopulation(store, req.kind, req.month);
  const draw = drawSample(population, { rate: req.rate, min: req.min, seed: req.seed });
  return { draw, byKey: await describeRecords(store, req.kind, req.month, draw.rows) };
}

/** A month with nothing to draw: refused rather than stored as a sample nobody can check (or delete). */
export class EmptySampleError extends Error {
  constructor(req: SampleRequest) {
    super(`${req.month} 没有可抽取的${req.kind === 'documents' ? '法律文书' : '执法视频'}（总体为 0 条），未生成样本；请选择有数据的月份`);
    this.name = 'EmptySampleError';
  }
}

export async function createSample(store: Store, req: SampleRequest, outFile: string | null): Promise<SampleResult> {
  const { draw, byKey } = await drawFromStore(store, req);
  if (draw.rows.length === 0) throw new EmptySampleError(req);
  const rows: ChecklistRow[] = draw.rows.map((d) => {
    const p = byKey.get(`${d.kind}:${d.id}`);
    if (!p) throw new Error(`抽中的记录 ${d.kind}:${d.id} 没有读到`); // describeRecords reads every drawn record
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

// `npm run bench -- --compare FILE`: how each rule's analysis time grows from one scale to another. Given the
// results of two runs (bench/results/*.json) it prints, per rule, the larger scale's time ÷ the smaller's, wall
// and (where both runs recorded it) CPU, beside the ratio of the data; a rule that grows faster than the data
// by more than the allowance is flagged.

/** What a result file holds of the year's analysis (older files have no CPU per rule). */
export interface ScaleResult {
  scale: number;
  analyzeYear: { ms: number; rules: { category: string; ms: number; cpuMs?: number }[] };
}

/** A rule may grow this much faster than the data: 3.5× for 3× the data (issue 24). */
export const ALLOWANCE = 3.5 / 3;

/**
 * A rule that takes less than this at the larger scale (wall and CPU) is printed but not judged: inside a run of
 * several seconds a rule of a few milliseconds moves by as much as it takes (opinion-quota: 9–13 ms alone at scale 1
 * and at scale 3, 5–54 ms inside the analysis), so its ratio measures the process around it, not its work.
 */
export const NOISE_FLOOR_MS = 50;

export interface RuleGrowth {
  category: string; smallMs: number; largeMs: number; wall: number; cpu: number | null;
  /** within the allowance, or not judged */
  met: boolean;
  /** under NOISE_FLOOR_MS at the larger scale */
  tiny: boolean;
}

/**
 * Per rule (in the larger run's order), larger ÷ smaller; `met` when the ratio is within the allowance: the CPU ratio
 * where both runs recorded it (steadier on a shared machine, where a rule's wall time mostly measures the queue), else wall.
 */
export function compareScales(a: ScaleResult, b: ScaleResult): { small: ScaleResult; large: ScaleResult; dataRatio: number; rules: RuleGrowth[]; total: number } {
  const [small, large] = a.scale <= b.scale ? [a, b] : [b, a];
  const dataRatio = large.scale / small.scale;
  const limit = dataRatio * ALLOWANCE;
  const rules: RuleGrowth[] = [];
  for (const r of large.analyzeYear.rules) {
    const s = small.analyzeYear.rules.find((x) => x.category === r.category);
    if (!s || !(s.ms > 0)) continue;
    const wall = r.ms / s.ms;
    const cpu = r.cpuMs !== undefined && s.cpuMs !== undefined && s.cpuMs > 0 ? r.cpuMs / s.cpuMs : null;
    const tiny = r.ms < NOISE_FLOOR_MS && (r.cpuMs ?? 0) < NOISE_FLOOR_MS;
    rules.push({ category: r.category, smallMs: s.ms, largeMs: r.ms, wall, cpu, tiny, met: tiny || (cpu ?? wall) <= limit });
  }
  return { small, large, dataRatio, rules, total: large.analyzeYear.ms / small.analyzeYear.ms };
}

/** The comparison as the bench prints it. */
export function formatComparison(c: ReturnType<typeof compareScales>): string {
  const s = c.small.scale, l = c.large.scale;
  const limit = c.dataRatio * ALLOWANCE;
  const out = [`analysis of the year, scale ${l} ÷ scale ${s} (${c.dataRatio.toFixed(2)}× the data; a rule may take ≤ ${limit.toFixed(2)}×)`,
    `  ${'rule'.padEnd(20)} ${`scale ${s} ms`.padStart(12)} ${`scale ${l} ms`.padStart(12)} ${'wall ×'.padStart(8)} ${'CPU ×'.padStart(7)}`];
  for (const r of c.rules) {
    const flag = r.tiny ? `  under ${NOISE_FLOOR_MS} ms: not judged` : r.met ? '' : '  grows faster than the data';
    out.push(`  ${r.category.padEnd(20)} ${r.smallMs.toFixed(0).padStart(12)} ${r.largeMs.toFixed(0).padStart(12)} ${r.wall.toFixed(2).padStart(8)} ${(r.cpu === null ? '-' : r.cpu.toFixed(2)).padStart(7)}${flag}`);
  }
  out.push(`  ${'all (in-process)'.padEnd(20)} ${c.small.analyzeYear.ms.toFixed(0).padStart(12)} ${c.large.analyzeYear.ms.toFixed(0).padStart(12)} ${c.total.toFixed(2).padStart(8)}`);
  const over = c.rules.filter((r) => !r.met);
  const tiny = c.rules.filter((r) => r.tiny);
  const unjudged = tiny.length ? `; not judged, under ${NOISE_FLOOR_MS} ms at scale ${l}: ${tiny.map((r) => r.category).join(', ')}` : '';
  out.push((over.length ? `MISSED every rule ≤ ${limit.toFixed(2)}× (CPU where recorded, else wall): ${over.map((r) => `${r.category} ${(r.cpu ?? r.wall).toFixed(2)}×`).join(', ')}` : `MET    every rule ≤ ${limit.toFixed(2)}× (CPU where recorded, else wall)`) + unjudged);
  return out.join('\n');
}

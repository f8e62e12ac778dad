import { describe, expect, it } from 'vitest';
import { compareScales, formatComparison, type ScaleResult } from '../bench/compare.ts';

const run = (scale: number, ms: number, rules: [string, number, number?][]): ScaleResult => ({
  scale, analyzeYear: { ms, rules: rules.map(([category, m, cpuMs]) => ({ category, ms: m, cpuMs })) },
});

describe('bench --compare: rule times from one scale to another', () => {
  const one = run(1, 1000, [['blackspot', 100, 150], ['point-trading', 400, 700], ['code-mismatch', 200]]);
  const three = run(3, 4000, [['blackspot', 3300, 4000], ['point-trading', 1300, 2000], ['code-mismatch', 720], ['new-rule', 5]]);

  it('gives larger ÷ smaller per rule whichever file comes first, and flags a rule above 3.5× for 3× the data', () => {
    for (const c of [compareScales(one, three), compareScales(three, one)]) {
      expect(c.dataRatio).toBe(3);
      expect(c.total).toBe(4);
      expect(c.rules.map((r) => [r.category, r.wall, r.cpu, r.met])).toEqual([
        ['blackspot', 33, 4000 / 150, false],
        ['point-trading', 3.25, 2000 / 700, true],
        ['code-mismatch', 3.6, null, false], // no CPU figure in one of the files: the wall ratio decides
      ]);
    }
  });

  it('the CPU ratio decides where both runs have it (a busy machine queues the wall time): over by wall only is met, over by CPU only is not', () => {
    const c = compareScales(run(1, 100, [['x', 100, 100], ['y', 100, 100]]), run(3, 500, [['x', 500, 300], ['y', 200, 400]]));
    expect(c.rules.map((r) => [r.category, r.wall, r.cpu, r.met])).toEqual([['x', 5, 3, true], ['y', 2, 4, false]]);
  });

  it('prints each ratio and names the rules that grow faster than the data', () => {
    const text = formatComparison(compareScales(one, three));
    expect(text).toContain('scale 3 ÷ scale 1 (3.00× the data; a rule may take ≤ 3.50×)');
    expect(text).toMatch(/blackspot +100 +3300 +33\.00 +26\.67 +grows faster than the data/);
    expect(text).toMatch(/point-trading +400 +1300 +3\.25 +2\.86\n/);
    expect(text).toMatch(/all \(in-process\) +1000 +4000 +4\.00/);
    expect(text).toContain('MISSED every rule ≤ 3.50× (CPU where recorded, else wall): blackspot 26.67×, code-mismatch 3.60×');
    expect(formatComparison(compareScales(run(1, 100, [['x', 100]]), run(3, 300, [['x', 300]])))).toContain('MET    every rule ≤ 3.50×');
  });

  it('does not judge a rule of a few milliseconds at the larger scale (its ratio is the noise around it), and says so', () => {
    const c = compareScales(run(1, 1000, [['tiny', 6, 7], ['slow', 60, 70]]), run(3, 3000, [['tiny', 26, 47], ['slow', 260, 300]]));
    expect(c.rules.map((r) => [r.category, r.tiny, r.met])).toEqual([['tiny', true, true], ['slow', false, false]]);
    const text = formatComparison(c);
    expect(text).toMatch(/tiny +6 +26 +4\.33 +6\.71 +under 50 ms: not judged/);
    expect(text).toContain('MISSED every rule ≤ 3.50× (CPU where recorded, else wall): slow 4.29×; not judged, under 50 ms at scale 3: tiny');
    // By CPU as well: a rule whose CPU time at the larger scale reaches the floor is judged.
    expect(compareScales(run(1, 100, [['x', 10, 10]]), run(3, 300, [['x', 40, 60]])).rules[0]).toMatchObject({ tiny: false, met: false });
  });
});

import { describe, expect, it } from 'vitest';
import { exactMean, exactSum } from './exact-sum.ts';

describe('exactSum', () => {
  it('keeps what a running sum loses', () => {
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    expect([1e16, 1, -1e16].reduce((a, b) => a + b, 0)).toBe(0); // the naive sum, for contrast
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(exactSum([])).toBe(0);
  });

  it('rounds a half-way total to even', () => {
    // 2^53 + 1 is half-way between 2^53 and 2^53 + 2: even is 2^53.
    expect(exactSum([2 ** 53, 1])).toBe(2 ** 53);
    expect(exactSum([2 ** 53, 1, 2 ** -60])).toBe(2 ** 53 + 2);
  });

  it('gives the same sum in any order (coordinates of a city, shuffled)', () => {
    let x = 7;
    const rnd = () => { x = (x * 1664525 + 1013904223) % 4294967296; return x / 4294967296; };
    const six = (v: number) => Math.round(v * 1e6) / 1e6; // as exported: six decimals
    const pts = Array.from({ length: 2000 }, () => ({ lon: six(112 + rnd() * 2), lat: six(37 + rnd()) }));
    const m = exactMean(pts);
    const naive = new Set<number>();
    for (let k = 0; k < 20; k++) {
      const shuffled = [...pts];
      for (let i = shuffled.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]; }
      expect(exactMean(shuffled)).toEqual(m);
      naive.add(shuffled.reduce((s, p) => s + p.lon, 0));
    }
    expect(naive.size).toBeGreaterThan(1); // a running sum does depend on the order
  });
});

// When things happen in the demo: the hourly rhythm of traffic enforcement (one table, used by every
// generator that draws a time of day) and the weekly one.
import { RETRIES, type Rng } from '../rng.ts';
import { at } from '../time.ts';

/** Hourly rhythm of traffic enforcement (relative), as cumulative weights: HOUR_CUM[h + 1] - HOUR_CUM[h] is hour h. */
const HOUR_CUM: readonly number[] = [0.25, 0.15, 0.1, 0.1, 0.15, 0.35, 0.8, 1.6, 2.2, 2.0, 1.8, 1.7, 1.4, 1.4, 1.6, 1.7, 1.8, 2.1, 2.2, 1.7, 1.3, 1.0, 0.7, 0.45]
  .reduce((c, w) => { c.push(c[c.length - 1] + w); return c; }, [0]);

/** Day of week (0 = Sunday). */
export const WEEKDAY_WEIGHTS = [0.75, 1.05, 1.05, 1.05, 1.05, 1.1, 0.8];

/** An hour of the day (0–23) drawn with the hourly rhythm: one draw. */
export function drawHour(r: Rng): number {
  const x = r.next() * HOUR_CUM[24];
  let h = 0;
  while (h < 23 && HOUR_CUM[h + 1] <= x) h++;
  return h;
}

/** A random time on a day with the usual hourly rhythm, within [fromHour, toHour). */
export function timeOn(r: Rng, day: number, fromHour = 0, toHour = 24): number {
  if (!(fromHour < toHour && fromHour >= 0 && toHour <= 24)) throw new Error(`timeOn: empty hour window ${fromHour}..${toHour}`);
  for (let tries = 0; tries < RETRIES; tries++) {
    const h = drawHour(r);
    if (h >= fromHour && h < toHour) return at(day, h, r.int(60), r.int(60));
  }
  // A window of (almost) no weight: uniform within it.
  return at(day, fromHour + r.int(toHour - fromHour), r.int(60), r.int(60));
}

/** Spread `total` over days by weights, exactly. */
export function spread(total: number, weights: number[]): number[] {
  const W = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let cum = 0, prev = 0;
  for (const w of weights) {
    cum += (total * w) / W;
    const r = Math.round(cum);
    out.push(r - prev);
    prev = r;
  }
  return out;
}

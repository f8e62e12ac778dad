// The correctly rounded sum of doubles (Shewchuk's algorithm, as Python's math.fsum): the result does not depend on
// the order of the terms. The blackspot rule's centres and locations are means of coordinates found in whatever
// order the grid yields them; summed exactly, the location printed is the same in any order.

/** The double nearest the exact sum of `xs` (ties to even). */
export function exactSum(xs: Iterable<number>): number {
  // Non-overlapping partial sums, smallest magnitude first, whose exact total is the exact sum so far.
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  // Round the partials' exact total once: add from the largest down until a remainder is lost, then correct a
  // half-way case the way round-half-even would have.
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n], lo = 0;
  while (n > 0) {
    const x = hi, y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2, x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** The mean of the points' longitudes and latitudes, each summed exactly. */
export function exactMean(pts: readonly { lon: number; lat: number }[]): { lon: number; lat: number } {
  return { lon: exactSum(pts.map((p) => p.lon)) / pts.length, lat: exactSum(pts.map((p) => p.lat)) / pts.length };
}

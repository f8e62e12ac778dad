// Work done ahead of its consumer, one item at a time and in order within a lane; lanes run side by side. The
// import uses it for the source step: while DuckDB loads one file on its own threads, the main thread, otherwise
// idle, already converts the next files (scan, GB18030 → UTF-8, XLSX → CSV), and the largest file has a lane of
// its own so that it does not wait for the small ones before it.

/** An outcome kept as a value, so that work failing ahead of its consumer is reported when it is consumed. */
export type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

export interface Ahead<R> {
  /** The outcome of item `i`, once it is done. */
  take(i: number): Promise<Settled<R>>;
  /** Start no further item and wait for the one under way: call before removing what the work writes into. */
  stop(): Promise<void>;
}

export class Stopped extends Error {
  constructor() {
    super('stopped before it started');
  }
}

export function inOrderAhead<T, R>(
  items: readonly T[], work: (item: T, index: number) => Promise<R>, laneOf: (item: T, index: number) => number = () => 0,
): Ahead<R> {
  let stopped = false;
  const outcomes: Promise<Settled<R>>[] = [];
  const lanes = new Map<number, Promise<unknown>>();
  items.forEach((item, i) => {
    const lane = laneOf(item, i);
    const outcome = (lanes.get(lane) ?? Promise.resolve()).then(async (): Promise<Settled<R>> => {
      if (stopped) return { ok: false, error: new Stopped() };
      try {
        return { ok: true, value: await work(item, i) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    outcomes.push(outcome);
    lanes.set(lane, outcome);
  });
  return {
    take: (i) => {
      const outcome = outcomes[i];
      if (!outcome) throw new Error(`inOrderAhead: no item ${i} of ${outcomes.length}`);
      return outcome;
    },
    stop: async () => {
      stopped = true;
      await Promise.all(lanes.values());
    },
  };
}

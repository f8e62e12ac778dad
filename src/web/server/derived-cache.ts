// Reports the server derives from the imported data alone, kept until the data change. The risk profile of a period
// other than the one its page opens on (which is kept in the database, report/risk-store.ts) runs the whole analysis
// of its period (seconds at a city-year): the list, each officer's page and the export of the same period would each
// run it again. Imported data change only by an import, which commits a row of `imports`
// with the data, so the last import's id is the data's version: a report is reused while it is unchanged.
import type { Store } from '../../store/db.ts';

export interface DerivedCache<T> {
  /** The report for `key` over the current data: computed once per key and data version, the same promise for requests that overlap. */
  get(store: Pick<Store, 'all'>, key: string, compute: () => Promise<T>): Promise<T>;
}

async function dataVersion(store: Pick<Store, 'all'>): Promise<number> {
  const [{ v }] = await store.all<{ v: number }>('SELECT coalesce(max(import_id), 0) AS v FROM imports');
  return v;
}

/** Keeps the `capacity` reports used last; a computation that fails is not kept. */
export function derivedCache<T>(capacity = 8): DerivedCache<T> {
  // A Map keeps insertion order: the first entry is the one used longest ago.
  const entries = new Map<string, Promise<T>>();
  return {
    async get(store, key, compute) {
      const k = `${await dataVersion(store)}\u0000${key}`;
      const kept = entries.get(k);
      if (kept) {
        entries.delete(k);
        entries.set(k, kept);
        return kept;
      }
      const made = compute();
      entries.set(k, made);
      made.catch(() => { if (entries.get(k) === made) entries.delete(k); });
      for (const old of entries.keys()) {
        if (entries.size <= capacity) break;
        entries.delete(old);
      }
      return made;
    },
  };
}

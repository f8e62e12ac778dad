// One DuckDB connection holds one transaction at a time, but a server answers many requests at once:
// their awaits interleave on the single connection, and a second BEGIN inside the first one's
// transaction would fail or, worse, mix two requests' writes. A serial store queues every statement
// and every transaction on the connection, so each transaction runs alone and statements of other
// requests wait until it commits. Long jobs (imports, analyses) use their own connection instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Params, Store } from './store.ts';
import { transaction } from './transaction.ts';

export interface SerialStore extends Store {
  /** Run `body` alone on the connection, in one transaction: everything or nothing. */
  transaction<T>(body: () => Promise<T>): Promise<T>;
}

/** A queue: each piece of work starts when the one before has finished. */
function queue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/**
 * `readers` > 0: a query (`all`) outside a transaction runs on one of that many extra connections, so
 * reads proceed side by side and never wait behind a write; they see committed data only (DuckDB's
 * MVCC). Such a query must not need the writer's temporary tables — use a transaction for that.
 */
export function serialStore(inner: Store, opts: { readers?: number } = {}): SerialStore {
  const inside = new AsyncLocalStorage<true>();
  const exclusive = queue();
  // Inside a transaction the caller already holds the connection: run directly, or it would wait for itself.
  const queued = <T>(work: () => Promise<T>): Promise<T> => (inside.getStore() ? work() : exclusive(work));
  const readers: { store: Promise<Store>; q: ReturnType<typeof queue> }[] = [];
  const opened: Store[] = [];
  let next = 0;
  const read = <T>(query: (s: Store) => Promise<T>): Promise<T> => {
    if (inside.getStore() || !opts.readers) return queued(() => query(inner));
    if (readers.length < opts.readers) {
      const store = inner.connect();
      void store.then((s) => opened.push(s), () => undefined);
      readers.push({ store, q: queue() });
    }
    const r = readers[next++ % readers.length];
    return r.q(async () => query(await r.store));
  };
  return {
    path: inner.path,
    conn: inner.conn,
    run: (sql: string, params?: Params) => queued(() => inner.run(sql, params)),
    all: <T>(sql: string, params?: Params) => read((s) => s.all<T>(sql, params)),
    numbers: (sql: string, params?: Params) => read((s) => s.numbers(sql, params)),
    close: () => {
      for (const s of opened) s.close();
      inner.close();
    },
    connect: () => inner.connect(),
    transaction<T>(body: () => Promise<T>): Promise<T> {
      if (inside.getStore()) return body();
      return exclusive(() => inside.run(true, () => transaction(inner, body)));
    },
  };
}

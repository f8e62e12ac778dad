// One DuckDB connection holds one transaction at a time, but a server answers many requests at once:
// their awaits interleave on the single connection, and a second BEGIN inside the first one's
// transaction would fail or, worse, mix two requests' writes. A serial store queues every statement
// and every transaction on the connection, so each transaction runs alone and statements of other
// requests wait until it commits. Long jobs (imports, analyses) use their own connection instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Params, Row, Store } from './store.ts';
import { inTransaction } from './transaction.ts';

export interface SerialStore extends Store {
  /** Run `body` alone on the connection, in one transaction: everything or nothing. */
  transaction<T>(body: () => Promise<T>): Promise<T>;
}

export function serialStore(inner: Store): SerialStore {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
  // Inside a transaction the caller already holds the connection: run directly, or it would wait for itself.
  const queued = <T>(work: () => Promise<T>): Promise<T> => (inside.getStore() ? work() : exclusive(work));
  return {
    path: inner.path,
    conn: inner.conn,
    run: (sql: string, params?: Params) => queued(() => inner.run(sql, params)),
    all: <T = Row>(sql: string, params?: Params) => queued(() => inner.all<T>(sql, params)),
    close: () => inner.close(),
    connect: () => inner.connect(),
    transaction<T>(body: () => Promise<T>): Promise<T> {
      if (inside.getStore()) return body();
      return exclusive(() => inside.run(true, () => inTransaction(inner, body)));
    },
  };
}

/** A transaction on any store: the serial store's queue when there is one, a plain BEGIN … COMMIT otherwise. */
export function transaction<T>(store: Store, body: () => Promise<T>): Promise<T> {
  return 'transaction' in store ? (store as SerialStore).transaction(body) : inTransaction(store, body);
}

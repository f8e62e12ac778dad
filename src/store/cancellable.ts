// A store whose work can be called off: once the signal aborts, the statement running is interrupted
// and every later statement fails, so the job's transaction unwinds to its ROLLBACK (which is let
// through) and nothing it wrote is kept. Used for the server's imports and analyses on shutdown.
import type { Params, Store } from './store.ts';

export class CancelledError extends Error {}

const ROLLBACK = /^\s*ROLLBACK\b/i;

export function cancellableStore(inner: Store, signal: AbortSignal, reason = '任务已取消'): Store {
  const check = (sql: string) => {
    if (signal.aborted && !ROLLBACK.test(sql)) throw new CancelledError(reason);
  };
  const onAbort = () => {
    try { inner.conn.interrupt(); } catch { /* nothing running */ }
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const wrap = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      check(sql);
    } catch (err) {
      return Promise.reject(err);
    }
    // An interrupted statement fails with DuckDB's own words; say why it was interrupted instead.
    return run().catch((err: unknown) => { if (signal.aborted) throw new CancelledError(reason); throw err; });
  };
  return {
    path: inner.path,
    conn: inner.conn,
    run: (sql: string, params?: Params) => wrap(sql, () => inner.run(sql, params)),
    all: <T>(sql: string, params?: Params) => wrap(sql, () => inner.all<T>(sql, params)),
    numbers: (sql: string, params?: Params) => wrap(sql, () => inner.numbers(sql, params)),
    close: () => { signal.removeEventListener('abort', onAbort); inner.close(); },
    connect: () => inner.connect(),
  };
}

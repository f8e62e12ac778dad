// The one way to run statements as one transaction. On the server's serialised store (serial.ts) the
// whole transaction holds the connection, so no other request's statement runs inside it; on a plain
// store (a command, a job's own connection) it is BEGIN … COMMIT. A transaction started inside another
// on the same store joins it: callers compose (a sample drawn inside a route's transaction) without
// knowing whether they are already inside one.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Store } from './store.ts';

/** A store that runs a transaction itself (the serial store queues it behind other requests' work). */
interface OwnTransactions { transaction<T>(body: () => Promise<T>): Promise<T> }

const hasOwn = (store: Store): store is Store & OwnTransactions => typeof (store as Partial<OwnTransactions>).transaction === 'function';

// The plain stores whose transaction the current async call chain is inside.
const open = new AsyncLocalStorage<ReadonlySet<Store>>();

/**
 * Run `body` in one transaction on `store`: everything or nothing. The error of `body` is the one
 * rethrown; a failed ROLLBACK (DuckDB may already have aborted the transaction, e.g. on a full disk)
 * must not hide it. Ids a transaction allocates (max + 1) are read inside it, where no other writer runs.
 */
export function transaction<T>(store: Store, body: () => Promise<T>): Promise<T> {
  if (hasOwn(store)) return store.transaction(body);
  const inside = open.getStore();
  if (inside?.has(store)) return body();
  return open.run(new Set([...(inside ?? []), store]), () => beginCommit(store, body));
}

async function beginCommit<T>(store: Store, body: () => Promise<T>): Promise<T> {
  await store.run('BEGIN TRANSACTION');
  try {
    const result = await body();
    await store.run('COMMIT');
    return result;
  } catch (err) {
    await store.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

import type { Store } from './store.ts';

/**
 * Run `body` in one transaction: everything or nothing. The error of `body` is the one rethrown; a failed
 * ROLLBACK (DuckDB may already have aborted the transaction, e.g. on a full disk) must not hide it.
 */
export async function inTransaction<T>(store: Store, body: () => Promise<T>): Promise<T> {
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

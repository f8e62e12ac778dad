import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.ts';
import { inTransaction } from './transaction.ts';

describe('inTransaction', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:', { migrate: false });
    await store.run('CREATE TABLE t (x INTEGER)');
  });
  afterAll(() => store.close());
  const count = async () => (await store.all<{ n: number }>('SELECT count(*) AS n FROM t'))[0].n;

  it('keeps everything the body did when it succeeds, and returns its value', async () => {
    expect(await inTransaction(store, async () => { await store.run('INSERT INTO t VALUES (1), (2)'); return 'done'; })).toBe('done');
    expect(await count()).toBe(2);
  });

  it('keeps nothing when the body fails, and rethrows the body\'s error', async () => {
    await expect(inTransaction(store, async () => {
      await store.run('INSERT INTO t VALUES (3)');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(await count()).toBe(2);
  });

  it('rethrows the body\'s error even when the rollback itself fails', async () => {
    await expect(inTransaction(store, async () => {
      await store.run('COMMIT'); // the transaction is gone, as after an abort inside DuckDB
      throw new Error('the real cause');
    })).rejects.toThrow('the real cause');
  });
});

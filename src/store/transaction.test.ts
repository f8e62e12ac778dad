import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.ts';
import { serialStore } from './serial.ts';
import { transaction } from './transaction.ts';

describe('transaction', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:', { migrate: false });
    await store.run('CREATE TABLE t (x INTEGER)');
  });
  afterAll(() => store.close());
  const count = async () => (await store.all<{ n: number }>('SELECT count(*) AS n FROM t'))[0].n;

  it('keeps everything the body did when it succeeds, and returns its value', async () => {
    expect(await transaction(store, async () => { await store.run('INSERT INTO t VALUES (1), (2)'); return 'done'; })).toBe('done');
    expect(await count()).toBe(2);
  });

  it('keeps nothing when the body fails, and rethrows the body\'s error', async () => {
    await expect(transaction(store, async () => {
      await store.run('INSERT INTO t VALUES (3)');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(await count()).toBe(2);
  });

  it('rethrows the body\'s error even when the rollback itself fails', async () => {
    await expect(transaction(store, async () => {
      await store.run('COMMIT'); // the transaction is gone, as after an abort inside DuckDB
      throw new Error('the real cause');
    })).rejects.toThrow('the real cause');
  });

  it('joins the transaction it is called inside, on a plain store: one BEGIN, and a failure undoes both', async () => {
    await expect(transaction(store, async () => {
      await store.run('INSERT INTO t VALUES (4)');
      await transaction(store, () => store.run('INSERT INTO t VALUES (5)'));
      throw new Error('late failure');
    })).rejects.toThrow('late failure');
    expect(await count()).toBe(2);
  });
});

describe('transaction on the server\'s serialised store', () => {
  it('runs alone: statements of other requests issued meanwhile neither run inside it nor break its BEGIN', async () => {
    const raw = await openStore(':memory:', { migrate: false });
    const store = serialStore(raw);
    try {
      await store.run('CREATE TABLE t (who VARCHAR, x INTEGER)');
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      let entered!: () => void;
      const inside = new Promise<void>((r) => { entered = r; });
      // A transaction that writes, waits while others ask, then fails: none of its writes may stay.
      const failing = transaction(store, async () => {
        await store.run("INSERT INTO t VALUES ('tx', 1)");
        entered();
        await held;
        await store.run("INSERT INTO t VALUES ('tx', 2)");
        throw new Error('rolled back');
      });
      await inside;
      // Meanwhile: another request's plain write, another transaction, and a read.
      const other = store.run("INSERT INTO t VALUES ('other', 1)");
      const second = transaction(store, () => store.run("INSERT INTO t VALUES ('second', 1)"));
      const read = store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t');
      release();
      await expect(failing).rejects.toThrow('rolled back');
      await Promise.all([other, second]);
      // The read waited in line behind the transaction and the two writes: it saw neither the transaction's rows nor a half.
      expect((await read)[0].n).toBe(2);
      const rows = await store.all<{ who: string }>('SELECT who FROM t ORDER BY who');
      expect(rows.map((r) => r.who)).toEqual(['other', 'second']);
    } finally {
      store.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../store/db.ts';
import { derivedCache } from './derived-cache.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yanpan-derived-'));
  store = await openStore(join(dir, 'y.duckdb'));
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

/** What an import leaves: its row in `imports` (committed with the data). */
const imported = (id: number) => store.run(`INSERT INTO imports VALUES (${id}, now()::TIMESTAMP, now()::TIMESTAMP, 'x', 'ok', NULL)`);

/** A computation that counts its runs and answers with the run's number. */
const counter = () => {
  let runs = 0;
  return { runs: () => runs, compute: async () => ++runs };
};

describe('derivedCache', () => {
  it('computes a key once while the data stay the same, and again after an import', async () => {
    const cache = derivedCache<number>();
    const c = counter();
    expect(await cache.get(store, 'a', c.compute)).toBe(1);
    expect(await cache.get(store, 'a', c.compute)).toBe(1);
    await imported(1);
    expect(await cache.get(store, 'a', c.compute)).toBe(2);
    expect(await cache.get(store, 'a', c.compute)).toBe(2);
    expect(c.runs()).toBe(2);
  });

  it('keeps keys apart, and shares one computation between requests that overlap', async () => {
    const cache = derivedCache<number>();
    const c = counter();
    const [x, y, z] = await Promise.all([cache.get(store, 'a', c.compute), cache.get(store, 'a', c.compute), cache.get(store, 'b', c.compute)]);
    // Which key computes first depends on which version lookup answers first: only the sharing is fixed.
    expect(x).toBe(y);
    expect([x, z].sort()).toEqual([1, 2]);
    expect(c.runs()).toBe(2);
  });

  it('does not keep a failure: the next request computes again', async () => {
    const cache = derivedCache<number>();
    await expect(cache.get(store, 'a', () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await cache.get(store, 'a', async () => 7)).toBe(7);
  });

  it('keeps the reports used last, up to its capacity', async () => {
    const cache = derivedCache<number>(2);
    const c = counter();
    await cache.get(store, 'a', c.compute); // 1
    await cache.get(store, 'b', c.compute); // 2
    await cache.get(store, 'a', c.compute); // kept; now b is the oldest
    await cache.get(store, 'c', c.compute); // 3, b goes
    expect(await cache.get(store, 'a', c.compute)).toBe(1);
    expect(await cache.get(store, 'b', c.compute)).toBe(4);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { Store } from '../store/db.ts';
import { ROW_GROUP_ROWS, setVacuumFor, tablesToCompact, VACUUM_SHARE } from './vacuum.ts';

describe('tablesToCompact', () => {
  it('compacts a table the import replaced a large share of, not one it appended to or barely touched', () => {
    const rows = new Map([['violations', 3_250_000], ['drivers', 390_000], ['units', 19]]);
    expect(tablesToCompact([
      { table: 'violations', replaced: 16 }, // the monthly routine: a few records sent again
      { table: 'drivers', replaced: 0 },
      { table: 'units', replaced: 19 }, // the same reference table sent again whole: every row, but a handful
    ], rows)).toEqual([]);
    expect(tablesToCompact([{ table: 'drivers', replaced: 390_000 }], rows)).toEqual(['drivers']); // the same export again
    expect(tablesToCompact([{ table: 'violations', replaced: Math.ceil(VACUUM_SHARE * 3_250_000) }], rows)).toEqual(['violations']);
    expect(tablesToCompact([{ table: 'violations', replaced: Math.floor(VACUUM_SHARE * 3_250_000) - 1 }], rows)).toEqual([]);
  });
});

describe('setVacuumFor', () => {
  let store: Store;
  beforeEach(async () => { store = await fixtureStore({ units: [{ unit_code: 'U1', unit_name: '一大队' }, { unit_code: 'U2', unit_name: '二大队' }] }); });
  afterEach(() => store.close());
  const setting = async () => (await store.all<{ v: string }>("SELECT current_setting('max_vacuum_tasks')::VARCHAR AS v"))[0].v;

  it('sets the database to vacuum at its next checkpoint after a large replacement, and not after an append', async () => {
    await store.run(`INSERT INTO units SELECT 'X' || i, '单位' || i, NULL, NULL FROM range(${ROW_GROUP_ROWS}) t(i)`);
    expect(await setVacuumFor(store, [{ table: 'units', replaced: ROW_GROUP_ROWS }])).toEqual(['units']);
    expect(await setting()).toBe('100');
    expect(await setVacuumFor(store, [{ table: 'units', replaced: 2 }])).toEqual([]);
    expect(await setting()).toBe('0');
  });
});

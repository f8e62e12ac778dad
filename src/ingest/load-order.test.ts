import { describe, expect, it } from 'vitest';
import { TABLE_KEYS, type TableKey } from '../contract/tables.ts';
import { loadOrder } from './load-order.ts';

const folder = (bytes: Partial<Record<TableKey, number>>) =>
  TABLE_KEYS.filter((k) => k in bytes).map((table) => ({ table, bytes: bytes[table]! }));
const tablesIn = (files: { table: TableKey }[], order: number[]) => order.map((i) => files[i].table);

describe('loadOrder', () => {
  it('loads the referenced tables first, then the others with the largest file last', () => {
    const files = folder({ units: 1, officers: 10, drivers: 500, devices: 20, violations: 9000, accidents: 400, videos: 300 });
    expect(tablesIn(files, loadOrder(files))).toEqual(['units', 'officers', 'devices', 'drivers', 'accidents', 'videos', 'violations']);
  });

  it('keeps a large referenced table before the tables that refer to it', () => {
    const files = folder({ officers: 10_000_000, violations: 5, accidents: 7 });
    expect(tablesIn(files, loadOrder(files))).toEqual(['officers', 'violations', 'accidents']);
  });

  it('keeps the contract order among files of equal size, and loads every file once', () => {
    const files = folder({ units: 3, drivers: 3, vehicles: 3, business: 3 });
    expect(tablesIn(files, loadOrder(files))).toEqual(['units', 'drivers', 'vehicles', 'business']);
    expect(loadOrder([])).toEqual([]);
  });
});

// The day an item's misconduct happened (the 总览's period and months): its earliest dated evidence,
// a unit-quarter's first day, else the end of the period of the run that found it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { itemDaySql } from '../../src/supervise/item-day.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { createItems } from '../../src/supervise/sync.ts';
import { insertRows } from '../support/fixture.ts';
import { DATA, UNIT_A, UNIT_B } from './fixture.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await insertRows(store, DATA);
  await createItems(store, 'test', [
    { category: 'duplicate-penalty', subject: { kind: 'violation', id: 'V3' }, unit: UNIT_A, severity: 'low', title: 't', evidence: [{ kind: 'violation', id: 'V3' }, { kind: 'violation', id: 'V2' }] },
    { category: 'opinion-quota', subject: { kind: 'unit-quarter', id: `${UNIT_B}/2021Q3` }, unit: UNIT_B, severity: 'low', title: 't', evidence: [{ kind: 'unit', id: UNIT_B }] },
    { category: 'device-volume', subject: { kind: 'device', id: 'D1' }, unit: UNIT_B, severity: 'high', title: 't', evidence: [{ kind: 'device', id: 'D1' }] },
  ], 'test');
  await store.run(`INSERT INTO runs (run_id, period_from, period_to, as_of) VALUES (3, '2021-04-01', '2021-06-30', '2021-07-10')`);
  await store.run(`UPDATE items SET first_run = 3 WHERE category = 'device-volume'`);
});
afterAll(() => store.close());

it('dates an item by its earliest record, a quarter by its first day, a camera by its run', async () => {
  const rows = await store.all<{ item_key: string; day: string }>(`SELECT item_key, day::VARCHAR AS day FROM ${itemDaySql('true')} ORDER BY item_key`);
  expect(rows).toEqual([
    { item_key: 'device-volume|device|D1', day: '2021-06-30' },
    { item_key: 'duplicate-penalty|violation|V3', day: '2021-06-04' },
    { item_key: `opinion-quota|unit-quarter|${UNIT_B}/2021Q3`, day: '2021-07-01' },
  ]);
});

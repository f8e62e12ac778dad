// The day an item's misconduct happened (the 总览's period and months): its earliest dated evidence,
// a unit-quarter's first day, else the end of the period of the run that found it. It is stored with the
// item at sync (items.day), and migration 009 fills it in for the items of an older database the same way.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { itemDaySql } from '../../src/supervise/item-day.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { createItems, syncRun } from '../../src/supervise/sync.ts';
import { overview } from '../../src/queries/overview.ts';
import { insertRows } from '../support/fixture.ts';
import { DATA, UNIT_A, UNIT_B } from './fixture.ts';

const MIGRATION = readFileSync(new URL('../../src/supervise/migrations/009-item-day.sql', import.meta.url), 'utf8');

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  await insertRows(store, DATA);
  await createItems(store, 'test', [
    { category: 'duplicate-penalty', subject: { kind: 'violation', id: 'V3' }, unit: UNIT_A, severity: 'low', title: 't', evidence: [{ kind: 'violation', id: 'V3' }, { kind: 'violation', id: 'V2' }] },
    { category: 'opinion-quota', subject: { kind: 'unit-quarter', id: `${UNIT_B}/2021Q3` }, unit: UNIT_B, severity: 'low', title: 't', evidence: [{ kind: 'unit', id: UNIT_B }] },
  ], 'test');
  // A camera judged on its volume: no dated evidence, so the end of the period of the run that found it.
  await store.run(`INSERT INTO runs (run_id, period_from, period_to, as_of, skipped) VALUES (3, '2021-04-01', '2021-06-30', '2021-07-10', '[]')`);
  await store.run(`INSERT INTO warnings (run_id, warning_key, category, subject_kind, subject_id, unit, severity, score, rule, title, evidence)
    VALUES (3, 'device-volume|device|D1', 'device-volume', 'device', 'D1', '${UNIT_B}', 'high', 1, 'r', 't', '[{"kind":"device","id":"D1"}]')`);
  await syncRun(store, 3);
});
afterAll(() => store.close());

const EXPECTED = [
  { item_key: 'device-volume|device|D1', day: '2021-06-30' },
  { item_key: 'duplicate-penalty|violation|V3', day: '2021-06-04' },
  { item_key: `opinion-quota|unit-quarter|${UNIT_B}/2021Q3`, day: '2021-07-01' },
];
const stored = () => store.all<{ item_key: string; day: string | null }>('SELECT item_key, day::VARCHAR AS day FROM items ORDER BY item_key');

it('dates an item by its earliest record, a quarter by its first day, a camera by its run', async () => {
  const rows = await store.all<{ item_key: string; day: string }>(`SELECT item_key, day::VARCHAR AS day FROM ${itemDaySql('true')} ORDER BY item_key`);
  expect(rows).toEqual(EXPECTED);
});

it('stores the day with the item when it is made or synced', async () => {
  expect(await stored()).toEqual(EXPECTED);
});

it('fills the day in for the items of an older database, as itemDaySql does (migration 009)', async () => {
  await store.run('UPDATE items SET day = NULL');
  await store.run(MIGRATION);
  expect(await stored()).toEqual(EXPECTED);
});

it('is what the 总览 reads: its months and its period go by the stored day', async () => {
  const sup = { username: 'sup', role: 'supervisor' as const, unit: null };
  expect((await overview(store, sup, {}, '2021-07-11')).months.map((m) => m.month)).toEqual(['2021-06', '2021-07']);
  await store.run("UPDATE items SET day = DATE '2020-02-03' WHERE item_key = 'device-volume|device|D1'");
  expect((await overview(store, sup, {}, '2021-07-11')).months.map((m) => m.month)).toEqual(['2020-02', '2021-06', '2021-07']);
  expect((await overview(store, sup, { from: '2020-01-01', to: '2020-12-31' }, '2021-07-11')).total).toBe(1);
});

// Small in-memory stores for tests: each test builds exactly the records it needs.
import { SQL_TYPE, TABLES, TABLE_KEYS, type NewRow, type TableKey } from '../../src/contract/tables.ts';
import { openStore, ident, type Store } from '../../src/store/db.ts';
import type { DuckDBValue } from '@duckdb/node-api';
import { makeContext } from '../../src/rules/context.ts';
import type { Finding } from '../../src/rules/types.ts';

/** Rows per table, typed by the contract: the required columns, any of the others, values as the store returns them. */
export type Fixture = { [K in TableKey]?: NewRow<K>[] };

/** A fresh in-memory store holding these rows. Values are given as in the contract's CSV (strings, numbers, booleans). */
export async function fixtureStore(data: Fixture): Promise<Store> {
  const store = await openStore(':memory:');
  await insertRows(store, data);
  return store;
}

/** Rows per INSERT: one statement per row made the rule tests most of the suite's time. */
const BATCH = 500;

export async function insertRows(store: Store, data: Fixture): Promise<void> {
  for (const key of Object.keys(data)) {
    if (!TABLE_KEYS.includes(key as TableKey)) throw new Error(`unknown table ${key}`);
  }
  for (const key of TABLE_KEYS) {
    const table = TABLES[key];
    // The row types are checked where the rows are written; here each row is read by the contract's column keys.
    const rows = (data[key] ?? []).map((row: object) => new Map<string, unknown>(Object.entries(row)));
    for (const row of rows) {
      for (const k of row.keys()) {
        if (!table.columns.some((c) => c.key === k)) throw new Error(`${key} has no column ${k}`);
      }
    }
    for (let at = 0; at < rows.length; at += BATCH) {
      const batch = rows.slice(at, at + BATCH);
      // The columns any row of the batch gives; a row without one gets NULL, as a row inserted alone would.
      const cols = table.columns.filter((c) => batch.some((r) => r.get(c.key) !== undefined));
      const values: DuckDBValue[] = [];
      const tuples = batch.map((row) => `(${cols.map((c) => {
        values.push((row.get(c.key) ?? null) as DuckDBValue);
        return `CAST($${values.length} AS ${SQL_TYPE[c.type]})`;
      }).join(', ')})`);
      await store.run(`INSERT INTO ${ident(key)} (${cols.map((c) => ident(c.key)).join(', ')}) VALUES ${tuples.join(', ')}`, values);
    }
  }
}

/** The period most rule tests use: the first half of 2021, judged ten days after. */
export const H1_2021 = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' } as const;

/** Run one rule over a fresh store holding `data`. */
export async function runRule(
  rule: { run(ctx: ReturnType<typeof makeContext>): Promise<Finding[]> },
  data: Fixture,
  period: { from: string; to: string; asOf: string } = H1_2021,
): Promise<Finding[]> {
  const store = await fixtureStore(data);
  try {
    return await rule.run(makeContext(store, period));
  } finally {
    store.close();
  }
}

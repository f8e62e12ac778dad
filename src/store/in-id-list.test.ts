import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { inIdList } from './quote.ts';

it('inIdList selects exactly the rows whose id is in the bound JSON list, none for an empty list', async () => {
  const conn = await (await DuckDBInstance.create()).connect();
  await conn.run(`CREATE TABLE t AS SELECT * FROM (VALUES ('a'), ('b'), ('it''s'), ('平遥'), (NULL)) v(id)`);
  const ids = async (list: string[]) =>
    (await conn.runAndReadAll(`SELECT id FROM t WHERE ${inIdList('id', 'ids')} ORDER BY id`, { ids: JSON.stringify(list) })).getRows().map((r) => r[0]);
  expect(await ids(['b', "it's", '平遥', 'missing', 'b'])).toEqual(['b', "it's", '平遥']);
  expect(await ids([])).toEqual([]);
  conn.closeSync();
});

import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { lit } from '../store/db.ts';
import { BLANKS, trimmedText } from './load-sql.ts';

// The guarded trim must give exactly what a plain trim with the set of blanks gives, on every kind of edge.
it('trimmedText is trim() with the blanks, NULL for empty, on values with and without blanks at either end', async () => {
  const blanks = [' ', '\t', '\r', '\n', '\u3000', '\u00a0'];
  // Beside the usual values, the characters next to the blanks in byte order, which the test of the beginning compares with.
  const cores = ['', 'a', '平遥交警大队', '1,234.5', 'x y', 'a\u3000b', '\u00e0', '"q"', '!', '~x', '\u0001c', '\u001f',
    '\u009f', '\u00a1b', '\u00bf', '\u2fffz', '\u3001y', '\u30ff', '\u{1F600}', "it's"];
  const values = cores.flatMap((c) => ['', ...blanks, '  \t\u3000'].flatMap((l) => ['', ...blanks, '\u00a0 \n'].map((r) => l + c + r)));
  values.push('\u3000', '\u00a0\u00a0', 'ends in a char whose bytes end like U+00A0? \u0120\u00a0');
  const conn = await (await DuckDBInstance.create()).connect();
  const rows = (await conn.runAndReadAll(`SELECT ${trimmedText('v')} AS got, nullif(trim(v, ${BLANKS}), '') AS want
    FROM (VALUES ${values.map((v) => `(${lit(v)})`).join(', ')}, (NULL)) t(v)`)).getRowObjectsJson();
  expect(rows.length).toBe(values.length + 1);
  for (const r of rows) expect(r.got).toBe(r.want);
  // And the plain trim really trims: the core without its blanks.
  const one = (await conn.runAndReadAll(`SELECT ${trimmedText(lit('\u3000 \t平遥\u00a0\n'))} AS v`)).getRowObjectsJson();
  expect(one[0].v).toBe('平遥');
  conn.closeSync();
});

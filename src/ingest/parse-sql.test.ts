import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Column } from '../contract/tables.ts';
import { lit } from '../store/db.ts';
import { formatsFor, typedExpr } from './parse-sql.ts';

const ts: Column = { key: 'at', zh: '时间', type: 'timestamp' };
const date: Column = { key: 'day', zh: '日期', type: 'date' };

/** The typed value DuckDB gives each text through typedExpr, as text (NULL = refused). */
async function typed(c: Column, values: string[], sample?: string): Promise<(string | null)[]> {
  const conn = await (await DuckDBInstance.create()).connect();
  try {
    const rows = values.map((v, i) => `(${i}, ${lit(v)})`).join(', ');
    const r = await conn.runAndReadAll(`SELECT CAST(${typedExpr(c, 'v', sample)} AS VARCHAR) AS t FROM (VALUES ${rows}) x(i, v) ORDER BY i`);
    return r.getRowObjectsJson().map((o) => o.t as string | null);
  } finally {
    conn.closeSync();
  }
}

describe('time stamps and dates read from text', () => {
  const forms = ['2021-03-04 05:06:07', '2021/03/04 05:06:07', '2021-03-04 05:06', '2021/03/04 05:06', '2021-03-04T05:06:07',
    '2021-03-04 05:06:07.5', '2021-03-04T05:06:07.25', '44259.25'];
  const want = ['2021-03-04 05:06:07', '2021-03-04 05:06:07', '2021-03-04 05:06:00', '2021-03-04 05:06:00', '2021-03-04 05:06:07',
    '2021-03-04 05:06:07.5', '2021-03-04 05:06:07.25', '2021-03-04 06:00:00'];

  it('reads every accepted time-stamp form, whichever form the sample puts first', async () => {
    expect(await typed(ts, forms)).toEqual(want);
    for (const sample of forms) expect(await typed(ts, forms, sample)).toEqual(want);
  });

  it('refuses a value that stops where its format expects more (the over-read that crashed DuckDB), and the specials', async () => {
    // Each of these ends before a literal of some format: strptime must fail on them without reading past the end.
    const short = ['2021-03-04', '2021-03-04 05', '2021-03-04 05:06:', '2021/03/04 05:06:07.', '2021-03-04T', '2021-03'];
    expect(await typed(ts, short)).toEqual(short.map(() => null));
    // Bare strptime turns these into 1900-01-01 (or infinity); they are not dates of an export.
    expect(await typed(ts, ['infinity', 'epoch', '-infinity'])).toEqual([null, null, null]);
  });

  it('reads every accepted date form and refuses the rest', async () => {
    const values = ['2021-03-04', '2021/03/04', '20210304', '2021-03-04 00:00:00', '44259', '2021-03', '2021-3-4', 'x'];
    const out = ['2021-03-04', '2021-03-04', '2021-03-04', '2021-03-04', '2021-03-04', null, '2021-03-04', null];
    expect(await typed(date, values)).toEqual(out);
    expect(await typed(date, values, '20210304')).toEqual(out);
  });
});

describe('formatsFor', () => {
  it('puts the format of the sample first and keeps every format', () => {
    expect(formatsFor('timestamp', '2021-01-01 03:41')[0]).toBe('%Y-%m-%d %H:%M');
    expect(formatsFor('timestamp', ' 2021/1/1 3:41:00 ')[0]).toBe('%Y/%m/%d %H:%M:%S');
    expect(formatsFor('date', '20210101')[0]).toBe('%Y%m%d');
    expect([...formatsFor('timestamp', '2021-01-01T03:41:00.1')].sort()).toEqual([...formatsFor('timestamp')].sort());
  });

  it('keeps the declared order when the sample matches no format', () => {
    expect(formatsFor('timestamp', 'not a time')).toEqual(formatsFor('timestamp'));
    expect(formatsFor('date', null)).toEqual(formatsFor('date'));
  });
});

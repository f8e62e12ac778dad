import { describe, expect, expectTypeOf, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TABLES, TABLE_KEYS, type NewRow, type RowOf } from './tables.ts';
import { typedExpr } from '../ingest/parse-sql.ts';
import { tablesMarkdown } from './docs.ts';
import { openStore } from '../store/db.ts';

describe('the contract declaration', () => {
  it('declares each primary-key column and each required column once', () => {
    for (const k of TABLE_KEYS) {
      const keys = TABLES[k].columns.map((c) => c.key);
      expect(new Set(keys).size, k).toBe(keys.length);
      for (const pk of TABLES[k].primaryKey) expect(TABLES[k].columns.find((c) => c.key === pk)?.required, `${k}.${pk}`).toBe(true);
    }
  });

  it('gives the database one table per contract table with its English keys as columns', async () => {
    const store = await openStore(':memory:');
    for (const k of TABLE_KEYS) {
      const cols = await store.all<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [k]);
      expect(cols.map((c) => c.column_name)).toEqual(TABLES[k].columns.map((c) => c.key));
    }
    store.close();
  });

  it('derives row types from the declaration: required columns required, the others optional or null', () => {
    expectTypeOf<NewRow<'vehicles'>>().toEqualTypeOf<{ plate: string; plate_type: string; owner_id: string } & {
      owner_name?: string | null; usage?: string | null; registered_on?: string | null; inspection_valid_until?: string | null; status?: string | null;
    }>();
    expectTypeOf<RowOf<'accidents'>['deaths']>().toEqualTypeOf<number | null>();
    expectTypeOf<RowOf<'accidents'>['hit_and_run']>().toEqualTypeOf<boolean | null>();
    expectTypeOf<RowOf<'violations', { text: string; int: number; number: number; date: number; timestamp: number; bool: boolean }>['occurred_at']>()
      .toEqualTypeOf<number>();
    // @ts-expect-error owner_id is required
    const noOwner: NewRow<'vehicles'> = { plate: '晋K00001', plate_type: '02' };
    expect(noOwner.plate).toBe('晋K00001');
  });

  it('pads the columns marked zeroPad on import (号牌种类 2 → 02), and only those', async () => {
    const store = await openStore(':memory:', { migrate: false });
    const read = async (key: string) => (await store.all<{ v: string | null }>(
      `SELECT ${typedExpr(TABLES.vehicles.columns.find((c) => c.key === key)!, 'x')} AS v FROM (VALUES ('2'), ('02'), (''), (NULL)) t(x)`)).map((r) => r.v);
    expect(await read('plate_type')).toEqual(['02', '02', '', null]);
    expect(await read('plate')).toEqual(['2', '02', '', null]);
    store.close();
  });

  it('keeps docs/TABLES.md in step with the declaration (regenerate: npx tsx src/contract/docs.ts)', () => {
    expect(readFileSync(new URL('../../docs/TABLES.md', import.meta.url), 'utf8')).toBe(tablesMarkdown());
  });
});

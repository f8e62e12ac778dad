import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TABLES, TABLE_KEYS } from './tables.ts';
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

  it('keeps docs/TABLES.md in step with the declaration (regenerate: npx tsx src/contract/docs.ts)', () => {
    expect(readFileSync(new URL('../../docs/TABLES.md', import.meta.url), 'utf8')).toBe(tablesMarkdown());
  });
});

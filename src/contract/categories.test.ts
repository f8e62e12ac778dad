import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../rules/settings.ts';
import { CATEGORIES } from '../rules/types.ts';
import { CATEGORY_INFO, CATEGORY_ZH, EVIDENCE_LEAD, SETTING_ZH, categoryZh } from './categories.ts';
import { TABLES } from './tables.ts';
import { ALL_CATEGORIES, EVIDENCE_KINDS, EVIDENCE_SOURCE, evidenceSource } from './vocabulary.ts';

describe('the labels the console shows', () => {
  it('names every figure of the settings in Chinese, and nothing that is not a figure', () => {
    const keys = Object.entries(DEFAULT_SETTINGS).flatMap(([g, v]) => Object.keys(v).map((k) => `${g}.${k}`));
    expect(keys.filter((k) => !SETTING_ZH[k])).toEqual([]);
    expect(Object.keys(SETTING_ZH).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('describes every category with its RULES.md part and an existing settings group', () => {
    const parts = CATEGORIES.map((c) => CATEGORY_INFO[c].part);
    expect(parts).toEqual(Array.from({ length: 16 }, (_, n) => n + 1));
    for (const c of CATEGORIES) {
      const g = CATEGORY_INFO[c].settings;
      if (g) expect(Object.keys(DEFAULT_SETTINGS)).toContain(g);
    }
  });

  it('declares for every category the regulation it rests on and the clause in Chinese, in the user\'s words', () => {
    expect(CATEGORY_INFO['case-shelving'].basis).toBe('《道路交通事故处理程序规定》（公安部令第146号）第六十二条');
    expect(CATEGORY_INFO['device-complaints'].basis).toBe('《晋中市公安局交通警察支队执法监督预警规则》第十一部分');
    for (const c of CATEGORIES) {
      const { basis, required } = CATEGORY_INFO[c];
      expect(basis, c).toMatch(/[\u4e00-\u9fff]/);
      expect(required, c).toMatch(/[\u4e00-\u9fff]{8}/);
      // No file names, no rule ids: what a supervisor reads.
      expect(`${basis}${required}`, c).not.toMatch(/\.md|[a-z]+-[a-z]+/);
    }
  });
});

describe('the columns that prove a warning', () => {
  it('names only columns of the contract tables, for every category', () => {
    for (const c of CATEGORIES) {
      for (const [table, keys] of Object.entries(EVIDENCE_LEAD[c])) {
        const columns = (TABLES as Record<string, { columns: readonly { key: string }[] }>)[table]?.columns.map((x) => x.key);
        expect(columns, `${c} ${table}`).toBeDefined();
        for (const k of keys) expect(columns, `${c} ${table}.${k}`).toContain(k);
      }
    }
  });
});

describe('the vocabulary', () => {
  it('names every category an item may carry, the sixteen as the contract table spells them', () => {
    expect(Object.keys(CATEGORY_ZH)).toEqual([...ALL_CATEGORIES]);
    expect(CATEGORY_ZH['favor-voiding']).toBe('人情案(违法作废)');
    expect(CATEGORY_ZH['liability-change']).toBe('人情案(认定变更)');
    expect(CATEGORY_ZH['spot-check']).toBe('抽查不合格');
    expect(categoryZh('no-such-category')).toBe('no-such-category');
  });

  it('knows where every evidence kind lives: a contract table with that id column', () => {
    for (const kind of EVIDENCE_KINDS) {
      const { table, id } = EVIDENCE_SOURCE[kind];
      const columns = TABLES[table].columns.map((c) => c.key);
      // A vehicle's id is its two-part key "plate/plate_type"; every other kind's is one column.
      for (const c of id.includes("'") ? TABLES[table].primaryKey : [id]) expect(columns).toContain(c);
    }
    expect(evidenceSource('vehicle')?.table).toBe('vehicles');
    expect(evidenceSource('sample')).toBeUndefined();
  });
});

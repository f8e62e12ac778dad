import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../rules/settings.ts';
import { CATEGORIES } from '../rules/types.ts';
import { CATEGORY_INFO, SETTING_ZH } from './categories.ts';

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
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
import { categoriesReading, changedGroups, SETTINGS_READ } from './settings-use.ts';
import { CATEGORIES } from './types.ts';

describe('the settings groups each rule reads', () => {
  it.each(CATEGORIES)('%s: the map names exactly the groups its source reads', (category) => {
    const source = readFileSync(new URL(`./${category}.ts`, import.meta.url), 'utf8');
    const groups = Object.keys(DEFAULT_SETTINGS).filter((g) => new RegExp(`settings\\s*\\.\\s*${g}\\b|['"]${g}['"]`).test(source));
    expect([...SETTINGS_READ[category]].sort()).toEqual(groups.sort());
  });

  it('a change of one group names the categories that read it, and only those', () => {
    const changed = { ...DEFAULT_SETTINGS, duplicatePenalty: { ...DEFAULT_SETTINGS.duplicatePenalty, parkingMinutes: 60 } };
    expect(changedGroups(DEFAULT_SETTINGS, changed)).toEqual(['duplicatePenalty']);
    expect(categoriesReading(['duplicatePenalty'])).toEqual(['device-calibration', 'duplicate-penalty']);
    expect(changedGroups(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toEqual([]);
  });
});

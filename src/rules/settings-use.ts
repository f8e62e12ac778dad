// Which settings groups each rule reads. A change to the figures of a group can only change the warnings of
// the categories that read it, so trying new figures (analyze/settings-diff.ts) re-runs those rules alone.
// The test beside this file reads each rule's source and keeps the map true.
import type { Settings } from './settings.ts';
import type { Category } from './types.ts';

export const SETTINGS_READ: { readonly [C in Category]: readonly (keyof Settings)[] } = {
  'point-trading': ['pointTrading'],
  'case-shelving': ['caseShelving'],
  'favor-voiding': ['favorVoiding'],
  'liability-change': [],
  'irregular-business': ['irregularBusiness'],
  'bodycam-missing': ['bodycamMissing'],
  'bodycam-deletion': ['bodycamDeletion'],
  'bodycam-late-upload': ['bodycamLateUpload'],
  'device-unapproved': [],
  'device-calibration': ['deviceCalibration', 'duplicatePenalty'],
  'device-complaints': ['deviceComplaints'],
  'device-volume': ['deviceVolume'],
  'duplicate-penalty': ['duplicatePenalty'],
  'code-mismatch': [],
  blackspot: ['blackspot'],
  'opinion-quota': [],
};

/** The settings groups whose figures differ between two settings objects. */
export function changedGroups(a: Settings, b: Settings): (keyof Settings)[] {
  return (Object.keys(a) as (keyof Settings)[]).filter((g) => JSON.stringify(a[g]) !== JSON.stringify(b[g]));
}

/** The categories whose warnings a change of these groups may change. */
export const categoriesReading = (groups: readonly (keyof Settings)[]): Category[] =>
  (Object.keys(SETTINGS_READ) as Category[]).filter((c) => SETTINGS_READ[c].some((g) => groups.includes(g)));

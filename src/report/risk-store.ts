// Kept risk profiles. The 风险画像 of a period is a function of the imported data, the rules' settings and the
// risk figures; computing it runs the period's whole analysis (seconds at a city-year). The profile of the
// period the page opens on is computed after each import and each analysis, by the process that owns the
// database (the server's import and analysis jobs, the inbox, `yanpan analyze`), and kept here with the data
// version it was made from (the last import's id) and the settings: a request only reads it. Only profiles of
// the current data version are kept; other periods are computed when asked.
import type { Period } from '../analyze/period.ts';
import { transaction, type Store } from '../store/db.ts';

export interface ProfileKey {
  readonly period: Period;
  /** The last import's id when the profile was made. */
  readonly dataVersion: number;
  /** The rules' settings and the risk figures, as JSON: a profile is only read back for the same. */
  readonly settings: string;
}

const WHERE = `period_from = $from::DATE AND period_to = $to::DATE AND as_of = $asOf::DATE AND data_version = $version AND settings = $settings`;
const params = (k: ProfileKey) => ({ from: k.period.from, to: k.period.to, asOf: k.period.asOf, version: k.dataVersion, settings: k.settings });

/** The kept profile (its JSON) of exactly this key, or null. Reads only. */
export async function storedProfile(store: Pick<Store, 'all'>, key: ProfileKey): Promise<string | null> {
  const rows = await store.all<{ report: string }>(`SELECT report FROM risk_profiles WHERE ${WHERE}`, params(key));
  return rows[0]?.report ?? null;
}

/** Keep a profile; profiles of older data versions go (they can never be read again). */
export async function keepProfile(store: Store, key: ProfileKey, report: string, at: string): Promise<void> {
  await transaction(store, async () => {
    await store.run(`DELETE FROM risk_profiles WHERE data_version <> $version OR (${WHERE})`, params(key));
    await store.run(`INSERT INTO risk_profiles (period_from, period_to, as_of, data_version, settings, made_at, report)
      VALUES ($from::DATE, $to::DATE, $asOf::DATE, $version, $settings, $at, $report)`, { ...params(key), at, report });
  });
}

// 执法风险画像: per officer, every warning of the period that holds them responsible, all categories
// together, scored so that the officers who most need a look come first (docs/RISK.md), with the trend
// by month and the totals per unit. The warnings are those the analysis gives for the period.
import type { Store } from '../store/db.ts';
import { analyze, dataVersion } from '../analyze/run.ts';
import { byCodePoint, sortWarnings, warningKey, type Warning } from '../analyze/merge.ts';
import { settingsJson } from '../analyze/settings-versions.ts';
import type { Period } from '../analyze/period.ts';
import { DEFAULT_SETTINGS, type Settings } from '../rules/settings.ts';
import { CATEGORIES, type Category, type Evidence, type Severity } from '../rules/types.ts';
import { loadFacts, responsibleOfficers, warningTime } from './risk-attribution.ts';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from './risk-settings.ts';
import { csvField } from '../contract/csv.ts';
import { dataThrough } from '../queries/data-through.ts';
import { localStamp, systemClock, today as todayIn, type Clock } from '../time/index.ts';
import { defaultRiskPeriod } from './risk-period.ts';
import { keepProfile, storedProfile, type ProfileKey } from './risk-store.ts';
import type { RecordRef } from '../contract/vocabulary.ts';

export interface RiskWarning {
  readonly key: string;
  readonly category: Category;
  readonly subject: RecordRef;
  readonly unit: string;
  readonly severity: Severity;
  readonly title: string;
  readonly evidence: readonly Evidence[];
  /** 'YYYY-MM-DD HH:MM:SS' of the act, when known. */
  readonly at: string | null;
  /** weight × severity factor: what this warning adds to the score (the repeat points come on top). */
  readonly points: number;
}

export interface Complaint { readonly opinion_id: string; readonly received_on: string; readonly channel: string | null; readonly content: string | null }

export interface MonthRisk { readonly month: string; readonly warnings: number; readonly complaints: number; readonly points: number }

export interface OfficerRisk {
  readonly officer_id: string;
  readonly name: string | null;
  readonly unit: string | null;
  readonly unit_name: string | null;
  readonly score: number;
  readonly rank: number;
  readonly counts: Readonly<Record<Category, number>>;
  readonly complaints: readonly Complaint[];
  readonly months: readonly MonthRisk[];
  readonly warnings: readonly RiskWarning[];
}

export interface UnitRisk {
  readonly unit: string;
  readonly unit_name: string | null;
  readonly officers: number;
  readonly officersAtRisk: number;
  readonly score: number;
  readonly counts: Readonly<Record<Category, number>>;
  readonly complaints: number;
}

export interface RiskReport {
  readonly period: Period;
  readonly settings: RiskSettings;
  readonly months: readonly string[];
  readonly officers: readonly OfficerRisk[];
  readonly units: readonly UnitRisk[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const zeroCounts = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

/** The months 'YYYY-MM' from the period's first to its last. */
export function monthsOf(p: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  let [y, m] = p.from.slice(0, 7).split('-').map(Number);
  const end = p.to.slice(0, 7);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s >= end) return out;
    if (++m > 12) { m = 1; y++; }
  }
}

/** The score: Σ weight × severity over the officer's warnings, + repeat × (warnings − 1), + complaint × complaints. */
export function riskScore(points: readonly number[], complaints: number, s: RiskSettings): number {
  return round2(points.reduce((a, b) => a + b, 0) + s.repeat * Math.max(0, points.length - 1) + s.complaint * complaints);
}

export async function riskFromWarnings(store: Store, period: Period, warnings: readonly Warning[], s: RiskSettings = DEFAULT_RISK_SETTINGS): Promise<RiskReport> {
  const facts = await loadFacts(store, warnings);
  const months = monthsOf(period);
  // An act after the period (a void recorded before the as-of date) is shown in the period's last month.
  const first = months[0], last = months[months.length - 1];
  const monthOf = (t: string | null) => { const m = (t ?? '').slice(0, 7); return m < first ? first : m > last ? last : m; };

  const byOfficer = new Map<string, RiskWarning[]>();
  for (const w of warnings) {
    const officers = responsibleOfficers(w, facts);
    if (!officers.length) continue;
    const rw: RiskWarning = {
      key: warningKey(w), category: w.category, subject: w.subject, unit: w.unit, severity: w.severity, title: w.title,
      evidence: w.evidence, at: warningTime(w, facts), points: round2(s.weights[w.category] * s.severity[w.severity]),
    };
    for (const o of officers) byOfficer.set(o, [...(byOfficer.get(o) ?? []), rw]);
  }

  const complaints = new Map<string, Complaint[]>();
  for (const c of await store.all<Complaint & { officer_id: string }>(`
      SELECT trim(officer_id) AS officer_id, opinion_id, strftime(received_on, '%Y-%m-%d') AS received_on, channel, content
      FROM opinions
      WHERE kind = '投诉' AND NULLIF(trim(officer_id), '') IS NOT NULL
        AND received_on >= $from::DATE AND received_on <= $to::DATE
      ORDER BY received_on, opinion_id`, { from: period.from, to: period.to })) {
    const { officer_id, ...rest } = c;
    complaints.set(officer_id, [...(complaints.get(officer_id) ?? []), rest]);
  }

  const roster = await store.all<{ officer_id: string; name: string | null; unit: string | null; unit_name: string | null }>(`
    SELECT o.officer_id, o.name, NULLIF(trim(o.unit_code), '') AS unit, u.unit_name
    FROM officers o LEFT JOIN units u ON u.unit_code = o.unit_code`);
  const known = new Set(roster.map((r) => r.officer_id));
  for (const id of [...byOfficer.keys(), ...complaints.keys()]) {
    if (!known.has(id)) { roster.push({ officer_id: id, name: null, unit: null, unit_name: null }); known.add(id); }
  }

  const unranked = roster.map((o) => {
    const ws = (byOfficer.get(o.officer_id) ?? []).sort((a, b) => byCodePoint(a.at ?? '', b.at ?? '') || byCodePoint(a.key, b.key));
    const cs = complaints.get(o.officer_id) ?? [];
    const counts = zeroCounts();
    for (const w of ws) counts[w.category]++;
    const perMonth = months.map((month) => {
      const mw = ws.filter((w) => monthOf(w.at) === month);
      const mc = cs.filter((c) => c.received_on.slice(0, 7) === month).length;
      return { month, warnings: mw.length, complaints: mc, points: round2(mw.reduce((a, w) => a + w.points, 0) + s.complaint * mc) };
    });
    return { ...o, score: riskScore(ws.map((w) => w.points), cs.length, s), counts, complaints: cs, months: perMonth, warnings: ws };
  });
  unranked.sort((a, b) => b.score - a.score || b.warnings.length - a.warnings.length || byCodePoint(a.officer_id, b.officer_id));
  const officers: OfficerRisk[] = unranked.map((o, i) => ({ ...o, rank: i + 1 }));

  const unitMap = new Map<string, { unit_name: string | null; officers: OfficerRisk[] }>();
  for (const o of officers) {
    const k = o.unit ?? '';
    const u = unitMap.get(k) ?? { unit_name: o.unit_name, officers: [] };
    u.officers.push(o);
    unitMap.set(k, u);
  }
  const units: UnitRisk[] = [...unitMap.entries()].map(([unit, u]) => {
    const counts = zeroCounts();
    for (const o of u.officers) for (const c of CATEGORIES) counts[c] += o.counts[c];
    return {
      unit, unit_name: u.unit_name, officers: u.officers.length, officersAtRisk: u.officers.filter((o) => o.score > 0).length,
      score: round2(u.officers.reduce((a, o) => a + o.score, 0)), counts, complaints: u.officers.reduce((a, o) => a + o.complaints.length, 0),
    };
  }).sort((a, b) => b.score - a.score || byCodePoint(a.unit, b.unit));
  return { period, settings: s, months, officers, units };
}

/**
 * The warnings of a stored run of exactly this period and these rule settings over the data as they are now (its
 * data_version is the last import's id), or null. The run holds what analyze() gave, so the profile is the same
 * as from a fresh analysis, in a fraction of the time (a city-year's analysis takes seconds).
 */
export async function storedWarnings(store: Pick<Store, 'all'>, period: Period, ruleSettings: Settings): Promise<Warning[] | null> {
  const version = await dataVersion(store);
  const runs = await store.all<{ run_id: number; settings: string }>(
    `SELECT run_id, settings FROM runs WHERE period_from = $from::DATE AND period_to = $to::DATE AND as_of = $asOf::DATE
       AND try_cast(json_extract_string(args, '$.data_version') AS BIGINT) = $version ORDER BY run_id DESC`,
    { from: period.from, to: period.to, asOf: period.asOf, version });
  const wanted = settingsJson(ruleSettings);
  const same = runs.find((r) => {
    try { return settingsJson(JSON.parse(r.settings) as Settings) === wanted; } catch { return false; }
  });
  if (!same) return null;
  const rows = await store.all<{ line: string }>('SELECT line FROM warnings WHERE run_id = $id', { id: same.run_id });
  return sortWarnings(rows.map((r) => JSON.parse(r.line) as Warning));
}

const profileKey = async (store: Pick<Store, 'all'>, period: Period, ruleSettings: Settings, s: RiskSettings): Promise<ProfileKey> => ({
  period: { from: period.from, to: period.to, asOf: period.asOf }, dataVersion: await dataVersion(store),
  settings: JSON.stringify({ rules: JSON.parse(settingsJson(ruleSettings)) as unknown, risk: s }),
});

/**
 * The profile of a period: the one kept for it over the data as they are now (risk-store.ts: the period the page
 * opens on, made after each import and analysis), else from a stored run of the period, else from a fresh analysis.
 * Reads only.
 */
export async function riskReport(store: Store, period: Period, ruleSettings: Settings = DEFAULT_SETTINGS, s: RiskSettings = DEFAULT_RISK_SETTINGS): Promise<RiskReport> {
  const kept = await storedProfile(store, await profileKey(store, period, ruleSettings, s));
  if (kept !== null) return JSON.parse(kept) as RiskReport;
  const warnings = await storedWarnings(store, period, ruleSettings) ?? (await analyze(store, period, ruleSettings)).warnings;
  return riskFromWarnings(store, period, warnings, s);
}

/**
 * Make and keep the profile of the period the 风险画像 page opens on (risk-period.ts) over the data as they are
 * now, unless it is kept already. Run by the process that owns the database after each import and analysis.
 * Returns the period, or null when the database holds no dated records.
 */
export async function prepareDefaultRisk(store: Store, clock: Clock = systemClock): Promise<{ period: Period; made: boolean } | null> {
  const day = todayIn(clock);
  const through = await dataThrough(store, day);
  if (!through) return null;
  const period = defaultRiskPeriod(through, day);
  const key = await profileKey(store, period, DEFAULT_SETTINGS, DEFAULT_RISK_SETTINGS);
  if (await storedProfile(store, key) !== null) return { period, made: false };
  const warnings = await storedWarnings(store, period, DEFAULT_SETTINGS) ?? (await analyze(store, period, DEFAULT_SETTINGS)).warnings;
  const report = await riskFromWarnings(store, period, warnings, DEFAULT_RISK_SETTINGS);
  await keepProfile(store, key, JSON.stringify(report), localStamp(clock.now()));
  return { period, made: true };
}

/** The contract's CSV (§5): officer_id,name,unit,score,rank, then one count column per category, highest risk first. */
export function riskCsv(r: RiskReport): string {
  const lines = [['officer_id', 'name', 'unit', 'score', 'rank', ...CATEGORIES].join(',')];
  for (const o of r.officers) lines.push([o.officer_id, o.name, o.unit, o.score, o.rank, ...CATEGORIES.map((c) => o.counts[c])].map(csvField).join(','));
  return lines.join('\n') + '\n';
}

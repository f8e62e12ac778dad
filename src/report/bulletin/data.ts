// Everything the bulletin says, gathered from the named queries (queries.ts) in one object, so the
// document builder only lays out and words what is here.
import { createRequire } from 'node:module';
import type { Store } from '../../store/db.ts';
import { forecastMonth, saveForecast, type ForecastLine, type ForecastTotal } from '../../forecast/forecast.ts';
import { addDays, addMonths, firstDay, lastDay } from '../../time/index.ts';
import { calendarSql } from '../../calendar/calendar.ts';
import * as q from './queries.ts';
import { readBulletinSettings, type BulletinSettings } from './settings.ts';

export interface NextMonthForecast {
  month: string;
  lines: (ForecastLine & { name: string; current: number })[];
  /** Units whose expected count exceeds this month's actual count by at least one accident, largest rise first. */
  rising: (ForecastLine & { name: string; current: number })[];
  holidays: { name: string; from: string; to: string; days: number }[];
  /**
   * The citywide total's 80 % interval, from the same fit as the lines; null when the stored forecast was
   * made from other data than the database now holds (a refit would not give its lines).
   */
  total: ForecastTotal | null;
  /** Taken from the forecasts on file, computed and stored now, or computed only (not kept). */
  stored: 'existing' | 'new' | 'unsaved';
}

export interface BulletinData {
  month: string;
  asOf: string;
  issuer: string;
  settings: BulletinSettings;
  totals: q.AccidentTotals;
  previous: q.AccidentTotals;
  lastYear: q.AccidentTotals | null;
  byUnit: q.UnitAccidents[];
  byRoad: q.Share[];
  byForm: q.Share[];
  byWeather: q.Share[];
  byHour: number[];
  trend: Awaited<ReturnType<typeof q.accidentTrend>>;
  run: Awaited<ReturnType<typeof q.reportRun>>;
  blackspots: q.BlackSpot[];
  forecast: NextMonthForecast | { error: string };
  forecastErrors: q.ForecastError[];
  warnings: { byCategory: q.CategoryCount[]; byUnit: q.UnitWarnings[]; serious: q.SeriousWarning[]; recurred: number | null } | null;
  progress: q.UnitProgress[] | null;
  /** 规则成效 per category over the 90 days to the issue date. */
  effectiveness: Awaited<ReturnType<typeof q.effectivenessByCategory>>;
  opinions: q.UnitOpinions[];
  spotChecks: q.SampleSummary[] | null;
}

const holidayNames = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> };

/** The public holidays (days off) of a month as runs of consecutive days with the package's name. */
export async function monthHolidays(store: Store, month: string): Promise<NextMonthForecast['holidays']> {
  const rows = await store.all<{ day: string; is_workday: boolean }>(
    `WITH calendar AS (${calendarSql(firstDay(month), lastDay(month))}) SELECT day::VARCHAR AS day, is_workday FROM calendar ORDER BY day`);
  const out: NextMonthForecast['holidays'] = [];
  for (const r of rows) {
    const dow = new Date(`${r.day}T00:00:00Z`).getUTCDay();
    const named = holidayNames.holidays[r.day]?.split(',')[1];
    const isHoliday = !r.is_workday && (named !== undefined || (dow >= 1 && dow <= 5));
    if (!isHoliday) continue;
    const name = named ?? '调休';
    const last = out.at(-1);
    const prevDay = addDays(r.day, -1);
    if (last && last.name === name && last.to === prevDay) { last.to = r.day; last.days++; } else out.push({ name, from: r.day, to: r.day, days: 1 });
  }
  return out;
}

/** The forecast of the next month: the latest stored one made from a history ending before it, or a new one (stored when `keep`). */
async function nextMonth(store: Store, month: string, names: Map<string, string>, byUnit: q.UnitAccidents[], keep: boolean): Promise<NextMonthForecast | { error: string }> {
  const next = addMonths(month, 1);
  let lines = await store.all<ForecastLine>(
    `SELECT unit_code AS unit, month, expected, low::INTEGER AS low, high::INTEGER AS high FROM forecasts
     WHERE forecast_id = (SELECT max(forecast_id) FROM forecasts WHERE month = $m AND history_to <= $cur) ORDER BY unit_code`,
    { m: next, cur: month });
  let stored: NextMonthForecast['stored'] = 'existing';
  let total: ForecastTotal | null = null;
  if (lines.length === 0) {
    const r = await forecastMonth(store, next);
    if (!r.ok) return { error: r.error };
    if (keep) await saveForecast(store, r);
    lines = r.lines;
    total = r.total;
    stored = keep ? 'new' : 'unsaved';
  } else {
    // The total's interval is not kept with the lines: fit again, and use it only if the fit gives the stored
    // lines exactly (the forecast reads only the accidents before the month, so it does unless data were added since).
    const r = await forecastMonth(store, next);
    const same = (a: ForecastLine, b: ForecastLine) => a.unit === b.unit && a.expected === b.expected && a.low === b.low && a.high === b.high;
    if (r.ok && r.lines.length === lines.length && r.lines.every((l, i) => same(l, lines[i]))) total = r.total;
  }
  const current = new Map(byUnit.map((u) => [u.unit, u.accidents]));
  const named = lines.map((l) => ({ ...l, name: names.get(l.unit) ?? l.unit, current: current.get(l.unit) ?? 0 }));
  const rising = named.filter((l) => l.expected - l.current >= 1).sort((a, b) => (b.expected - b.current) - (a.expected - a.current) || a.unit.localeCompare(b.unit));
  return { month: next, lines: named, rising, holidays: await monthHolidays(store, next), total, stored };
}

export async function collectBulletin(store: Store, month: string, asOf: string, opts: { keepForecast?: boolean } = {}): Promise<BulletinData> {
  const names = await q.unitNames(store);
  const settings = await readBulletinSettings(store);
  const byUnit = await q.accidentsByUnit(store, month);
  const run = await q.reportRun(store, month);
  const lastYearMonth = addMonths(month, -12);
  return {
    month, asOf, settings,
    issuer: settings.issuer || issuerFromUnits([...names.values()]),
    totals: await q.accidentTotals(store, month),
    previous: await q.accidentTotals(store, addMonths(month, -1)),
    lastYear: (await q.accidentsReachBack(store, lastYearMonth)) ? await q.accidentTotals(store, lastYearMonth) : null,
    byUnit,
    byRoad: await q.accidentsByRoad(store, month),
    byForm: await q.accidentsByForm(store, month),
    byWeather: await q.accidentsByWeather(store, month),
    byHour: await q.accidentsByHour(store, month),
    trend: await q.accidentTrend(store, month),
    run,
    blackspots: run ? await q.monthBlackspots(store, run.run_id, month) : [],
    forecast: await nextMonth(store, month, names, byUnit, opts.keepForecast === true),
    forecastErrors: await q.forecastErrors(store, month),
    warnings: run ? {
      byCategory: await q.warningsByCategory(store, run.run_id),
      byUnit: await q.warningsByUnit(store, run.run_id),
      serious: await q.seriousWarnings(store, run.run_id),
      recurred: await q.recurredItems(store),
    } : null,
    progress: await q.supervisionProgress(store, asOf),
    effectiveness: await q.effectivenessByCategory(store, asOf),
    opinions: await q.opinionsByUnit(store, month),
    spotChecks: await q.spotChecks(store, month),
  };
}

/** The detachment's name from its departments' names (e.g. 晋中公安交警支队车辆管理所 → 晋中公安交警支队). */
export function issuerFromUnits(names: string[]): string {
  for (const n of names) { const i = n.indexOf('支队'); if (i > 0) return n.slice(0, i + 2); }
  return '交警支队';
}

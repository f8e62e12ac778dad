// When accidents happen in the demo: seasons, holiday peaks, unit levels and unit trends, so that the
// monthly bulletin's 形势研判 has something real to find. The background generator (background/accidents.ts)
// draws the period's accidents with these weights, and `historyAccidents` adds the years before the
// period (ordinary, closed cases) so a forecast has a history to learn from.
//
// None of this is visible to the forecaster (src/forecast/): it sees only the accidents table.
// Unit levels come from geography (where roads and towns are, as before); the trend of a unit is
// applied by thinning: a drawn accident is kept with a probability that moves over the years.
import { createRequire } from 'node:module';
import { packageSpecialDays } from '../calendar/calendar.ts';
import type { World } from './world/world.ts';
import { U, ACCIDENT_FORMS, WEATHER } from './world/reference.ts';
import { accidentPlace, nearestTown, round6, unitAt } from './world/geography.ts';
import { timeOn } from './world/rhythm.ts';
import { DAY, HOUR, MIN, at, dayOf, isoDay, monthStart, weekday, ymd } from './time.ts';
import { Rng } from './rng.ts';

/** Relative accident rate by month of year (Jan … Dec): a quiet late winter, busy summer and autumn. */
export const MONTH_FACTOR: readonly number[] = [1.0, 0.82, 0.9, 0.96, 1.04, 1.0, 1.08, 1.1, 1.02, 1.14, 1.06, 1.08];
/** A public holiday day (long-distance travel, visiting); the Spring Festival's days are quieter on the roads of a city. */
const HOLIDAY_FACTOR = 1.45;
const SPRING_FESTIVAL_FACTOR = 1.25;
/** 春运: the ten days before the Spring Festival holiday are busier. */
const PRE_FESTIVAL_FACTOR = 1.3;
const WEEKEND_FACTOR = 1.1;

const SPECIAL = packageSpecialDays();
// The package names each holiday ("Spring Festival,春节,N"); the Spring Festival moves between January and February.
const pkg = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string> };
const FESTIVAL = new Set(Object.entries(pkg.holidays).filter(([, name]) => name.startsWith('Spring Festival')).map(([d]) => d));
const PRE_FESTIVAL = new Set<string>();
for (const d of FESTIVAL) {
  const day = dayOf(d);
  for (let k = 1; k <= 10; k++) { const p = isoDay(day - k); if (!FESTIVAL.has(p)) PRE_FESTIVAL.add(p); }
}

/** Relative accident rate of a day (the mean over a year is about 1.06). */
export function accidentDayWeight(day: number): number {
  return unitDayWeight(day, 1);
}

/**
 * The day's weight with the holiday, Spring Festival and 春运 peaks scaled by `holiday` (1 = the demo's
 * peaks, 0 = none, 2 = twice the excess): the forecast evaluation gives counties peaks of different strength.
 */
export function unitDayWeight(day: number, holiday: number): number {
  const iso = isoDay(day);
  const peak = (f: number) => (holiday === 1 ? f : 1 + holiday * (f - 1));
  let f = MONTH_FACTOR[ymd(day).m - 1];
  if (FESTIVAL.has(iso)) f *= peak(SPRING_FESTIVAL_FACTOR);
  else if (SPECIAL.get(iso) === false) f *= peak(HOLIDAY_FACTOR);
  else if (PRE_FESTIVAL.has(iso)) f *= peak(PRE_FESTIVAL_FACTOR);
  else if (SPECIAL.get(iso) !== true && (weekday(day) === 0 || weekday(day) === 6)) f *= WEEKEND_FACTOR;
  return f;
}

/** Units whose accidents rise (+) or fall (−) over the years: the share kept moves by this much per year. */
export const TREND: Readonly<Record<string, number>> = {
  [U.taigu]: 0.06, [U.jiexiu]: -0.05, [U.pingyao]: 0.04, [U.shouyang]: -0.06,
  [U.zs1]: 0.05, [U.highway]: 0.07, [U.lingshi]: -0.04,
};
/** The kept share is KEEP_MID in the middle of 2020 and moves linearly with the unit's trend. */
export const KEEP_MID = 0.75;
const MID_DAY = dayOf('2020-07-01');

/** Probability that an accident drawn for `unit` on `day` is kept (the unit's trend). */
export function unitKeep(unit: string, day: number, trend: Readonly<Record<string, number>> = TREND): number {
  const years = (day - MID_DAY) / 365.25;
  return Math.min(1, Math.max(0.2, KEEP_MID + (trend[unit] ?? 0) * years));
}

/** Accidents drawn per day at weight 1 before thinning, for the demo scale (≈ 4000 kept a month at scale 1). */
export function drawnPerDay(scale: number): number {
  return (4000 * scale) / 30.44 / KEEP_MID / 1.06;
}

function poisson(r: Rng, mean: number): number {
  // Knuth for small means, a rounded normal beyond (the demo needs the shape, not the tail).
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.normal()));
  const L = Math.exp(-mean);
  let k = 0, p = 1;
  do { k++; p *= r.next(); } while (p > L);
  return k - 1;
}

/**
 * Ordinary accidents in the `months` months before the period: all settled or closed well before the
 * period starts (so no rule about the period sees them), placed along roads and around towns like the
 * period's background, without clustering control (the blackspot rule looks at the period only).
 */
export function historyAccidents(w: World, months = 36): void {
  if (months <= 0) return;
  const r = w.rng.fork(60);
  const first = monthStart(w.from, -months);
  const perDay = drawnPerDay(w.scale);
  for (let day = first; day < w.from; day++) {
    const n = poisson(r, perDay * accidentDayWeight(day));
    for (let i = 0; i < n; i++) {
      const general = r.chance(0.15);
      const fatal = general && r.chance(0.1);
      const place = accidentPlace(r);
      const { road, expressway, km } = place;
      const lon = round6(place.lon), lat = round6(place.lat);
      const unit = general && !expressway && nearestTown(lon, lat).unit === null ? U.accident : unitAt(lon, lat, expressway);
      if (!r.chance(unitKeep(unit, day))) continue;
      // The eve of the period: over by evening, so no on-scene act reaches into the period (bodycam rule).
      const t = timeOn(r, day, 0, day === w.from - 1 ? 18 : 24);
      const officer = general || r.chance(0.65) ? r.pick(w.byUnitPost.get(unit + '/事故处理') ?? w.byPost.get('事故处理')!).id : null;
      const reported = officer ? t + r.between(3 * MIN, 20 * MIN) : null;
      const scene = reported === null ? null : reported + r.between(25 * MIN, general ? 4 * HOUR : 90 * MIN);
      const determined = scene === null ? null : general ? at(Math.floor(scene / DAY) + r.between(2, 9), r.between(9, 17), r.int(60)) : scene;
      const closed = determined === null ? t + r.between(HOUR, 3 * HOUR) : determined + (general ? r.between(3, 30) * DAY : r.between(0, 2 * HOUR));
      w.accidents.push({
        t, ref: {}, row: {
          occurred_at: t, place: `${nearestTown(lon, lat).county}${road}`, road, km, lon, lat, unit_code: unit,
          procedure: general ? '一般程序' : '简易程序', deaths: fatal ? r.between(1, 2) : 0, injuries: general ? r.between(0, 3) : 0,
          loss: r.between(300, 9000), form: r.pick(ACCIDENT_FORMS), weather: WEATHER[r.weighted(WEATHER.map((x) => x[1]))][0],
          hit_and_run: false, officer_id: officer, reported_at: reported, scene_done_at: scene, appraisal: false, extended: false,
          determined_at: determined, liability_changes: 0, closed_at: closed, status: '已结案',
        },
      });
    }
  }
}

/**
 * The share of drawn accidents that falls to each unit (where accidentPlace puts them, and the general
 * accidents away from towns to the 事故处理大队), estimated once from its own fixed stream so that the
 * demo's streams are untouched. 400,000 draws: a unit's share is known to within about 1 %.
 */
let shares: Map<string, number> | null = null;
export function unitShares(): ReadonlyMap<string, number> {
  if (shares) return shares;
  const r = new Rng(0x5eed23);
  const n = 400_000;
  const c = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const general = r.chance(0.15);
    const { lon, lat, expressway } = accidentPlace(r);
    const unit = general && !expressway && nearestTown(lon, lat).unit === null ? U.accident : unitAt(lon, lat, expressway);
    c.set(unit, (c.get(unit) ?? 0) + 1);
  }
  shares = new Map([...c].sort(([a], [b]) => a.localeCompare(b)).map(([u, k]) => [u, k / n]));
  return shares;
}

/** What the forecast evaluation varies; the demo itself always uses the defaults. */
export interface SeasonSettings {
  /** Kept share's change per year by unit (default: the demo's trends). */
  trend?: Readonly<Record<string, number>>;
  /** Strength of the holiday peaks by unit (default 1). */
  holiday?: Readonly<Record<string, number>>;
  /** Multiplier of a unit's level (default 1): a unit with few accidents. */
  level?: Readonly<Record<string, number>>;
}

/**
 * The expected number of accidents of every unit in each month of [from, to) (days since the epoch): the
 * intensity the history is drawn from (drawn per day × the day's weight × the unit's share × its kept
 * share). A Poisson draw thinned by place and trend stays Poisson, so the month's count of a unit is
 * Poisson with this mean: the best any forecaster can do (the oracle of the backtest).
 * Returned as month 'YYYY-MM' → unit → expected count.
 */
export function expectedAccidents(scale: number, from: number, to: number, s: SeasonSettings = {}): Map<string, Map<string, number>> {
  const perDay = drawnPerDay(scale);
  const out = new Map<string, Map<string, number>>();
  for (let day = from; day < to; day++) {
    const month = isoDay(day).slice(0, 7);
    let m = out.get(month);
    if (!m) { m = new Map(); out.set(month, m); }
    for (const [unit, share] of unitShares()) {
      const e = perDay * unitDayWeight(day, s.holiday?.[unit] ?? 1) * share * (s.level?.[unit] ?? 1) * unitKeep(unit, day, s.trend ?? TREND);
      m.set(unit, (m.get(unit) ?? 0) + e);
    }
  }
  return out;
}

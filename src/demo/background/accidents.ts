// The clean background of the accidents table: ordinary accidents of the period, settled in time and
// covered by recordings, kept from clustering by chance.
// Part of the clean background: nothing here may raise a warning (planted cases live in plant/).
import { RETRIES } from '../rng.ts';
import { DAY, HOUR, MIN, at } from '../time.ts';
import type { DemoRow } from '../writer.ts';
import { accidentDayWeight, drawnPerDay, KEEP_MID, unitKeep } from '../accident-season.ts';
import { push, type Officer, type Planted, type World } from '../world/world.ts';
import { recording } from '../world/rows.ts';
import { accidentPlace, nearestTown, round6, unitAt, type AccidentPlace } from '../world/geography.ts';
import { U, ACCIDENT_FORMS, WEATHER } from '../world/reference.ts';
import { timeOn, spread } from '../world/rhythm.ts';
import { haversineM } from '../../geo/distance.ts';

/** Keeps accidents from clustering by chance (RULES 15): no point gets 8 others within 400 m, no fatal near a fatal. */
export class AccidentGrid {
  private cells = new Map<number, number[]>();
  private fatal = new Map<number, number[]>();
  private static readonly C = 400;
  private xy(lon: number, lat: number): [number, number] {
    return [(lon - 111) * 88_600, (lat - 36) * 111_000];
  }
  private key(cx: number, cy: number) { return cx * 100_000 + cy; }
  private near(m: Map<number, number[]>, lon: number, lat: number, rM: number): number {
    const [x, y] = this.xy(lon, lat);
    const cx = Math.floor(x / AccidentGrid.C), cy = Math.floor(y / AccidentGrid.C);
    const span = Math.ceil(rM / AccidentGrid.C);
    let n = 0;
    for (let i = -span; i <= span; i++) for (let j = -span; j <= span; j++) {
      const a = m.get(this.key(cx + i, cy + j));
      if (!a) continue;
      for (let q = 0; q < a.length; q += 2) if (haversineM(lon, lat, a[q], a[q + 1]) <= rM) n++;
    }
    return n;
  }
  ok(lon: number, lat: number, fatal: boolean): boolean {
    if (this.near(this.cells, lon, lat, 400) >= 7) return false;
    if (fatal && this.near(this.fatal, lon, lat, 700) >= 1) return false;
    return true;
  }
  add(lon: number, lat: number, fatal: boolean): void {
    const [x, y] = this.xy(lon, lat);
    const k = this.key(Math.floor(x / AccidentGrid.C), Math.floor(y / AccidentGrid.C));
    push(this.cells, k, lon); this.cells.get(k)!.push(lat);
    if (fatal) { push(this.fatal, k, lon); this.fatal.get(k)!.push(lat); }
  }
}

export function backgroundAccidents(w: World, grid: AccidentGrid): void {
  const r = w.rng.fork(20);
  // Seasons, holidays and unit trends: accident-season.ts (drawn here, then thinned by the unit's trend).
  const dayW: number[] = [];
  for (let d = w.from; d <= w.to; d++) dayW.push(accidentDayWeight(d));
  // The planted accidents (already drawn) are part of the period's total, so the level stays that of the history.
  const total = Math.max(60, Math.round(drawnPerDay(w.scale) * dayW.reduce((a, b) => a + b, 0) - w.accidents.length / KEEP_MID));
  const counts = spread(total, dayW);
  for (let di = 0; di < counts.length; di++) {
    const day = w.from + di;
    for (let i = 0; i < counts[di]; i++) {
      const t = timeOn(r, day);
      const general = r.chance(0.15);
      const fatal = general && r.chance(0.1);
      // Continuous random position: along a road with a wide lateral spread, or anywhere around a town.
      // A place the grid refuses, or inside a planted site's exclusion zone, is drawn again within the same
      // unit: otherwise, at a city's scale, the filling grid and the planted sites' zones (more sites at a
      // larger scale) move the period's accidents out of the busy town units into the counties, and the
      // history the forecast learns from (and the truth's expected counts) no longer describes the period.
      let place: AccidentPlace | null = null;
      let sameUnit: string | null = null;
      for (let tries = 0; tries < RETRIES; tries++) {
        const p = accidentPlace(r);
        const pu = unitOfPlace(p, general);
        if (sameUnit !== null && pu !== sameUnit) continue;
        sameUnit = pu;
        if (w.exclusion.some((e) => haversineM(p.lon, p.lat, e.lon, e.lat) < e.r)) continue;
        if (grid.ok(p.lon, p.lat, fatal) || tries > 200) { place = p; break; }
      }
      // No spot outside the planted sites' exclusion zones: leave this background accident out (keeps the truth clean).
      if (!place) continue;
      grid.add(place.lon, place.lat, fatal);
      const { road: roadName, expressway, km } = place;
      const lon = round6(place.lon), lat = round6(place.lat);
      const unit = unitOfPlace({ lon, lat, expressway }, general);
      if (!r.chance(unitKeep(unit, day))) continue;
      const county = nearestTown(lon, lat).county;
      const base: DemoRow<'accidents'> = {
        occurred_at: t, place: `${county}${roadName}`, road: roadName, km, lon, lat, unit_code: unit,
        deaths: fatal ? r.between(1, 2) : 0, injuries: general ? r.between(0, 3) : 0, loss: r.between(300, 9000),
        form: r.pick(ACCIDENT_FORMS), weather: WEATHER[r.weighted(WEATHER.map((x) => x[1]))][0], hit_and_run: false,
        appraisal: false, extended: false, liability_changes: 0,
      };
      // The rest of the record: a parameter typed by the contract, so a misspelt column does not compile.
      const complete = (rest: DemoRow<'accidents'>) => Object.assign(base, rest);
      const handlers = accidentOfficers(w, unit);
      if (!general) {
        if (r.chance(0.35)) {
          // Settled by the parties themselves: no officer, no scene, no determination.
          complete({ procedure: '简易程序', officer_id: null, reported_at: null, scene_done_at: null, determined_at: null, closed_at: t + r.between(HOUR, 3 * HOUR), status: '已结案' });
          w.accidents.push({ row: base, t, ref: {} });
          continue;
        }
        const o = r.pick(handlers);
        const rep = t + r.between(3 * MIN, 15 * MIN);
        const scene = rep + r.between(25 * MIN, 90 * MIN);
        complete({ procedure: '简易程序', officer_id: o.id, reported_at: rep, scene_done_at: scene, determined_at: scene, closed_at: scene + r.between(0, 2 * HOUR), status: '已结案' });
        const p: Planted<'accidents'> = { row: base, t, ref: {} };
        w.accidents.push(p);
        w.videos.push({ row: recording(r, o, rep + 10 * MIN, scene + 3 * MIN, { tag: '事故处理', linked_id: r.chance(0.7) ? p.ref : null }), t: rep, ref: {} });
        continue;
      }
      const o = r.pick(handlers);
      let a2 = r.pick(handlers);
      if (a2 === o) a2 = r.pick(w.byPost.get('事故处理')!);
      const rep = t + r.between(5 * MIN, 20 * MIN);
      const scene = rep + r.between(90 * MIN, 4 * HOUR);
      const sceneDay = Math.floor(scene / DAY);
      let appraisalDone: number | null = null;
      const appraisal = r.chance(0.2);
      let det: number | null;
      if (appraisal) {
        const ad = at(sceneDay + r.between(3, 20), r.between(9, 17), r.int(60));
        appraisalDone = ad < w.asOfSec ? ad : null;
        det = appraisalDone === null ? null : at(Math.floor(appraisalDone / DAY) + r.between(1, 4), r.between(9, 17), r.int(60));
      } else {
        det = at(sceneDay + r.between(2, 9), r.between(9, 17), r.int(60));
      }
      if (det !== null && det >= w.asOfSec) det = null; // still within time (the deadline is later than the as-of date)
      let status = '调查中';
      let closed: number | null = null;
      let changes = 0, reason: string | null = null;
      if (det !== null) {
        status = '已认定';
        const c = det + r.between(3, 30) * DAY;
        if (c < w.asOfSec) { closed = c; status = '已结案'; }
        if (r.chance(0.03)) { changes = 1; reason = r.pick(['复核后重新认定', '上级复核，责令重新认定']); }
      }
      complete({
        procedure: '一般程序', officer_id: o.id, assistant_id: a2.id, reported_at: rep, scene_done_at: scene, appraisal,
        appraisal_done_at: appraisalDone, hit_and_run: r.chance(0.03), determined_at: det, liability_changes: changes,
        change_reason: reason, closed_at: closed, status,
      });
      const p: Planted<'accidents'> = { row: base, t, ref: {} };
      w.accidents.push(p);
      w.videos.push({ row: recording(r, o, rep + 10 * MIN, scene + 3 * MIN, { tag: '事故处理', linked_id: r.chance(0.7) ? p.ref : null }), t: rep, ref: {} });
      if (r.chance(0.3)) w.videos.push({ row: recording(r, a2, rep + 12 * MIN, scene, { tag: '事故处理', linked_id: p.ref }), t: rep, ref: {} });
    }
  }
}

/** The unit responsible for an accident at a place (general accidents away from towns: the 事故处理大队). */
function unitOfPlace(p: { lon: number; lat: number; expressway: boolean }, general: boolean): string {
  return general && !p.expressway && nearestTown(p.lon, p.lat).unit === null ? U.accident : unitAt(p.lon, p.lat, p.expressway);
}

export function accidentOfficers(w: World, unit: string): Officer[] {
  return w.byUnitPost.get(unit + '/事故处理') ?? w.byUnitPost.get(unit + '/路面执勤') ?? w.byPost.get('事故处理')!;
}

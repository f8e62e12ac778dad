// What every planted scenario is made of: a fresh car, a clean capture, a penalty taken by a licence,
// an accident with its recording, a spot free of chance clusters, and the truth/look-alike records that
// truth.json is written from. Each category's file (named like its rule in src/rules/) uses these.
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN, at } from '../time.ts';
import type { DemoRow, IdRef } from '../writer.ts';
import type { Device, Officer, Planted, Vehicle, World } from '../world/world.ts';
import { privateCar } from '../world/population.ts';
import { addViolation, capture, markProcessed, recording, type TimedViolation } from '../world/rows.ts';
import { nearRoad, nearestTown, round6, unitAt } from '../world/geography.ts';
import { accidentOfficers, type AccidentGrid } from '../background/accidents.ts';
import { haversineM } from '../../geo/distance.ts';

/** Days in the period after its first. */
export const span = (w: World) => w.to - w.from;

/** Record a planted case: `subject` should get a warning of `category` (RULES clause in words). */
export function truth(w: World, category: string, kind: string, id: string | IdRef, clause: string): void {
  w.planted.push({ category, subject: { kind, id }, clause });
}

/** Record an honest look-alike: `subject` must get no warning of `category` (the exemption in words). */
export function lookalike(w: World, category: string, kind: string, id: string | IdRef, exemption: string): void {
  w.lookalikes.push({ category, subject: { kind, id }, exemption });
}

/** A fresh private car (owner drives it); never in the background pool. */
export function car(w: World, r: Rng): Vehicle {
  return privateCar(w, r).v;
}

/** Capture processed by licence `lic` through a window some days later. */
export function penalty(w: World, r: Rng, dev: Device, v: Vehicle, t: number, lic: string, pt?: number, clerk?: Officer): IdRef {
  const row = capture(w, r, dev, v, t);
  const p = pt ?? at(Math.floor(t / DAY) + r.between(2, 9), r.between(9, 16), r.int(60));
  markProcessed(w, r, row, lic, p, clerk ? '窗口' : undefined, clerk);
  return addViolation(w, row);
}

/** A ticket officer `o` writes on the spot at `p` (see townPoint), processed there and then by its first driver. */
export function onSiteTicket(
  w: World, o: Officer, v: Vehicle, t: number, p: { lon: number; lat: number; road: string; place: string },
  c: { code: string; fine: number; points: number; processedAfter: number },
): TimedViolation {
  return {
    plate: v.plate, plate_type: v.type, occurred_at: t, place: p.place, road: p.road, lon: round6(p.lon), lat: round6(p.lat),
    code: c.code, fine: c.fine, points: c.points, source: '现场', officer_id: o.id, entered_at: t + HOUR, status: '已处理',
    processed_at: t + c.processedAfter, handler_id: o.id, handling_unit: o.unit, channel: '现场', license_no: v.drivers[0],
    decision_no: w.ids.decisionNo(o.unit, t),
  };
}

// ---- accidents ----------------------------------------------------------------------------------

/** An accident spot near a road, away from the blackspot sites and from chance clusters. */
export function spot(w: World, r: Rng, grid: AccidentGrid, fatal = false): { lon: number; lat: number; road: string; unit: string; county: string } {
  for (let tries = 0; ; tries++) {
    const { lon, lat, road, expressway } = nearRoad(r);
    if (w.exclusion.some((e) => haversineM(lon, lat, e.lon, e.lat) < e.r) && tries < 500) continue;
    if (!grid.ok(lon, lat, fatal) && tries < 500) continue;
    grid.add(lon, lat, fatal);
    return { lon: round6(lon), lat: round6(lat), road, unit: unitAt(lon, lat, expressway), county: nearestTown(lon, lat).county };
  }
}

export interface AccOpts {
  t: number; lon: number; lat: number; road: string; unit: string; county: string;
  procedure?: '一般程序' | '简易程序'; officer?: Officer | null; assistant?: Officer | null; deaths?: number;
  sceneMinutes?: number; record?: 'own-linked' | 'own' | 'assistant-linked' | 'none'; row?: DemoRow<'accidents'>;
}
/** An accident (clean unless `row` overrides), with its covering recording. */
export function accident(w: World, r: Rng, o: AccOpts): Planted<'accidents'> {
  const general = (o.procedure ?? '一般程序') === '一般程序';
  const officer = o.officer === undefined ? r.pick(accidentOfficers(w, o.unit)) : o.officer;
  const rep = o.t + 10 * MIN;
  const scene = officer ? rep + (o.sceneMinutes ?? 100) * MIN : null;
  const row: DemoRow<'accidents'> = {
    occurred_at: o.t, place: `${o.county}${o.road}`, road: o.road, km: null, lon: o.lon, lat: o.lat, unit_code: o.unit,
    procedure: general ? '一般程序' : '简易程序', deaths: o.deaths ?? 0, injuries: general ? r.between(0, 2) : 0, loss: r.between(800, 20000),
    form: r.pick(['追尾', '刮擦', '侧面相撞', '正面相撞']), weather: '晴', hit_and_run: false,
    officer_id: officer?.id ?? null, assistant_id: o.assistant === undefined ? (general && officer ? r.pick(w.byPost.get('事故处理')!.filter((x) => x !== officer)).id : null) : o.assistant?.id ?? null,
    reported_at: officer ? rep : null, scene_done_at: scene, appraisal: false, appraisal_done_at: null, extended: false,
    determined_at: scene ? (general ? scene + 3 * DAY : scene) : null, liability_changes: 0, change_reason: null,
    closed_at: scene ? scene + (general ? 20 : 0) * DAY : o.t + 2 * HOUR, status: '已结案',
    ...(o.row ?? {}),
  };
  if (row.closed_at != null && row.closed_at >= w.asOfSec) { row.closed_at = null; if (row.status === '已结案') row.status = '已认定'; }
  const p: Planted<'accidents'> = { row, t: o.t, ref: {} };
  w.accidents.push(p);
  const rec = o.record ?? (officer ? 'own-linked' : 'none');
  if (officer && scene && rec !== 'none') {
    if (rec === 'assistant-linked') {
      const a = w.officerById.get(row.assistant_id!)!;
      w.videos.push({ row: recording(r, a, rep + 12 * MIN, scene, { tag: '事故处理', linked_id: p.ref }), t: rep, ref: {} });
    } else {
      w.videos.push({ row: recording(r, officer, rep + 10 * MIN, scene + 3 * MIN, { tag: '事故处理', linked_id: rec === 'own-linked' ? p.ref : null }), t: rep, ref: {} });
    }
  }
  return p;
}

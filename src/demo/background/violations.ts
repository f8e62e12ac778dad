// The clean background of the violations table: camera captures by the hourly and weekly rhythm, on-site
// tickets in recorded patrol sessions, settled as real records are. Streamed day by day with the planted
// violations of the day merged in time order.
// Part of the clean background: nothing here may raise a warning (planted cases live in plant/).
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN, at, fmtDate, isWorkday, weekday } from '../time.ts';
import type { TableWriter } from '../writer.ts';
import type { Device, Officer, Planted, Vehicle, World } from '../world/world.ts';
import { EMERGENCY_USAGES } from '../world/population.ts';
import { capture, fineFor, markProcessed, markVoided, recording, type TimedViolation } from '../world/rows.ts';
import { ROADS, nearestTown, roadPoint, round6, townOf, townPoint } from '../world/geography.ts';
import { CODE, ONSITE_CODES, U } from '../world/reference.ts';
import { WEEKDAY_WEIGHTS, drawHour, spread } from '../world/rhythm.ts';

const MIN_GAP = 3 * HOUR; // one vehicle is never captured twice within 3 h in the background

interface Item { t: number; kind: 0 | 1 | 2; dev?: Device; sess?: Session; p?: Planted<'violations'> }
interface Session { officer: Officer; start: number; end: number; lon: number; lat: number; road: string; place: string; video?: Planted<'videos'> }

export async function writeViolations(w: World, out: TableWriter<'violations'>): Promise<void> {
  const r = w.rng.fork(10);
  const days = w.to - w.from + 1;
  const dayW: number[] = [];
  for (let d = w.from; d <= w.to; d++) dayW.push(WEEKDAY_WEIGHTS[weekday(d)] * (isWorkday(d) || weekday(d) === 0 || weekday(d) === 6 ? 1 : 0.8));
  const counts = spread(w.nViolations, dayW);
  const last = new Float64Array(w.bgCount).fill(-1e12);
  const road = w.byPost.get('路面执勤')!;
  const clerks = w.byPost.get('违法处理')!;

  for (let di = 0; di < days; di++) {
    const day = w.from + di;
    const n = counts[di];
    const nTickets = Math.round(n * 0.05);
    const nCam = n - nTickets;
    const active = w.devices.filter((d) => d.activeFrom <= day && d.activeTo >= day);
    const cum = new Float64Array(active.length);
    let acc = 0;
    for (let i = 0; i < active.length; i++) { acc += active[i].weight; cum[i] = acc; }
    const items: Item[] = [];
    if (active.length > 0) {
      for (let i = 0; i < nCam; i++) {
        const t = day * DAY + drawHour(r) * HOUR + r.int(HOUR);
        const y = r.next() * acc;
        let lo = 0, hi = active.length - 1;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > y) hi = mid; else lo = mid + 1; }
        items.push({ t, kind: 0, dev: active[lo] });
      }
    }
    // On-site enforcement happens in recorded patrol sessions (07:00–22:00).
    let left = nTickets;
    while (left > 0) {
      const k = Math.min(left, r.between(1, 5));
      left -= k;
      const officer = r.pick(road);
      const start = at(day, r.between(7, 18), r.int(60), r.int(60));
      const end = Math.min(start + r.between(60 * MIN, 180 * MIN), at(day, 22));
      const loc = sessionPlace(r, officer);
      const sess: Session = { officer, start, end, ...loc };
      const vrow = recording(r, officer, start, end, { tag: r.chance(0.5) ? '违法处理' : '巡逻执勤' });
      sess.video = { row: vrow, t: start, ref: {} };
      w.videos.push(sess.video);
      for (let j = 0; j < k; j++) items.push({ t: start + 5 * MIN + r.int(Math.max(1, end - start - 20 * MIN)), kind: 1, sess });
    }
    for (const p of w.plantedViolations.get(day) ?? []) items.push({ t: p.t, kind: 2, p });
    items.sort((a, b) => a.t - b.t);

    let seq = 0;
    for (const it of items) {
      const id = violationId(day, ++seq);
      if (it.kind === 2) {
        it.p!.ref.id = id;
        it.p!.row.violation_id = id;
        out.write(it.p!.row);
        continue;
      }
      const t = it.t;
      // A vehicle not captured in the last 3 hours.
      let vi = r.int(w.bgCount);
      for (let tries = 0; last[vi] > t - MIN_GAP; tries++) {
        vi = tries < 30 ? r.int(w.bgCount) : (vi + 1) % w.bgCount;
      }
      last[vi] = t;
      const v = w.vehicles[vi];
      let row: TimedViolation;
      if (it.kind === 0) {
        row = capture(w, r, it.dev!, v, t);
        settleCapture(w, r, row, it.dev!, v, day, clerks);
      } else {
        const s = it.sess!;
        const code = ONSITE_CODES[r.weighted(ONSITE_CODES.map((x) => x[1]))][0];
        const c = CODE.get(code)!;
        const lic = r.pick(v.drivers);
        row = {
          plate: v.plate, plate_type: v.type, occurred_at: t, place: s.place, road: s.road,
          lon: round6(s.lon + r.normal() * 0.002), lat: round6(s.lat + r.normal() * 0.002),
          code, fine: fineFor(r, code), points: c.points, source: '现场', device_id: null, officer_id: s.officer.id,
          entered_at: t + r.between(20 * MIN, 3 * HOUR), reviewer_id: null, reviewed_at: null,
          status: '已处理', processed_at: t + r.between(5 * MIN, 11 * MIN), handler_id: s.officer.id, handling_unit: s.officer.unit,
          channel: '现场', license_no: lic, decision_no: w.ids.decisionNo(s.officer.unit, t),
        };
        if (r.chance(0.3)) {
          // A separate recording filed under the ticket.
          w.videos.push({ row: recording(r, s.officer, t - r.between(30, 120), t + r.between(8 * MIN, 14 * MIN), { linked_id: id, tag: '违法处理' }), t, ref: {} });
        }
      }
      row.violation_id = id;
      out.write(row);
    }
  }
}

/** The n-th violation of a day: 1407 (Jinzhong), the date, a running number. */
export function violationId(day: number, n: number): string {
  return '1407' + fmtDate(day, 'compact') + String(n).padStart(8, '0');
}

function sessionPlace(r: Rng, o: Officer): { lon: number; lat: number; road: string; place: string } {
  if (o.unit === U.highway) {
    const rp = roadPoint(r, ROADS.filter((x) => x.expressway)[r.int(3)]);
    return { lon: rp.lon, lat: rp.lat, road: rp.road.name, place: `${nearestTown(rp.lon, rp.lat).county}${rp.road.name}K${Math.floor(rp.km)}` };
  }
  return townPoint(r, townOf(o.unit), 2);
}

/** Status of an ordinary capture: processed, unprocessed, or voided on a recognised ground. */
function settleCapture(w: World, r: Rng, row: TimedViolation, dev: Device, v: Vehicle, day: number, clerks: Officer[]): void {
  const t = row.occurred_at;
  const reviewed = row.reviewed_at ?? t + DAY;
  const fault = w.faultDays.get(dev.id + '/' + day);
  if (fault) {
    markVoided(row, w.officerById.get(fault.officer)!, at(day + 1, 10, r.int(60)), '设备故障');
    return;
  }
  if (EMERGENCY_USAGES.includes(v.usage) && r.chance(0.6)) {
    const va = reviewed + r.between(10 * MIN, 5 * HOUR);
    if (va < w.asOfSec - HOUR && row.reviewer_id) { markVoided(row, w.officerById.get(row.reviewer_id)!, va, '执行紧急任务'); return; }
  }
  const x = r.next();
  if (x < 0.008) {
    const va = reviewed + r.between(HOUR, 10 * DAY);
    if (va < w.asOfSec - HOUR) {
      if (r.chance(0.5) && row.reviewer_id) markVoided(row, w.officerById.get(row.reviewer_id)!, va, '号牌识别错误');
      else markVoided(row, r.pick(clerks), va, '当事人申辩成立，系套牌车辆');
      return;
    }
  }
  if (x < 0.72) {
    const pday = Math.floor((reviewed + DAY + r.exp(12 * DAY)) / DAY);
    const pt = at(pday, r.between(8, 17), r.int(60), r.int(60));
    if (pt < w.asOfSec - 2 * HOUR) markProcessed(w, r, row, r.pick(v.drivers), pt);
  }
}

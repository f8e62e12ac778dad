// The clean background: ordinary enforcement, accidents, business, recordings and opinions that break
// no rule of RULES.md. Every planted case lives in plant/; this file must never create a warning.
import { RETRIES, type Rng } from './rng.ts';
import { DAY, HOUR, MIN, at, fmtDate, isWorkday, weekday, ymd } from './time.ts';
import type { DemoRow, TableWriter } from './writer.ts';
import { accidentDayWeight, drawnPerDay, KEEP_MID, unitKeep } from './accident-season.ts';
import { push, type Device, type Officer, type Planted, type Vehicle, type World } from './world/world.ts';
import { EMERGENCY_USAGES, pickOther, staffOf } from './world/population.ts';
import { capture, fineFor, markProcessed, markVoided, recording, type TimedViolation } from './world/rows.ts';
import { ROADS, accidentPlace, type AccidentPlace, nearestTown, roadPoint, round6, townOf, townPoint, unitAt } from './world/geography.ts';
import { CODE, ONSITE_CODES, U, UNITS, ACCIDENT_FORMS, WEATHER, OPINION_TEXT, COMPLAINT_DEVICE, COMPLAINT_OFFICER } from './world/reference.ts';
import { WEEKDAY_WEIGHTS, drawHour, timeOn } from './world/rhythm.ts';
import { haversineM } from '../geo/distance.ts';

/** Spread `total` over days by weights, exactly. */
function spread(total: number, weights: number[]): number[] {
  const W = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let cum = 0, prev = 0;
  for (const w of weights) {
    cum += (total * w) / W;
    const r = Math.round(cum);
    out.push(r - prev);
    prev = r;
  }
  return out;
}

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

// ---- accidents ------------------------------------------------------------------------------

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
      let place: AccidentPlace | null = null;
      for (let tries = 0; tries < RETRIES; tries++) {
        const p = accidentPlace(r);
        if (w.exclusion.some((e) => haversineM(p.lon, p.lat, e.lon, e.lat) < e.r)) continue;
        if (grid.ok(p.lon, p.lat, fatal) || tries > 200) { place = p; break; }
      }
      // No spot outside the planted sites' exclusion zones: leave this background accident out (keeps the truth clean).
      if (!place) continue;
      grid.add(place.lon, place.lat, fatal);
      const { road: roadName, expressway, km } = place;
      const lon = round6(place.lon), lat = round6(place.lat);
      const unit = general && !expressway && nearestTown(lon, lat).unit === null ? U.accident : unitAt(lon, lat, expressway);
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

export function accidentOfficers(w: World, unit: string): Officer[] {
  return w.byUnitPost.get(unit + '/事故处理') ?? w.byUnitPost.get(unit + '/路面执勤') ?? w.byPost.get('事故处理')!;
}

// ---- business -------------------------------------------------------------------------------

const BUSINESS_KINDS: [string, number, string[]][] = [
  ['注册登记', 10, ['窗口']], ['转移登记', 12, ['窗口']], ['变更登记', 5, ['窗口', '互联网']], ['注销登记', 3, ['窗口']],
  ['抵押登记', 4, ['窗口', '互联网']], ['补换领号牌', 4, ['窗口', '互联网']], ['补换领行驶证', 3, ['窗口', '互联网', '自助机']],
  ['核发检验合格标志', 20, ['窗口', '互联网', '自助机']], ['驾驶证换证', 12, ['窗口', '互联网', '自助机']], ['驾驶证补证', 4, ['窗口', '互联网', '自助机']],
  ['驾驶证审验', 6, ['窗口', '自助机']], ['满分学习考试', 2, ['窗口']], ['驾驶人考试', 12, ['窗口']], ['恢复驾驶资格', 1, ['窗口']],
];
const VEHICLE_BUSINESS = new Set(['注册登记', '转移登记', '变更登记', '注销登记', '抵押登记', '补换领号牌', '补换领行驶证', '核发检验合格标志']);
export const BUSINESS_UNITS = [U.dmv, U.taigu, U.jiexiu, U.qixian, U.pingyao, U.lingshi, U.shouyang, U.xiyang, U.heshun, U.zuoquan, U.yushe];

/** A window time on a working day: 08:30–11:45 or 14:00–17:15, whole minutes. */
export function windowTime(r: Rng, day: number): number {
  return r.chance(0.5) ? at(day, 8, 30 + r.int(195)) : at(day, 14, r.int(195));
}

export function backgroundBusiness(w: World): void {
  const r = w.rng.fork(30);
  const total = Math.max(100, Math.round(20000 * w.scale * w.months));
  const dayW: number[] = [];
  for (let d = w.from; d <= w.to; d++) dayW.push(isWorkday(d) ? 1 : 0.15);
  const counts = spread(total, dayW);
  for (let di = 0; di < counts.length; di++) {
    const day = w.from + di;
    const work = isWorkday(day);
    for (let i = 0; i < counts[di]; i++) {
      const [kind, , chans] = BUSINESS_KINDS[r.weighted(BUSINESS_KINDS.map((x) => x[1]))];
      let channel = r.pick(chans);
      if (!work) {
        const remote = chans.filter((c) => c !== '窗口');
        if (remote.length === 0) continue;
        channel = r.pick(remote);
      }
      const unit = channel === '互联网' || r.chance(0.55) ? U.dmv : r.pick(BUSINESS_UNITS);
      const staff = staffOf(w, unit, '车驾管');
      const row: DemoRow<'business'> = { kind, unit_code: unit, channel };
      if (VEHICLE_BUSINESS.has(kind)) {
        const v = kind === '核发检验合格标志' ? r.pick(w.clean) : r.chance(0.5) ? r.pick(w.clean) : w.vehicles[r.int(w.bgCount)];
        row.plate = v.plate; row.plate_type = v.type;
      } else {
        row.license_no = w.drivers[r.int(w.drivers.length)].lic;
      }
      let acc: number;
      if (channel === '窗口') {
        acc = windowTime(r, day);
        const a = r.pick(staff);
        const b = pickOther(r, staff, a, w.byPost.get('车驾管'));
        row.acceptor_id = a.id; row.approver_id = b.id;
      } else {
        acc = at(day, r.int(24), r.int(60));
        row.approver_id = r.pick(staff).id;
      }
      row.accepted_at = acc;
      const done = acc + (channel === '窗口' ? r.between(10, 120) * MIN : r.between(30, 36 * 60) * MIN);
      let status = r.chance(0.94) ? '办结' : '退办';
      if (done >= w.asOfSec) status = '受理中';
      row.status = status;
      row.completed_at = status === '办结' ? done : null;
      if ((kind === '注册登记' || kind === '转移登记') && status !== '受理中') {
        row.inspector_id = r.pick(staff).id; // may be the acceptor or the approver: allowed
        row.inspected_at = r.chance(0.5) ? acc - r.between(10, 60) * MIN : acc + Math.floor((done - acc) / MIN / 2) * MIN;
      }
      w.business.push({ row, t: acc, ref: {} });
    }
  }
}

// ---- recordings not tied to a ticket -------------------------------------------------------

export function backgroundPatrols(w: World): void {
  const r = w.rng.fork(40);
  const n = Math.max(50, Math.round(8000 * w.scale * w.months));
  const road = w.byPost.get('路面执勤')!;
  for (let i = 0; i < n; i++) {
    const day = w.dayIn(r);
    const o = r.pick(road);
    const s = at(day, r.between(7, 20), r.int(60), r.int(60));
    const e = s + r.between(10 * MIN, 120 * MIN);
    w.videos.push({ row: recording(r, o, s, e, { tag: r.pick(['巡逻执勤', '巡逻执勤', '其他', '考试查验']) }), t: s, ref: {} });
  }
}

// ---- opinions -------------------------------------------------------------------------------

export function quarters(w: World): { key: string; from: number; to: number }[] {
  const out: { key: string; from: number; to: number }[] = [];
  const { y, m } = ymd(w.from);
  let qs = Date.UTC(y, Math.floor((m - 1) / 3) * 3, 1) / 86400000;
  while (qs <= w.to) {
    const { y: qy, m: qm } = ymd(qs);
    const qe = Date.UTC(qy, qm - 1 + 3, 1) / 86400000 - 1;
    out.push({ key: `${qy}Q${Math.floor((qm - 1) / 3) + 1}`, from: qs, to: qe });
    qs = qe + 1;
  }
  return out;
}

export function backgroundOpinions(w: World): void {
  const r = w.rng.fork(50);
  for (const q of quarters(w)) {
    const a = Math.max(q.from, w.from), b = Math.min(q.to, w.to);
    for (const u of UNITS) {
      if (w.quotaPlanted.has(`${u.code}/${q.key}`)) continue;
      const n = u.kind === '县区大队' ? r.between(1, 4) : r.between(1, 2);
      for (let i = 0; i < n; i++) {
        const day = a + r.int(b - a + 1);
        w.opinions.push({ row: { received_on: day, unit_code: u.code, channel: r.pick(['座谈会', '走访', '问卷', '网络征集']), kind: '意见建议', content: r.pick(OPINION_TEXT), outcome: '已答复' }, t: day * DAY, ref: {} });
      }
    }
  }
  // At most two complaints per camera in the data.
  for (const d of w.devices) {
    if (d.special || w.complaintDevices.has(d.id) || d.status !== '在用') continue;
    const x = r.next();
    const n = x < 0.02 ? 2 : x < 0.1 ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const day = w.dayIn(r);
      w.opinions.push({ row: { received_on: day, unit_code: d.unit, channel: r.pick(['12345热线', '12123', '信访', '网络征集']), kind: '投诉', device_id: d.id, content: r.pick(COMPLAINT_DEVICE), outcome: '已转科技科核查' }, t: day * DAY, ref: {} });
    }
  }
  const offs = w.officers.filter((o) => o.status === '在职' && !o.reserved && (o.post === '路面执勤' || o.post === '事故处理'));
  const nComp = Math.round(offs.length * 0.15);
  for (let i = 0; i < nComp; i++) {
    const o = r.pick(offs);
    const day = w.dayIn(r);
    w.opinions.push({ row: { received_on: day, unit_code: o.unit, channel: r.pick(['12345热线', '12123', '信访']), kind: '投诉', officer_id: o.id, content: r.pick(COMPLAINT_OFFICER), outcome: '已调查' }, t: day * DAY, ref: {} });
  }
}

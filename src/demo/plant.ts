// Planted misconduct for every clause of RULES.md, and the honest look-alike for every exemption.
// Written from RULES.md only. Every planted record is otherwise clean (covered by a recording,
// uploaded in time, valid codes…), so that it raises exactly the warning it is planted for.
import { Rng } from './rng.ts';
import { DAY, HOUR, MIN, at, addWorkdays, addWeekdaysNaive, addMonthsSec, isWorkday } from './time.ts';
import type { IdRef, Row } from './writer.ts';
import { World, RETRIES, pickOther, round6, clampLat, clampLon, type Device, type Driver, type Officer, type Vehicle, type Planted } from './core.ts';
import { haversineM } from '../geo/distance.ts';
import { AccidentGrid, accidentOfficers, quarters, windowTime, BUSINESS_UNITS, OPINION_TEXT, COMPLAINT_DEVICE, COMPLAINT_OFFICER } from './background.ts';
import { CODE, TOWNS, U, UNITS, ROADS } from './world.ts';

export function plantAll(w: World, grid: AccidentGrid): void {
  plantBlackspots(w, grid, w.rng.fork(115));
  plantPointTrading(w, w.rng.fork(101));
  plantCaseShelving(w, grid, w.rng.fork(102));
  plantFavorVoiding(w, w.rng.fork(103));
  plantLiabilityChange(w, grid, w.rng.fork(104));
  plantIrregularBusiness(w, w.rng.fork(105));
  plantBodycamMissing(w, grid, w.rng.fork(106));
  plantBodycamDeletion(w, w.rng.fork(107));
  plantLateUpload(w, w.rng.fork(108));
  plantDeviceUnapproved(w, w.rng.fork(109));
  plantCalibration(w, w.rng.fork(110));
  plantOpinionQuota(w, w.rng.fork(116));
  plantComplaints(w, w.rng.fork(111));
  plantVolume(w, w.rng.fork(112));
  plantDuplicates(w, w.rng.fork(113));
  plantCodeMismatch(w, w.rng.fork(114));
}

const span = (w: World) => w.to - w.from;

/** A fresh private car (owner drives it); never in the background pool. */
function car(w: World, r: Rng): Vehicle {
  return w.privateCar(r).v;
}

function cleanCapture(w: World, r: Rng, dev: Device, v: Vehicle, t: number, o: Row = {}): Row {
  return w.capture(r, dev, v, t, o);
}

/** Capture processed by licence `lic` through a window some days later. */
function penalty(w: World, r: Rng, dev: Device, v: Vehicle, t: number, lic: string, pt?: number, clerk?: Officer): IdRef {
  const row = cleanCapture(w, r, dev, v, t);
  const p = pt ?? at(Math.floor(t / DAY) + r.between(2, 9), r.between(9, 16), r.int(60));
  w.process(r, row, lic, p, clerk ? '窗口' : undefined, clerk);
  return w.addViolation(row);
}

// ---- 1 point-trading ----------------------------------------------------------------------

function plantPointTrading(w: World, r: Rng): void {
  const C = 'point-trading';
  const devs = w.plainDevices((k) => k !== '违法停车');
  const clerks = w.byPost.get('违法处理')!;
  const lastOk = span(w) - 12;
  const takePenalties = (L: Driver, vs: Vehicle[], o: { sitting?: boolean; pre?: boolean; big?: boolean } = {}) => {
    const clerk = r.pick(clerks);
    const sitDay = w.from + r.between(Math.min(lastOk, 40), lastOk);
    for (const v of vs) {
      const day = o.pre ? w.from - r.between(5, 25) : o.sitting ? sitDay - r.between(3, 30) : w.dayIn(r, 0, lastOk);
      const dev = o.big ? r.pick(devs.filter((d) => d.kind === '闯红灯')) : r.pick(devs);
      const t = w.timeOn(r, day, 7, 21);
      const pt = o.sitting || o.pre ? at(o.pre ? w.from + r.between(1, 10) : sitDay, 10, r.between(0, 50), r.int(60)) : undefined;
      penalty(w, r, dev, v, t, L.lic, pt, o.sitting || o.pre ? clerk : undefined);
    }
  };
  for (let i = 0; i < w.k; i++) {
    const L = w.newDriver(r, { local: i % 3 !== 2 });
    const n = 3 + (i % 4);
    const vs = Array.from({ length: n }, () => car(w, r));
    if (i % 4 === 3) w.newVehicle(r, { owner: L, drivers: [L.lic] }); // owns a car too: still ≥3 other owners
    takePenalties(L, vs, { sitting: i % 2 === 0, pre: i === 1, big: i === 0 });
    w.truth(C, 'license', L.lic, i === 1 ? 'high: ≥3 other owners (pre-period violations processed in the period)' : 'high: ≥3 other owners');
  }
  for (let i = 0; i < w.k; i++) {
    const L = w.newDriver(r, { local: false });
    takePenalties(L, [car(w, r), car(w, r)], { sitting: i % 2 === 0 });
    w.truth(C, 'license', L.lic, 'medium (a): 2 other owners, licence issued outside Jinzhong, local private cars');
  }
  for (let i = 0; i < w.k; i++) {
    const broker = w.newDriver(r, { local: true });
    const L = w.newDriver(r, { local: true, phone: broker.phone });
    takePenalties(L, [car(w, r), car(w, r)]);
    w.truth(C, 'license', L.lic, 'medium (b): 2 other owners, phone shared with another licence holder');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const usage = i % 2 === 0 ? '货运' : '公路客运';
    const co = w.company(r, usage === '货运' ? '物流有限公司' : '客运有限责任公司');
    const D = w.newDriver(r, { local: true, classes: 'A2' });
    const vs = Array.from({ length: 5 + i }, () => w.newVehicle(r, { owner: co, type: '01', usage, drivers: [D.lic] }));
    takePenalties(D, vs);
    w.lookalike(C, 'license', D.lic, `one-owner fleet (${usage}): ${vs.length} vehicles of one company`);
  }
  for (let i = 0; i < w.k; i++) {
    const co = w.company(r, '出租汽车有限公司');
    const drivers = Array.from({ length: 3 }, () => w.newDriver(r, { local: true }));
    const taxis = Array.from({ length: 4 }, (_, j) => w.newVehicle(r, { owner: co, type: '02', usage: '出租客运', drivers: [drivers[j % 3].lic, drivers[(j + 1) % 3].lic] }));
    takePenalties(drivers[0], taxis);
    w.lookalike(C, 'license', drivers[0].lic, 'taxi shift driver: 4 taxis of one company');
  }
  for (let i = 0; i < w.k; i++) {
    const { owner } = w.privateCar(r);
    const cars = [w.vehicles[w.vehicles.length - 1], w.newVehicle(r, { owner, drivers: [owner.lic] }), w.newVehicle(r, { owner, drivers: [owner.lic] })];
    const rel = w.newDriver(r, { local: true, region: owner.lic.slice(0, 6) });
    takePenalties(rel, cars);
    w.lookalike(C, 'license', rel.lic, 'family member driving 3 cars of one household owner');
  }
  for (let i = 0; i < w.k; i++) {
    const L = w.newDriver(r, { local: true });
    takePenalties(L, [car(w, r), car(w, r)]);
    w.lookalike(C, 'license', L.lic, 'relative driving cars of two households, local licence, own phone');
  }
  for (let i = 0; i < w.k; i++) {
    const L = w.newDriver(r, { local: false });
    const own = w.newVehicle(r, { owner: L, plate: w.plate(r, L.issuer, 'normal'), drivers: [L.lic] });
    takePenalties(L, [car(w, r), car(w, r), own]);
    w.lookalike(C, 'license', L.lic, 'two other owners, non-local licence, but owns a vehicle (1.3 needs owns none)');
  }
  for (let i = 0; i < w.k; i++) {
    const { owner, v } = w.privateCar(r);
    const v2 = w.newVehicle(r, { owner, drivers: [owner.lic] });
    takePenalties(owner, [v, v2, car(w, r)]);
    w.lookalike(C, 'license', owner.lic, "own vehicles plus one other owner's car");
  }
}

// ---- accidents helpers ---------------------------------------------------------------------

function spot(w: World, r: Rng, grid: AccidentGrid, fatal = false): { lon: number; lat: number; road: string; unit: string; county: string } {
  for (let tries = 0; ; tries++) {
    const rp = w.roadPoint(r);
    const lon = clampLon(rp.lon + (r.normal() * 1.5) / 88.6), lat = clampLat(rp.lat + (r.normal() * 1.5) / 111);
    if (w.exclusion.some((e) => haversineM(lon, lat, e.lon, e.lat) < e.r) && tries < 500) continue;
    if (!grid.ok(lon, lat, fatal) && tries < 500) continue;
    grid.add(lon, lat, fatal);
    return { lon: round6(lon), lat: round6(lat), road: rp.road.name, unit: w.unitAt(lon, lat, rp.road.expressway), county: w.nearestTown(lon, lat).county };
  }
}

interface AccOpts {
  t: number; lon: number; lat: number; road: string; unit: string; county: string;
  procedure?: '一般程序' | '简易程序'; officer?: Officer | null; assistant?: Officer | null; deaths?: number;
  sceneMinutes?: number; record?: 'own-linked' | 'own' | 'assistant-linked' | 'none'; row?: Row;
}
/** An accident (clean unless `row` overrides), with its covering recording. */
function accident(w: World, r: Rng, o: AccOpts): Planted {
  const general = (o.procedure ?? '一般程序') === '一般程序';
  const officer = o.officer === undefined ? r.pick(accidentOfficers(w, o.unit)) : o.officer;
  const rep = o.t + 10 * MIN;
  const scene = officer ? rep + (o.sceneMinutes ?? 100) * MIN : null;
  const row: Row = {
    occurred_at: o.t, place: `${o.county}${o.road}`, road: o.road, km: null, lon: o.lon, lat: o.lat, unit_code: o.unit,
    procedure: general ? '一般程序' : '简易程序', deaths: o.deaths ?? 0, injuries: general ? r.between(0, 2) : 0, loss: r.between(800, 20000),
    form: r.pick(['追尾', '刮擦', '侧面相撞', '正面相撞']), weather: '晴', hit_and_run: false,
    officer_id: officer?.id ?? null, assistant_id: o.assistant === undefined ? (general && officer ? r.pick(w.byPost.get('事故处理')!.filter((x) => x !== officer)).id : null) : o.assistant?.id ?? null,
    reported_at: officer ? rep : null, scene_done_at: scene, appraisal: false, appraisal_done_at: null, extended: false,
    determined_at: scene ? (general ? scene + 3 * DAY : scene) : null, liability_changes: 0, change_reason: null,
    closed_at: scene ? scene + (general ? 20 : 0) * DAY : o.t + 2 * HOUR, status: '已结案',
    ...(o.row ?? {}),
  };
  if (row.closed_at !== null && (row.closed_at as number) >= w.asOfSec) { row.closed_at = null; if (row.status === '已结案') row.status = '已认定'; }
  const p: Planted = { row, t: o.t, ref: {} };
  w.accidents.push(p);
  const rec = o.record ?? (officer ? 'own-linked' : 'none');
  if (officer && scene && rec !== 'none') {
    if (rec === 'assistant-linked') {
      const a = w.officerById.get(row.assistant_id as string)!;
      w.videos.push({ row: w.video(r, a, rep + 12 * MIN, scene, { tag: '事故处理', linked_id: p.ref }), t: rep, ref: {} });
    } else {
      w.videos.push({ row: w.video(r, officer, rep + 10 * MIN, scene + 3 * MIN, { tag: '事故处理', linked_id: rec === 'own-linked' ? p.ref : null }), t: rep, ref: {} });
    }
  }
  return p;
}

// ---- 2 case-shelving ----------------------------------------------------------------------

function plantCaseShelving(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'case-shelving';
  const D = w.asOf;
  const lastPassedWd = (() => { let d = D - 1; while (!isWorkday(d)) d--; return d; })();
  const firstNotPassedWd = (() => { let d = D; while (!isWorkday(d)) d++; return d; })();
  const sceneFor = (n: number, target: number): number | null => {
    for (let s = target - 1; s >= target - 40; s--) if (addWorkdays(s, n) === target && s >= w.from && s <= w.to) return s;
    return null;
  };
  const open = (sceneDay: number, o: Partial<AccOpts> & { row?: Row }): Planted => {
    const t = at(sceneDay, r.between(8, 15), r.int(60), r.int(60));
    const loc = spot(w, r, grid, (o.deaths ?? 0) > 0);
    return accident(w, r, { t, ...loc, ...o, row: { determined_at: null, closed_at: null, status: '调查中', ...(o.row ?? {}) } });
  };
  const early = () => w.dayIn(r, 0, Math.max(0, span(w) - 30));
  for (let i = 0; i < w.k; i++) {
    const s = i === 0 ? (sceneFor(10, lastPassedWd) ?? early()) : early();
    const p = open(s, { deaths: i === 1 ? 1 : 0, row: { status: i % 2 === 0 ? '调查中' : '已受理' } });
    w.truth(C, 'accident', p.ref, i === 0 ? 'base: scene + 10 working days passed (deadline the day before as-of)' : i === 1 ? 'base: overdue, fatal (high)' : 'base: scene + 10 working days passed');
  }
  for (let i = 0; i < w.k; i++) {
    const s = w.dayIn(r, 0, Math.max(0, span(w) - 40));
    const ad = Math.min(s + r.between(3, 15), w.to - 10);
    const target = i === 0 ? lastPassedWd : null;
    let adDay = ad;
    if (target !== null) { for (let a = target - 1; a > target - 20; a--) if (addWorkdays(a, 5) === target) { adDay = a; break; } }
    const p = open(Math.min(s, adDay - 1), { row: { appraisal: true, appraisal_done_at: at(adDay, 15, r.int(60)) } });
    w.truth(C, 'accident', p.ref, 'appraisal: conclusion + 5 working days passed');
  }
  for (let i = 0; i < w.k; i++) {
    const s = w.dayIn(r, 0, Math.max(0, span(w) - 60));
    if (addWorkdays(s, 10) + 30 >= D) continue;
    const p = open(s, { row: { extended: true } });
    w.truth(C, 'accident', p.ref, 'extension: extended deadline (+30 days) passed');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { hit_and_run: true, status: '已受理' } });
    w.truth(C, 'accident', p.ref, 'hit-and-run never taken into investigation (已受理): base deadline');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { hit_and_run: true, status: '调查中' } });
    w.lookalike(C, 'accident', p.ref, 'hit-and-run under investigation (调查中)');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { appraisal: true, appraisal_done_at: null } });
    w.lookalike(C, 'accident', p.ref, 'appraisal pending (no conclusion recorded)');
  }
  for (let i = 0; i < w.k; i++) {
    for (let s = D - 45 + i; s < D - 10; s++) {
      const x = addWorkdays(s, 10);
      if (x < D && x + 30 >= D && s >= w.from && s <= w.to) {
        const p = open(s, { row: { extended: true } });
        w.lookalike(C, 'accident', p.ref, 'approved extension not yet run out');
        break;
      }
    }
  }
  const s0 = sceneFor(10, firstNotPassedWd);
  if (s0 !== null) for (let i = 0; i < Math.max(2, w.k - 1); i++) {
    const p = open(s0, { row: { status: i % 2 ? '已受理' : '调查中' } });
    w.lookalike(C, 'accident', p.ref, 'deadline falls on the as-of date itself (not passed)');
  }
  for (let a = firstNotPassedWd - 1; a > firstNotPassedWd - 15; a--) {
    if (addWorkdays(a, 5) === firstNotPassedWd && a <= w.to) {
      const p = open(Math.max(w.from, a - 5), { row: { appraisal: true, appraisal_done_at: at(a, 16, 30) } });
      w.lookalike(C, 'accident', p.ref, 'appraisal deadline falls on the as-of date itself');
      break;
    }
  }
  for (let i = 0; i < w.k; i++) {
    const loc = spot(w, r, grid);
    const t = at(early(), r.between(8, 20), r.int(60));
    const p = accident(w, r, { t, ...loc, procedure: '简易程序', officer: null });
    w.lookalike(C, 'accident', p.ref, 'simple procedure settled by the parties: no officer, no determination');
  }
  for (let i = 0; i < w.k; i++) {
    const s = early();
    const x = addWorkdays(s, 10);
    const loc = spot(w, r, grid);
    const t = at(s, r.between(8, 15), r.int(60));
    const p = accident(w, r, { t, ...loc, row: { determined_at: at(x, 17, 30), closed_at: null, status: '已认定' } });
    w.lookalike(C, 'accident', p.ref, 'determined on the deadline day itself');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { status: '已撤销', closed_at: null } });
    w.lookalike(C, 'accident', p.ref, 'case withdrawn (已撤销)');
  }
  // A holiday inside the window: naive weekday arithmetic says overdue, the official calendar does not.
  let h = 0;
  for (let s = w.to; s >= w.from && h < 3; s--) {
    const naive = addWeekdaysNaive(s, 10), real = addWorkdays(s, 10);
    if (naive < D && real >= D) { const p = open(s, {}); w.lookalike(C, 'accident', p.ref, 'public holiday inside the working-day window'); h++; }
    else if (naive + 30 < D && real + 30 >= D) { const p = open(s, { row: { extended: true } }); w.lookalike(C, 'accident', p.ref, 'public holiday inside the working-day window (extended case)'); h++; }
    else if (naive >= D && real < D) { const p = open(s, {}); w.truth(C, 'accident', p.ref, 'base: make-up working day makes it overdue'); h++; }
  }
}

// ---- 3 favor-voiding ----------------------------------------------------------------------

function plantFavorVoiding(w: World, r: Rng): void {
  const C = 'favor-voiding';
  // Distinct officers for every planted case and look-alike; the 科技科 is kept for the fault batches.
  const first = r.shuffle([...w.byPost.get('违法处理')!, ...w.byPost.get('科技设备')!].filter((o) => o.unit !== U.tech));
  const rest = r.shuffle(w.officers.filter((o) => o.status === '在职' && !o.reserved && o.unit !== U.tech && !first.includes(o) && o.post !== '车驾管'));
  const pool = [...first, ...rest];
  let next = 0;
  // Six groups draw from the pool (2 planted, 4 look-alike): cap each so no officer is ever drawn twice.
  const per = Math.max(1, Math.min(w.k, Math.floor(pool.length / 6)));
  const officer = () => pool[next++ % pool.length];
  const devs = w.plainDevices((k) => k !== '违法停车');
  const UNGROUNDED = ['其他', '情节轻微', '', '当事人申辩', '情节轻微，予以作废', '当事人申辩，予以作废'];
  const voidOne = (o: Officer, v: Vehicle, reason: string, opts: { night?: boolean; revoke?: boolean; afterPeriod?: boolean } = {}) => {
    const day = w.dayIn(r, 0, span(w) - 8);
    const t = w.timeOn(r, day, 7, 21);
    const row = cleanCapture(w, r, r.pick(devs), v, t);
    let va = at(day + r.between(2, 6), opts.night ? r.pick([22, 23, 0, 1]) : r.between(9, 17), r.int(60));
    if (opts.afterPeriod) va = at(w.to + r.between(2, 8), 10, r.int(60));
    if (opts.revoke) { w.process(r, row, v.drivers[0], at(day + 1, 10, r.int(60))); va = Math.max(va, (row.processed_at as number) + HOUR); }
    w.void(row, o, va, reason, opts.revoke);
    return w.addViolation(row);
  };
  for (let i = 0; i < per; i++) {
    const o = officer();
    const n = 5 + (i % 3);
    for (let j = 0; j < n; j++) {
      const reason = i % 4 === 2 ? '执行紧急任务' : UNGROUNDED[(i + j) % UNGROUNDED.length];
      voidOne(o, car(w, r), reason, { night: i === 0, revoke: i % 4 === 1, afterPeriod: i % 4 === 3 && j === n - 1 });
    }
    w.truth(C, 'officer', o.id, i % 4 === 2 ? '≥5 voids: 执行紧急任务 claimed for ordinary private cars' : i % 4 === 1 ? '≥5 revocations of processed penalties without ground' : i % 4 === 3 ? '≥5 voids without ground (last one voided after the period, before as-of)' : '≥5 voids without a recognised ground');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    const v = car(w, r);
    voidOne(o, v, UNGROUNDED[i % UNGROUNDED.length]);
    voidOne(o, v, UNGROUNDED[(i + 1) % UNGROUNDED.length]);
    voidOne(o, car(w, r), UNGROUNDED[(i + 2) % UNGROUNDED.length]);
    w.truth(C, 'officer', o.id, '≥3 voids without ground, 2 for the same vehicle');
  }
  // Look-alikes.
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 8; j++) {
      const usage = ['警用', '消防', '救护', '工程救险'][j % 4];
      const co = { id: w.orgId(r), name: '晋中市应急单位' };
      const drv = w.newDriver(r, { local: true });
      const v = w.newVehicle(r, { owner: co, type: usage === '警用' ? '23' : '01', usage, drivers: [drv.lic] });
      voidOne(o, v, r.chance(0.5) ? '执行紧急任务' : '执行紧急任务，' + usage + '车辆出警', { night: true });
    }
    w.lookalike(C, 'officer', o.id, 'reviewer voiding many captures of emergency vehicles (执行紧急任务), at night');
  }
  const tech = r.shuffle([...w.staff(U.tech, '科技设备')]);
  for (let i = 0; i < Math.max(2, Math.ceil(w.k / 2)); i++) {
    const o = tech[i % tech.length];
    const dev = devs[r.int(devs.length)];
    for (let j = 0; j < 2; j++) {
      const day = w.dayIn(r, 1, span(w) - 3);
      if (w.faultDays.has(dev.id + '/' + day)) continue;
      w.faultDays.set(dev.id + '/' + day, { officer: o.id });
      for (let q = 0; q < 6; q++) {
        const row = cleanCapture(w, r, dev, car(w, r), w.timeOn(r, day));
        w.void(row, o, at(day + 1, 10, r.int(60)), '设备故障');
        w.addViolation(row);
      }
    }
    w.lookalike(C, 'officer', o.id, 'technology department voiding whole days of a faulty camera (设备故障)');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 8; j++) voidOne(o, car(w, r), r.pick(['号牌识别错误', '当事人申辩成立，系套牌车辆', '号牌信息错误', '伪造号牌，当事人申辩成立']));
    w.lookalike(C, 'officer', o.id, 'processing clerk voiding misread or cloned plates');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 4; j++) voidOne(o, car(w, r), UNGROUNDED[j]);
    w.lookalike(C, 'officer', o.id, '4 voids without ground, all different vehicles (below 5)');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    const v = car(w, r);
    voidOne(o, v, '情节轻微');
    voidOne(o, v, '其他');
    w.lookalike(C, 'officer', o.id, '2 ungrounded voids for one vehicle (below 3)');
  }
}

// ---- 4 liability-change -------------------------------------------------------------------

function plantLiabilityChange(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'liability-change';
  const make = (changes: number, reason: string | null) => {
    const loc = spot(w, r, grid);
    const t = at(w.dayIn(r, 0, span(w) - 15), r.between(7, 20), r.int(60));
    return accident(w, r, { t, ...loc, row: { liability_changes: changes, change_reason: reason } });
  };
  const bad: [number, string | null, string][] = [[1, '其他', 'reason 其他'], [1, '当事人协商', 'reason 当事人协商'], [1, '重新认定', 'bare 重新认定'], [1, null, 'empty reason'], [2, '其他', 'changed twice (high)']];
  for (let i = 0; i < Math.max(w.k, bad.length); i++) {
    const [n, reason, label] = bad[i % bad.length];
    w.truth(C, 'accident', make(n, reason).ref, label);
  }
  const ok = ['复核', '复核后重新认定', '上级复核，责令重新认定', '复核结论：责令重新调查认定'];
  for (let i = 0; i < Math.max(w.k, ok.length); i++) {
    w.lookalike(C, 'accident', make(1 + (i % 2), ok[i % ok.length]).ref, `reason mentions 复核: ${ok[i % ok.length]}`);
  }
}

// ---- 5 irregular-business -----------------------------------------------------------------

function plantIrregularBusiness(w: World, r: Rng): void {
  const C = 'irregular-business';
  const dev = w.plainDevices('闯红灯');
  const add = (row: Row): IdRef => {
    const ref: IdRef = {};
    w.business.push({ row, t: row.accepted_at as number, ref });
    return ref;
  };
  const workday = (a = 0, b = span(w) - 5) => { let d = w.dayIn(r, a, b); while (!isWorkday(d)) d++; return d; };
  const two = (unit: string) => { const s = w.staff(unit, '车驾管'); const a = r.pick(s); return [a, pickOther(r, s, a, w.byPost.get('车驾管'))]; };
  const base = (kind: string, acc: number, o: Row = {}): Row => {
    const unit = (o.unit_code as string) ?? r.pick(BUSINESS_UNITS);
    const [a, b] = two(unit);
    const v = r.pick(w.clean);
    const vehicleKind = !kind.startsWith('驾驶') && !['满分学习考试', '恢复驾驶资格'].includes(kind);
    return {
      kind, unit_code: unit, channel: '窗口', accepted_at: acc, acceptor_id: a.id, approver_id: b.id,
      plate: vehicleKind ? v.plate : null, plate_type: vehicleKind ? v.type : null, license_no: vehicleKind ? null : r.pick(w.drivers).lic,
      inspector_id: kind === '注册登记' || kind === '转移登记' ? r.pick(w.staff(unit, '车驾管')).id : null,
      inspected_at: kind === '注册登记' || kind === '转移登记' ? acc - 20 * MIN : null,
      completed_at: acc + 40 * MIN, status: '办结', ...o,
    };
  };
  for (let i = 0; i < w.k; i++) {
    const row = base(r.pick(['转移登记', '驾驶证换证', '抵押登记', '核发检验合格标志']), windowTime(r, workday()));
    row.approver_id = row.acceptor_id;
    w.truth(C, 'business', add(row), '(a) window: acceptor = approver');
  }
  const nights: [number, number][] = [[20, 40], [22, 15], [5, 40], [6, 45], [21, 5], [23, 30]];
  for (let i = 0; i < w.k; i++) {
    const [hh, mm] = nights[i % nights.length];
    const row = base(r.pick(['驾驶证换证', '补换领号牌', '变更登记']), at(workday(), hh, mm));
    w.truth(C, 'business', add(row), '(b) window accepting at night (20:00–07:00)');
  }
  for (let i = 0; i < w.k; i++) {
    const kind = i % 2 ? '转移登记' : '注册登记';
    const acc = windowTime(r, workday());
    const row = base(kind, acc);
    const v = i % 3;
    if (v === 0) { row.inspector_id = null; row.inspected_at = null; }
    else if (v === 1) { row.inspected_at = null; }
    else { row.inspected_at = (row.completed_at as number) + 25 * MIN; }
    w.truth(C, 'business', add(row), v === 0 ? '(c) no inspection at all' : v === 1 ? '(c) inspector named but no inspection time' : '(c) inspection after completion');
  }
  const stickerCase = (variant: 'unprocessed' | 'processed-after' | 'lt48' | 'voided' | 'processed-before' | 'returned', channel = '窗口'): IdRef => {
    const v = car(w, r);
    const accDay = workday(25, span(w) - 3);
    const acc = channel === '窗口' ? windowTime(r, accDay) : at(accDay, r.int(24), r.int(60));
    const vt = variant === 'lt48' ? acc - 47 * HOUR : acc - r.between(3, 20) * DAY - r.between(0, 8) * HOUR;
    const row = cleanCapture(w, r, r.pick(dev), v, vt);
    if (variant === 'processed-after') w.process(r, row, v.drivers[0], acc + r.between(2, 4) * DAY);
    if (variant === 'processed-before') w.process(r, row, v.drivers[0], acc - r.between(2, 20) * HOUR);
    if (variant === 'voided') w.void(row, r.pick(w.byPost.get('科技设备')!), acc + r.between(1, 5) * DAY, '号牌识别错误');
    w.addViolation(row);
    const b = base('核发检验合格标志', acc, { plate: v.plate, plate_type: v.type, channel });
    if (channel !== '窗口') { b.acceptor_id = null; }
    if (variant === 'returned') { b.status = '退办'; b.completed_at = null; }
    return add(b);
  };
  for (let i = 0; i < w.k; i++) {
    const variant = i % 2 ? 'processed-after' : 'unprocessed';
    const ch = i % 3 === 2 ? '互联网' : '窗口';
    w.truth(C, 'business', stickerCase(variant, ch), variant === 'unprocessed' ? `(d) sticker with an unprocessed violation ≥48 h old (${ch})` : '(d) sticker; violation processed only after acceptance');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const ch = i % 2 ? '自助机' : '互联网';
    const row = base(ch === '自助机' ? '驾驶证审验' : '驾驶证换证', at(w.dayIn(r), r.pick([21, 22, 23, 0, 2, 5]), r.int(60)), { channel: ch, unit_code: U.dmv });
    row.acceptor_id = null;
    w.lookalike(C, 'business', add(row), `${ch} at night without acceptor`);
  }
  for (let i = 0; i < w.k; i++) {
    const row = base(i % 2 ? '转移登记' : '注册登记', windowTime(r, workday()));
    row.inspector_id = i % 3 === 2 ? row.approver_id : row.acceptor_id;
    w.lookalike(C, 'business', add(row), 'inspector is the acceptor (or approver): allowed');
  }
  for (let i = 0; i < w.k; i++) {
    const row = base(['变更登记', '注销登记', '抵押登记', '补换领号牌'][i % 4], windowTime(r, workday()));
    w.lookalike(C, 'business', add(row), 'business kind that needs no inspection');
  }
  for (let i = 0; i < w.k; i++) {
    const row = base('注册登记', windowTime(r, workday()), { inspector_id: null, inspected_at: null, status: i % 2 ? '受理中' : '退办', completed_at: null });
    w.lookalike(C, 'business', add(row), 'registration returned/in progress without inspection');
  }
  const la: ['lt48' | 'voided' | 'processed-before' | 'returned', string][] = [
    ['lt48', 'sticker: violation only 47 h old at acceptance'], ['voided', 'sticker: outstanding violation later voided'],
    ['processed-before', 'sticker: violation processed before acceptance'], ['returned', 'sticker returned (退办) with outstanding violation'],
  ];
  for (const [variant, label] of la) for (let i = 0; i < Math.max(2, Math.ceil(w.k / 2)); i++) w.lookalike(C, 'business', stickerCase(variant), label);
}

// ---- 6 bodycam-missing ----------------------------------------------------------------------

function plantBodycamMissing(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'bodycam-missing';
  const road = w.reserved('路面执勤');
  const accOff = w.reserved('事故处理');
  const busy = new Map<string, number[]>();
  // One officer's planted tickets/accidents lie > 4 h apart so that the recordings planted around one (up to
  // 95 min before / 80 min after) never fall within 30 min of another. Random first; when an officer's calendar
  // is nearly full (many cases, a short period), the first free whole hour, daytime first, then any hour.
  const slot = (o: Officer): number => {
    const b = busy.get(o.id) ?? [];
    busy.set(o.id, b);
    const free = (t: number) => b.every((x) => Math.abs(x - t) > 4 * HOUR);
    for (let tries = 0; tries < 1000; tries++) {
      const t = at(w.dayIn(r, 1, span(w) - 3), r.between(8, 19), r.int(60), r.int(60));
      if (free(t)) { b.push(t); return t; }
    }
    for (const [h0, h1] of [[8, 19], [0, 23]]) {
      for (let d = 1; d <= span(w) - 3; d++) for (let h = h0; h <= h1; h++) {
        const t = at(w.from + d, h, 0, 0);
        if (free(t)) { b.push(t); return t; }
      }
    }
    throw new Error(`demo: officer ${o.id} has no free 4-hour slot left; use a smaller scale or more months`);
  };
  const ticket = (o: Officer, t: number, code = '1240'): Row => {
    const v = car(w, r);
    const p = w.townPoint(r, w.townOf(o.unit));
    return {
      plate: v.plate, plate_type: v.type, occurred_at: t, place: p.place, road: p.road, lon: round6(p.lon), lat: round6(p.lat),
      code, fine: CODE.get(code)!.fineMin, points: CODE.get(code)!.points, source: '现场', officer_id: o.id,
      entered_at: t + HOUR, status: '已处理', processed_at: t + 8 * MIN, handler_id: o.id, handling_unit: o.unit, channel: '现场',
      license_no: v.drivers[0], decision_no: w.decisionNo(o.unit, t),
    };
  };
  let i = 0;
  const nextRoad = () => road[i++ % road.length];
  const others = w.byPost.get('路面执勤')!;
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const row = ticket(o, slot(o));
    if (j === 1) w.void(row, r.pick(w.staff(U.legal, '法制')), (row.occurred_at as number) + 2 * DAY, '当事人申辩成立，系套牌车辆');
    w.truth(C, 'violation', w.addViolation(row), j === 1 ? 'on-site ticket without recording (ticket later voided)' : 'on-site ticket without any recording');
  }
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = w.addViolation(ticket(o, t));
    w.addVideo(w.video(r, r.pick(others), t - 20 * MIN, t + 30 * MIN));
    w.truth(C, 'violation', ref, "only another officer's recording, not filed under the ticket");
  }
  /** k tickets, each with the officer's own recording before it (odd j) or after it (even j), minutes from the ticket. */
  const ownRecording = (before: [number, number], after: [number, number], mark: (ref: IdRef) => void) => {
    for (let j = 0; j < w.k; j++) {
      const o = nextRoad();
      const t = slot(o);
      const ref = w.addViolation(ticket(o, t));
      const [a, b] = j % 2 ? before : after;
      w.addVideo(w.video(r, o, t + a * MIN, t + b * MIN));
      mark(ref);
    }
  };
  ownRecording([-95, -31], [43, 80], (ref) => w.truth(C, 'violation', ref, 'own recording outside the ±30 min window'));
  for (let j = 0; j < w.k; j++) {
    const o = accOff[j % accOff.length];
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: slot(o), ...loc, officer: o, procedure: j % 2 ? '一般程序' : '简易程序', record: 'none' });
    w.truth(C, 'accident', p.ref, 'attended accident without recording');
  }
  // Look-alikes.
  ownRecording([-80, -25], [38, 70], (ref) => w.lookalike(C, 'violation', ref, 'own recording within the 30-min slack'));
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = w.addViolation(ticket(o, t));
    w.addVideo(w.video(r, r.pick(others), t - 2 * MIN, t + 15 * MIN, { linked_id: ref, tag: '违法处理' }));
    w.lookalike(C, 'violation', ref, "another officer's recording filed under the ticket");
  }
  for (let j = 0; j < w.k; j++) {
    const o = accOff[j % accOff.length];
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: slot(o), ...loc, officer: o, procedure: '一般程序', record: 'assistant-linked' });
    w.lookalike(C, 'accident', p.ref, "assistant's recording filed under the case");
  }
  for (let j = 0; j < w.k; j++) {
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: at(w.dayIn(r), r.between(7, 21), r.int(60)), ...loc, procedure: '简易程序', officer: null });
    w.lookalike(C, 'accident', p.ref, 'settled by the parties, no officer attended');
  }
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = w.addViolation(ticket(o, t));
    const end = t + 40 * MIN;
    const v = w.addVideo(w.video(r, o, t - 10 * MIN, end, { uploaded_at: end + 30 * HOUR }));
    w.lookalike(C, 'violation', ref, 'own recording uploaded late (lateness does not matter for coverage)');
    w.truth('bodycam-late-upload', 'video', v, 'uploaded > 24 h after end');
  }
}

// ---- 7 bodycam-deletion ---------------------------------------------------------------------

function plantBodycamDeletion(w: World, r: Rng): void {
  const C = 'bodycam-deletion';
  const road = w.byPost.get('路面执勤')!;
  const legal = w.byPost.get('法制')!;
  const daytime = (day: number) => at(day, r.between(8, 18), r.int(60), r.int(60));
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.dayIn(r, 0, span(w) - 5));
    const e = s + r.between(20, 90) * MIN;
    const del = Math.min(e + r.between(2, 80) * DAY, w.asOfSec - 2 * HOUR);
    w.truth(C, 'video', w.addVideo(w.video(r, o, s, e, { status: '已删除', deleted_at: del, deleted_by: r.pick(road).id })), 'non-evidence recording deleted before 6 months');
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const t = daytime(w.dayIn(r, 0, span(w) - 5));
    const v = car(w, r);
    const p = w.townPoint(r, w.townOf(o.unit));
    const tref = w.addViolation({
      plate: v.plate, plate_type: v.type, occurred_at: t, place: p.place, road: p.road, lon: round6(p.lon), lat: round6(p.lat),
      code: '1223', fine: 50, points: 2, source: '现场', officer_id: o.id, entered_at: t + HOUR, status: '已处理', processed_at: t + 9 * MIN,
      handler_id: o.id, handling_unit: o.unit, channel: '现场', license_no: v.drivers[0], decision_no: w.decisionNo(o.unit, t),
    });
    const e = t + 15 * MIN;
    let del = e + r.between(1, 60) * DAY;
    let label = 'evidence recording (filed under a ticket) deleted';
    if (j === 0) { del = at(w.to + r.between(1, 8), 11, r.int(60)); label = 'evidence recording deleted after the period, before the as-of date'; }
    const late = addMonthsSec(e, 6) + 2 * DAY;
    if (j === 1 && late < w.asOfSec) { del = late; label = 'evidence recording deleted after 6 months (evidence is kept forever)'; }
    del = Math.min(del, w.asOfSec - HOUR);
    w.truth(C, 'video', w.addVideo(w.video(r, o, t - MIN, e, { linked_id: tref, tag: '违法处理', status: '已删除', deleted_at: del, deleted_by: r.pick(legal).id })), label);
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.from - r.between(200, 330));
    const e = s + r.between(20, 60) * MIN;
    const del = Math.max(addMonthsSec(e, 6) + DAY, at(w.dayIn(r), 10, r.int(60)));
    w.lookalike(C, 'video', w.addVideo(w.video(r, o, s, e, { status: '已删除', deleted_at: Math.min(del, w.asOfSec - HOUR), deleted_by: r.pick(road).id })), 'previous-year patrol recording deleted in the period');
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.from + j);
    const e = s + 30 * MIN;
    const del = addMonthsSec(e, 6) + (j === 0 ? 0 : r.between(1, 30) * MIN);
    if (del >= w.asOfSec || Math.floor(s / DAY) > w.to) break;
    w.lookalike(C, 'video', w.addVideo(w.video(r, o, s, e, { status: '已删除', deleted_at: del, deleted_by: r.pick(road).id })), j === 0 ? 'non-evidence recording deleted exactly 6 months after its end' : 'non-evidence recording deleted after 6 months');
  }
}

// ---- 8 bodycam-late-upload ----------------------------------------------------------------

function plantLateUpload(w: World, r: Rng): void {
  const C = 'bodycam-late-upload';
  const road = w.byPost.get('路面执勤')!;
  const rec = (hoursLate: number | null, long = false): IdRef => {
    const o = r.pick(road);
    const s = at(w.dayIn(r, 0, span(w) - 3), r.between(7, 12), r.int(60), r.int(60));
    const e = s + (long ? 10 * HOUR : r.between(15, 90) * MIN);
    return w.addVideo(w.video(r, o, s, e, { uploaded_at: hoursLate === null ? null : e + Math.round(hoursLate * HOUR) }));
  };
  const late: [number | null, string][] = [[24 + 1 / 60, 'uploaded 24 h 1 min after end'], [30, 'uploaded > 24 h after end'], [50, 'uploaded > 24 h after end'], [80, 'uploaded > 72 h after end (high)'], [null, 'never uploaded, 24 h passed']];
  for (let j = 0; j < Math.max(w.k, late.length); j++) { const [h, l] = late[j % late.length]; w.truth(C, 'video', rec(h), l); }
  for (let j = 0; j < w.k; j++) w.lookalike(C, 'video', rec(23 + 59 / 60), 'uploaded 23 h 59 min after end');
  for (let j = 0; j < w.k; j++) w.lookalike(C, 'video', rec(20, true), 'long (10 h) recording uploaded 20 h after its end (30 h after its start)');
}

// ---- 9 device-unapproved --------------------------------------------------------------------

function plantDeviceUnapproved(w: World, r: Rng): void {
  const C = 'device-unapproved';
  const kinds = ['闯红灯', '压实线', '不按导向车道', '违反禁令标志', '违法停车'];
  const ensure = (d: Device, day: number) => {
    w.addViolation(cleanCapture(w, r, d, car(w, r), at(day, 10, r.int(60), r.int(60))));
  };
  for (let j = 0; j < w.k; j++) {
    const v = j % 3;
    let d: Device;
    if (v === 0) { d = w.newDevice(r, kinds[j % kinds.length], { review: '未审核', special: true }); ensure(d, w.dayIn(r)); }
    else if (v === 1) { d = w.newDevice(r, kinds[j % kinds.length], { announcedOn: null, special: true }); ensure(d, w.dayIn(r)); }
    else {
      const ann = w.from + r.between(20, Math.max(21, span(w) - 20));
      d = w.newDevice(r, kinds[j % kinds.length], { announcedOn: ann, special: true });
      ensure(d, ann - r.between(1, 15));
    }
    w.truth(C, 'device', d.id, v === 0 ? 'captures while 未审核' : v === 1 ? 'captures, never announced (公告日期 empty)' : 'captures before the announcement date');
  }
  for (let j = 0; j < w.k; j++) {
    const d = w.newDevice(r, kinds[j % kinds.length], { review: '未审核', announcedOn: j % 2 ? null : undefined as unknown as number, status: '停用', activeFrom: w.to + 1, activeTo: w.from - 1, special: true });
    if (j % 2 === 0) d.announcedOn = d.enabledOn - 5;
    w.lookalike(C, 'device', d.id, 'unreviewed/unannounced device switched off, no penalty issued');
  }
  for (let j = 0; j < w.k; j++) {
    const en = w.from + r.between(5, Math.max(6, span(w) - 20));
    const d = w.newDevice(r, kinds[j % kinds.length], { enabledOn: en, announcedOn: en - 1, special: true });
    ensure(d, en);
    w.lookalike(C, 'device', d.id, 'announced one day before it was enabled');
  }
  for (let j = 0; j < w.k; j++) {
    const en = w.from + r.between(5, Math.max(6, span(w) - 20));
    const d = w.newDevice(r, kinds[j % kinds.length], { enabledOn: en, announcedOn: en, special: true });
    w.addViolation(cleanCapture(w, r, d, car(w, r), at(en, 0, 20 + r.int(30))));
    w.lookalike(C, 'device', d.id, 'first capture on the announcement day itself');
  }
  for (let j = 0; j < w.k; j++) {
    const d = w.newDevice(r, kinds[j % kinds.length], { funding: j % 2 ? '社会资金' : '企业租赁', ext: '某科技公司非现场执法平台', special: true });
    w.lookalike(C, 'device', d.id, 'privately funded, external platform, but reviewed and announced');
  }
}

// ---- 10 device-calibration ----------------------------------------------------------------

function plantCalibration(w: World, r: Rng): void {
  const C = 'device-calibration';
  for (let j = 0; j < w.k; j++) {
    const exp = w.from + r.between(10, Math.max(11, span(w) - 20));
    const d = w.newDevice(r, j % 3 === 2 ? '区间测速' : '超速', { calibUntil: exp, special: true });
    w.addViolation(cleanCapture(w, r, d, car(w, r), at(exp + r.between(1, 10), 14, r.int(60), r.int(60))));
    w.truth(C, 'device', d.id, 'valid captures after calibration expired');
  }
  for (let j = 0; j < w.k; j++) {
    const exp = w.from + r.between(10, Math.max(11, span(w) - 20));
    const d = w.newDevice(r, '超速', { calibUntil: exp, activeTo: exp - (j % 2 ? 5 : 0), status: '停用', special: true });
    if (j % 2 === 0) {
      w.addViolation(cleanCapture(w, r, d, car(w, r), at(exp, 21, r.int(60), r.int(60))));
      w.lookalike(C, 'device', d.id, 'last capture on the expiry day itself, then switched off');
    } else w.lookalike(C, 'device', d.id, 'calibration expired and device switched off, no capture after');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const d = w.newDevice(r, '闯红灯', { calibUntil: w.from - r.between(10, 200), special: true });
    w.lookalike(C, 'device', d.id, 'non-speed camera with a past calibration date');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const d = w.newDevice(r, '超速', { calibUntil: null, special: true });
    w.lookalike(C, 'device', d.id, 'speed camera with empty 检定有效期至 (10.2: not an element)');
  }
}

// ---- 11 device-complaints -------------------------------------------------------------------

function plantComplaints(w: World, r: Rng): void {
  const C = 'device-complaints';
  const pool = r.shuffle(w.plainDevices().slice());
  let n = 0;
  const take = () => { const d = pool[n++]; w.complaintDevices.add(d.id); return d; };
  const complain = (d: Device, day: number, kind = '投诉') => {
    w.opinions.push({ row: { received_on: day, unit_code: d.unit, channel: r.pick(['12345热线', '12123', '信访', '网络征集']), kind, device_id: d.id, content: kind === '投诉' ? r.pick(COMPLAINT_DEVICE) : '建议该路口设备增设提示标志', outcome: '已转科技科核查' }, t: day * DAY, ref: {} });
  };
  for (let j = 0; j < w.k; j++) {
    const d = take();
    const cnt = j === 0 ? 8 : j === 1 ? 9 : 3 + (j % 3);
    for (let q = 0; q < cnt; q++) complain(d, w.dayIn(r));
    w.truth(C, 'device', d.id, cnt >= 8 ? `${cnt} complaints (high)` : `${cnt} complaints`);
  }
  for (let j = 0; j < w.k; j++) {
    const d = take();
    complain(d, w.dayIn(r)); complain(d, w.dayIn(r));
    w.lookalike(C, 'device', d.id, 'exactly 2 complaints');
  }
  for (let j = 0; j < w.k; j++) {
    const d = take();
    // 意见建议 count for the unit's quota: keep them out of planted unit-quarters.
    const free = () => {
      for (let t = 0; t < 50; t++) { const day = w.dayIn(r); if (!quotaCell(w, d.unit, day)) return day; }
      for (let day = w.from; day <= w.to; day++) if (!quotaCell(w, d.unit, day)) return day; // deterministic fallback
      return null;
    };
    for (let q = 0; q < 4; q++) { const day = free(); if (day !== null) complain(d, day, '意见建议'); }
    complain(d, w.dayIn(r));
    w.lookalike(C, 'device', d.id, '4 意见建议 naming the device, 1 complaint');
  }
  for (let j = 0; j < w.k; j++) {
    const d = take();
    for (let q = 0; q < 4; q++) complain(d, w.from - r.between(5, 60));
    w.lookalike(C, 'device', d.id, '4 complaints, all received before the period');
  }
  const offs = w.byPost.get('路面执勤')!;
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const o = r.pick(offs);
    for (let q = 0; q < 5; q++) w.opinions.push({ row: { received_on: w.dayIn(r), unit_code: o.unit, channel: '12345热线', kind: '投诉', officer_id: o.id, content: r.pick(COMPLAINT_OFFICER), outcome: '已调查' }, t: w.from * DAY, ref: {} });
    w.lookalike(C, 'officer', o.id, 'officer named in 5 complaints (no device)');
  }
  // A unit with many complaints spread over its cameras (2 each).
  const byUnit = new Map<string, Device[]>();
  for (const d of pool.slice(n)) { const a = byUnit.get(d.unit) ?? []; a.push(d); byUnit.set(d.unit, a); }
  const [unit, devs] = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  for (const d of devs.slice(0, 5)) { w.complaintDevices.add(d.id); complain(d, w.dayIn(r)); complain(d, w.dayIn(r)); w.lookalike(C, 'device', d.id, `unit ${unit}: many complaints spread over its cameras, 2 for this one`); }
}

function quotaCell(w: World, unit: string, day: number): boolean {
  return quarters(w).some((q) => day >= q.from && day <= q.to && w.quotaPlanted.has(`${unit}/${q.key}`));
}

// ---- 12 device-volume -----------------------------------------------------------------------

function plantVolume(w: World, r: Rng): void {
  const C = 'device-volume';
  const ws = w.devices.filter((d) => d.status === '在用').map((d) => d.weight).sort((a, b) => a - b);
  const med = ws[ws.length >> 1];
  const kinds = ['闯红灯', '违法停车', '压实线', '超速'];
  for (let j = 0; j < Math.max(3, Math.ceil(w.k / 2)); j++) {
    const ratio = j % 3 === 0 ? 16 : 11;
    const d = w.newDevice(r, kinds[j % kinds.length], { weight: med * ratio, special: true });
    w.truth(C, 'device', d.id, ratio >= 10 ? `~${ratio}× the median (high)` : `~${ratio}× the median`);
  }
  for (let j = 0; j < Math.max(3, Math.ceil(w.k / 2)); j++) {
    const d = w.newDevice(r, kinds[j % kinds.length], { weight: med * 5, special: true });
    w.lookalike(C, 'device', d.id, '~5× the median (natural spread)');
  }
  for (let j = 0; j < 2; j++) {
    const en = w.to - 12 - j * 3;
    const d = w.newDevice(r, kinds[j], { enabledOn: en, announcedOn: en - 3, weight: med * 3, special: true });
    w.lookalike(C, 'device', d.id, 'in service for the last days only, busy per day but not in total');
  }
}

// ---- 13 duplicate-penalty -------------------------------------------------------------------

function plantDuplicates(w: World, r: Rng): void {
  const C = 'duplicate-penalty';
  const parking = w.plainDevices('违法停车');
  const speed = w.plainDevices((k) => k === '超速' || k === '区间测速');
  const byRoad = new Map<string, Device[]>();
  for (const d of speed) { const a = byRoad.get(d.road) ?? []; a.push(d); byRoad.set(d.road, a); }
  const roads = [...byRoad.entries()].filter(([, a]) => a.length >= 2).map(([k]) => k).sort();
  const pair = (d1: Device, d2: Device, t1: number, gap: number, o: { code?: string; laterVoided?: boolean } = {}): IdRef => {
    const v = car(w, r);
    const code = o.code ?? (d1.kind === '违法停车' ? '1039' : r.pick(['1352', '1636']));
    w.addViolation(cleanCapture(w, r, d1, v, t1, { code, fine: w.fine(r, code), points: CODE.get(code)!.points }));
    const row = cleanCapture(w, r, d2, v, t1 + gap, { code, fine: w.fine(r, code), points: CODE.get(code)!.points });
    if (o.laterVoided) w.void(row, r.pick(w.byPost.get('科技设备')!), t1 + gap + 2 * DAY, '设备故障，重复抓拍');
    return w.addViolation(row);
  };
  const t0 = () => at(w.dayIn(r, 0, span(w) - 2), r.between(8, 20), r.int(60), r.int(60));
  const gapsP = [30 * MIN, 90 * MIN, 120 * MIN, 61 * MIN];
  for (let j = 0; j < w.k; j++) {
    const d = r.pick(parking);
    const g = gapsP[j % gapsP.length];
    w.truth(C, 'violation', pair(d, d, t0(), g), g === 120 * MIN ? 'parking: same camera and code, exactly 2 h later' : 'parking: same camera and code within 2 h');
  }
  const gapsS = [3 * MIN, 7 * MIN, 10 * MIN, 5 * MIN];
  for (let j = 0; j < w.k; j++) {
    const a = byRoad.get(roads[j % roads.length])!;
    const g = gapsS[j % gapsS.length];
    w.truth(C, 'violation', pair(a[0], a[1], t0(), g), g === 10 * MIN ? 'speeding: two cameras on one road, exactly 10 min' : 'speeding: two cameras on one road within 10 min');
  }
  {
    const d = r.pick(parking);
    w.truth(C, 'violation', pair(d, d, at(w.to, 23, 40), 40 * MIN), 'parking pair across the period end (later record after the period)');
  }
  // Look-alikes.
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); w.lookalike(C, 'violation', pair(d, d, t0(), DAY + r.between(-60, 60) * MIN), 'parking recapture the next day'); }
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); w.lookalike(C, 'violation', pair(d, d, t0(), 121 * MIN), 'parking recapture 2 h 1 min later'); }
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); w.lookalike(C, 'violation', pair(d, d, t0(), 30 * MIN, { laterVoided: true }), 'later record already voided'); }
  for (let j = 0; j < w.k; j++) {
    const a = byRoad.get(roads[j % roads.length])!;
    w.lookalike(C, 'violation', pair(a[0], a[1], t0(), 11 * MIN), 'speeding: same road, 11 min apart');
  }
  for (let j = 0; j < w.k; j++) {
    const r1 = roads[j % roads.length], r2 = roads[(j + 1) % roads.length];
    if (r1 === r2) break;
    w.lookalike(C, 'violation', pair(byRoad.get(r1)![0], byRoad.get(r2)![0], t0(), 6 * MIN), 'speeding: two cameras on different roads within 10 min');
  }
  const offs = w.byPost.get('路面执勤')!;
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const o = r.pick(offs);
    const v = car(w, r);
    const t = t0();
    const p = w.townPoint(r, w.townOf(o.unit));
    let ref: IdRef = {};
    for (const dt of [0, 40 * MIN]) {
      ref = w.addViolation({
        plate: v.plate, plate_type: v.type, occurred_at: t + dt, place: p.place, road: p.road, lon: round6(p.lon), lat: round6(p.lat),
        code: '1042', fine: 150, points: 0, source: '现场', officer_id: o.id, entered_at: t + dt + HOUR, status: '已处理', processed_at: t + dt + 10 * MIN,
        handler_id: o.id, handling_unit: o.unit, channel: '现场', license_no: v.drivers[0], decision_no: w.decisionNo(o.unit, t + dt),
      });
      w.addVideo(w.video(r, o, t + dt - 2 * MIN, t + dt + 14 * MIN, { linked_id: ref, tag: '违法处理' }));
    }
    w.lookalike(C, 'violation', ref, 'two on-site tickets 40 min apart (on-site is exempt)');
  }
}

// ---- 14 code-mismatch -----------------------------------------------------------------------

function plantCodeMismatch(w: World, r: Rng): void {
  const C = 'code-mismatch';
  const of = (k: string) => w.plainDevices(k);
  const t0 = () => at(w.dayIn(r), r.between(7, 21), r.int(60), r.int(60));
  const cap = (d: Device, o: Row) => w.addViolation(cleanCapture(w, r, d, car(w, r), t0(), o));
  const bad: [string, () => IdRef][] = [
    ['code not in the code table', () => cap(r.pick(of('闯红灯')), { code: '1399', fine: 200, points: 3 })],
    ['points differ from the table', () => cap(r.pick(of('闯红灯')), { code: '1625', fine: 200, points: 3 })],
    ['fine above the range', () => cap(r.pick(of('闯红灯')), { code: '1625', fine: 300, points: 6 })],
    ['fine below the range', () => cap(r.pick(of('不礼让行人')), { code: '1357', fine: 50, points: 3 })],
    ['device kind not allowed for the code', () => cap(r.pick(of('闯红灯')), { code: '1301', fine: 200, points: 3 })],
    ['on-site-only code captured by a camera', () => cap(r.pick(of('多功能')), { code: '1240', fine: 50, points: 2 })],
    ['多功能 capturing a code that does not list 多功能', () => cap(r.pick(of('多功能')), { code: '1721', fine: 1500, points: 12 })],
  ];
  for (let j = 0; j < Math.max(w.k, bad.length); j++) { const [l, f] = bad[j % bad.length]; w.truth(C, 'violation', f(), l); }
  const offs = w.byPost.get('路面执勤')!;
  const good: [string, () => IdRef][] = [
    ['fine in the middle of the range', () => cap(r.pick(of('超速')), { code: '1352', fine: 125, points: 3 })],
    ['多功能 capturing a listed code', () => cap(r.pick(of('多功能')), { code: '1039', fine: 100, points: 0 })],
    ['zero-point code recorded with 0 points', () => cap(r.pick(of('违法停车')), { code: '1039', fine: 150, points: 0 })],
    ['on-site ticket with a camera code', () => {
      const o = r.pick(offs); const v = car(w, r); const t = t0(); const p = w.townPoint(r, w.townOf(o.unit));
      const ref = w.addViolation({
        plate: v.plate, plate_type: v.type, occurred_at: t, place: p.place, road: p.road, lon: round6(p.lon), lat: round6(p.lat),
        code: '1625', fine: 200, points: 6, source: '现场', officer_id: o.id, entered_at: t + HOUR, status: '已处理', processed_at: t + 10 * MIN,
        handler_id: o.id, handling_unit: o.unit, channel: '现场', license_no: v.drivers[0], decision_no: w.decisionNo(o.unit, t),
      });
      w.addVideo(w.video(r, o, t - MIN, t + 13 * MIN, { linked_id: ref, tag: '违法处理' }));
      return ref;
    }],
  ];
  for (let j = 0; j < Math.max(w.k, good.length); j++) { const [l, f] = good[j % good.length]; w.lookalike(C, 'violation', f(), l); }
}

// ---- 15 blackspot ---------------------------------------------------------------------------

function plantBlackspots(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'blackspot';
  const centres: { lon: number; lat: number }[] = [];
  // Sites lie 8 km apart (so no site's accidents — at most 1.5 km from its centre — reach another's). The county
  // seats and roads fill up (a town taken by a road site nearby, many sites at large scale): after a bounded number
  // of random tries the spacing is relaxed to 5 km (still > 2 × 1.5 km + the 500 m fatal radius), and after that a
  // fixed lattice over the region (widening outward) is scanned in order, so placement always ends deterministically.
  const taken = (lon: number, lat: number, minM: number) => centres.some((c) => haversineM(c.lon, c.lat, lon, lat) < minM);
  const centre = (town = false): { lon: number; lat: number; road: string; unit: string; county: string } => {
    const accept = (lon: number, lat: number, road: string, expressway: boolean) => {
      centres.push({ lon, lat });
      w.exclusion.push({ lon, lat, r: town ? 4000 : 2500 });
      return { lon, lat, road, unit: w.unitAt(lon, lat, expressway), county: w.nearestTown(lon, lat).county };
    };
    for (let tries = 0; tries < 2000; tries++) {
      let lon: number, lat: number, road: string, expressway = false;
      if (town) { const t = r.pick(TOWNS.slice(1)); lon = t.lon + r.normal() * 0.003; lat = t.lat + r.normal() * 0.003; road = t.streets[0]; }
      else { const rp = w.roadPoint(r, ROADS[r.int(ROADS.length)]); lon = rp.lon; lat = rp.lat; road = rp.road.name; expressway = rp.road.expressway; }
      if (taken(lon, lat, tries < 1000 ? 8000 : 5000)) continue;
      return accept(lon, lat, road, expressway);
    }
    const step = 0.06; // ≈ 5.3 km × 6.7 km
    for (let ring = 0; ring < 1000; ring++) {
      for (let i = -ring; i <= ring; i++) for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const lon = round6(112.75 + i * step), lat = round6(37.35 + j * step);
        if (taken(lon, lat, 5000)) continue;
        return accept(lon, lat, w.nearestTown(lon, lat).streets[0], false);
      }
    }
    throw new Error('demo: no room for another blackspot site');
  };
  const around = (c: { lon: number; lat: number }, maxM: number) => {
    for (let tries = 0; tries < 1000; tries++) {
      const dx = r.uniform(-maxM, maxM), dy = r.uniform(-maxM, maxM);
      if (dx * dx + dy * dy > maxM * maxM) continue;
      return { lon: round6(c.lon + dx / 88_600), lat: round6(c.lat + dy / 111_000) };
    }
    return { lon: round6(c.lon), lat: round6(c.lat) };
  };
  const dayT = () => at(w.dayIn(r), r.between(6, 22), r.int(60), r.int(60));
  const put = (c: ReturnType<typeof centre>, p: { lon: number; lat: number }, fatal: boolean) => {
    grid.add(p.lon, p.lat, fatal);
    if (fatal) return accident(w, r, { t: dayT(), ...c, ...p, deaths: r.between(1, 2) });
    return r.chance(0.5)
      ? accident(w, r, { t: dayT(), ...c, ...p, procedure: '简易程序', officer: null })
      : accident(w, r, { t: dayT(), ...c, ...p, procedure: '简易程序' });
  };
  const mean = (ps: { lon: number; lat: number }[]) => `${(ps.reduce((a, p) => a + p.lon, 0) / ps.length).toFixed(6)},${(ps.reduce((a, p) => a + p.lat, 0) / ps.length).toFixed(6)}`;
  const nb = Math.max(3, Math.ceil(w.k / 2));
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 11 + (j % 3) }, () => around(c, 70));
    for (const p of ps) put(c, p, false);
    w.truth(C, 'location', mean(ps), '(b) ≥10 accidents within 200 m');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 3 + (j % 2) }, () => around(c, 120));
    for (const p of ps) put(c, p, true);
    w.truth(C, 'location', mean(ps), '(a) ≥3 fatal accidents pairwise within 500 m');
  }
  // Look-alikes.
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = Array.from({ length: 9 }, () => around(c, 70));
    for (const p of ps) put(c, p, false);
    w.lookalike(C, 'location', mean(ps), '9 accidents within 200 m (below 10)');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = [around(c, 100), around(c, 100)];
    for (const p of ps) put(c, p, true);
    w.lookalike(C, 'location', mean(ps), 'only 2 fatal accidents within 500 m');
  }
  for (let j = 0; j < nb; j++) {
    const c = centre();
    const ps = [-1, 0, 1].map((q) => ({ lon: round6(c.lon + (q * 460) / 88_600), lat: round6(c.lat) }));
    for (const p of ps) put(c, p, true);
    w.lookalike(C, 'location', mean(ps), '3 fatal accidents in a 920 m chain, not pairwise within 500 m');
  }
  for (let j = 0; j < Math.max(2, Math.ceil(nb / 2)); j++) {
    const c = centre(true);
    const ps: { lon: number; lat: number }[] = [];
    for (let q = 0; q < 35; q++) {
      for (let tries = 0; tries < 100; tries++) {
        const p = around(c, 1500);
        if (grid.ok(p.lon, p.lat, false)) { ps.push(p); put(c, p, false); break; }
      }
    }
    w.lookalike(C, 'location', mean(ps), `busy but spread-out town centre (${ps.length} accidents within 1.5 km)`);
  }
}

// ---- 16 opinion-quota ----------------------------------------------------------------------

function plantOpinionQuota(w: World, r: Rng): void {
  const C = 'opinion-quota';
  const qs = quarters(w);
  const cells: { unit: string; q: (typeof qs)[number]; dept: boolean }[] = [];
  for (const q of qs) for (const u of UNITS) cells.push({ unit: u.code, q, dept: u.kind === '支队部门' });
  r.shuffle(cells);
  const depts = cells.filter((c) => c.dept), others = cells.filter((c) => !c.dept);
  const per = Math.max(2, Math.min(w.k, Math.floor(cells.length / 10)));
  let group = -1, inGroup = 0;
  // Each group of planted/look-alike cells starts with a department (支队部门) so departments are always covered.
  const take = () => {
    if (inGroup === 0) group++;
    const src = inGroup === 0 && depts.length > 0 ? depts : others.length > 0 ? others : depts;
    inGroup = (inGroup + 1) % per;
    const c = src.shift()!;
    w.quotaPlanted.add(`${c.unit}/${c.q.key}`);
    return c;
  };
  const inPeriod = (q: (typeof qs)[number]) => ({ a: Math.max(q.from, w.from), b: Math.min(q.to, w.to) });
  const op = (unit: string, day: number, kind: string, channel: string, extra: Row = {}) => {
    w.opinions.push({ row: { received_on: day, unit_code: unit, channel, kind, content: kind === '投诉' ? r.pick(COMPLAINT_OFFICER) : r.pick(OPINION_TEXT), outcome: '已答复', ...extra }, t: day * DAY, ref: {} });
  };
  for (let j = 0; j < per; j++) {
    const c = take();
    w.truth(C, 'unit-quarter', `${c.unit}/${c.q.key}`, c.dept ? 'department (支队部门) heard no opinion in the quarter' : 'no opinion in the quarter');
  }
  const offs = w.officers.filter((o) => o.status === '在职');
  for (let j = 0; j < per; j++) {
    const c = take();
    const { a, b } = inPeriod(c.q);
    for (let q = 0; q < 3; q++) {
      const o = offs.find((x) => x.unit === c.unit) ?? r.pick(offs);
      op(c.unit, a + r.int(b - a + 1), '投诉', r.pick(['12345热线', '12123', '信访', '网络征集']), q === 0 ? { officer_id: o.id } : {});
    }
    w.truth(C, 'unit-quarter', `${c.unit}/${c.q.key}`, 'only complaints in the quarter (complaints do not count)');
  }
  for (let j = 0; j < per; j++) {
    const c = take();
    const { b } = inPeriod(c.q);
    op(c.unit, b, '意见建议', j % 2 ? '网络征集' : '问卷');
    w.lookalike(C, 'unit-quarter', `${c.unit}/${c.q.key}`, j % 2 ? 'one online solicitation (网络征集) on the last day' : 'a single opinion on the last day of the quarter in the period');
  }
  const q0 = qs[0];
  if (q0.from < w.from) {
    for (const c of others.filter((x) => x.q === q0).slice(0, Math.min(per, 3))) {
      others.splice(others.indexOf(c), 1);
      w.quotaPlanted.add(`${c.unit}/${c.q.key}`);
      op(c.unit, q0.from + r.int(w.from - q0.from), '意见建议', '座谈会');
      w.lookalike(C, 'unit-quarter', `${c.unit}/${c.q.key}`, 'only opinion dated before --from, in the same quarter');
    }
  }
}

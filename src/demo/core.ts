// The demo world: population (officers, drivers, vehicles, devices) and the helpers shared by the
// clean background generator (background.ts) and the planted scenarios (plant.ts).
import { Rng } from './rng.ts';
import { DAY, HOUR, MIN, at, isoDay, ymd } from './time.ts';
import type { IdRef, Row } from './writer.ts';
import { haversineM } from '../geo/distance.ts';
import {
  UNITS, U, TOWNS, ROADS, CODE, DEVICE_KIND_WEIGHTS, HOUR_WEIGHTS, KIND_CODES, SURNAMES, GIVEN, COMPANY_WORDS, COMPANY_KIND,
  OTHER_PROVINCES, type Town, type Road,
} from './world.ts';

export interface Officer { id: string; name: string; unit: string; category: string; post: string; status: string; reserved?: boolean }
export interface Driver { lic: string; name: string; classes: string; firstIssued: number; issuer: string; status: string; phone: string }
export interface Vehicle {
  plate: string; type: string; ownerId: string; ownerName: string; usage: string;
  registeredOn: number; inspUntil: number; status: string; drivers: string[];
}
export interface Device {
  id: string; name: string; kind: string; unit: string; road: string; place: string; lon: number; lat: number;
  speedLimit: number | null; enabledOn: number; review: string; announcedOn: number | null; calibUntil: number | null;
  funding: string; ext: string | null; status: string;
  /** Relative capture rate. */
  weight: number;
  /** First and last day (inclusive) on which it captures in the period. */
  activeFrom: number; activeTo: number;
  /** Planted devices are kept out of background picks for other scenarios. */
  special?: boolean;
}

export interface Planted<T = Row> { row: T; t: number; ref: IdRef }
export interface TruthEntry { category: string; subject: { kind: string; id: string | IdRef }; clause?: string; exemption?: string }

export const EMERGENCY_USAGES = ['警用', '消防', '救护', '工程救险'];

export class World {
  readonly rng: Rng;
  readonly from: number; readonly to: number; readonly asOf: number;
  readonly fromSec: number; readonly endSec: number; readonly asOfSec: number;
  readonly scale: number; readonly months: number;
  /** Planted cases per clause. */
  readonly k: number;
  officers: Officer[] = [];
  drivers: Driver[] = [];
  vehicles: Vehicle[] = [];
  /** vehicles[0 .. bgCount) is the pool background violations draw from. */
  bgCount = 0;
  /** Vehicles that never get a violation: used for inspection stickers. */
  clean: Vehicle[] = [];
  devices: Device[] = [];
  nViolations: number;

  plantedViolations = new Map<number, Planted[]>();
  accidents: Planted[] = [];
  business: Planted[] = [];
  videos: Planted[] = [];
  opinions: Planted[] = [];
  planted: TruthEntry[] = [];
  lookalikes: TruthEntry[] = [];
  /** Blackspot centres (planted and look-alike) that background accidents keep away from. */
  exclusion: { lon: number; lat: number; r: number }[] = [];
  /** Unit-quarters whose opinions are planted ("UNIT/2021Q1"). */
  quotaPlanted = new Set<string>();
  /** Devices with planted complaint counts (no background complaints). */
  complaintDevices = new Set<string>();
  /** (device id, day) pairs of a camera fault: the whole day is voided by the technology department. */
  faultDays = new Map<string, { officer: string }>();

  private ids = new Set<string>();
  private plates = new Set<string>();
  private phoneSeq = 0;
  private decisionSeq = 0;
  byPost = new Map<string, Officer[]>();
  officerById = new Map<string, Officer>();
  deviceById = new Map<string, Device>();
  byUnitPost = new Map<string, Officer[]>();

  constructor(opts: { seed: number; scale: number; start: number; months: number }) {
    this.rng = new Rng(opts.seed);
    this.scale = opts.scale;
    this.months = opts.months;
    this.from = opts.start;
    const { y, m } = ymd(opts.start);
    this.to = Date.UTC(y, m - 1 + opts.months, 1) / 86400000 - 1;
    this.asOf = this.to + 10;
    this.fromSec = this.from * DAY;
    this.endSec = (this.to + 1) * DAY;
    this.asOfSec = this.asOf * DAY;
    this.k = 4 + Math.floor(opts.scale * 10);
    this.nViolations = Math.max(1, Math.round(250000 * opts.scale * opts.months));
  }

  // ---- naming ---------------------------------------------------------------------------------

  name(r: Rng): string {
    return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
  }

  /** An 18-character resident ID number with a valid check digit. */
  idNumber(r: Rng, region: string, birthYearFrom = 1960, birthYearTo = 2001): string {
    for (let tries = 0; tries < RETRIES; tries++) {
      const y = r.between(birthYearFrom, birthYearTo);
      const m = r.between(1, 12);
      const d = r.between(1, 28);
      const body = region + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + String(r.int(1000)).padStart(3, '0');
      const id = body + checkDigit(body);
      if (!this.ids.has(id)) { this.ids.add(id); return id; }
    }
    // Deterministic fallback: the first free number of the region and birth years.
    for (let y = birthYearFrom; y <= birthYearTo; y++) for (let m = 1; m <= 12; m++) for (let d = 1; d <= 28; d++) for (let q = 0; q < 1000; q++) {
      const body = region + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + String(q).padStart(3, '0');
      const id = body + checkDigit(body);
      if (!this.ids.has(id)) { this.ids.add(id); return id; }
    }
    throw new Error(`demo: no free ID number left for region ${region}`);
  }

  orgId(r: Rng): string {
    const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let tries = 0; tries < RETRIES; tries++) {
      let s = '91140700';
      for (let i = 0; i < 10; i++) s += A[r.int(A.length)];
      if (!this.ids.has(s)) { this.ids.add(s); return s; }
    }
    for (let n = 0; ; n++) {
      // Deterministic fallback: the first free code in counting order (31^10 codes, so this ends).
      let s = '', x = n;
      for (let i = 0; i < 10; i++) { s = A[x % A.length] + s; x = Math.floor(x / A.length); }
      if (!this.ids.has('91140700' + s)) { this.ids.add('91140700' + s); return '91140700' + s; }
    }
  }

  /** A phone number no other licence holder has. */
  phone(): string {
    const i = this.phoneSeq++;
    const prefixes = ['130', '135', '139', '152', '158', '177', '186', '189'];
    const p = prefixes[i % prefixes.length];
    const n = (Math.floor(i / prefixes.length) * 7919 + 1234567) % 100000000;
    return p + String(n).padStart(8, '0');
  }

  plate(r: Rng, prefix: string, kind: 'normal' | 'ev' | 'police'): string {
    const L = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const D = '0123456789';
    for (let tries = 0; tries < RETRIES; tries++) {
      let s: string;
      if (kind === 'ev') s = prefix + (r.chance(0.7) ? 'D' : 'F') + String(r.int(100000)).padStart(5, '0');
      else if (kind === 'police') s = prefix + String(r.int(10000)).padStart(4, '0') + '警';
      else {
        s = prefix;
        for (let i = 0; i < 5; i++) s += i < 2 && r.chance(0.35) ? L[r.int(L.length)] : r.chance(0.15) ? L[r.int(L.length)] : D[r.int(10)];
      }
      if (!this.plates.has(s)) { this.plates.add(s); return s; }
    }
    // Deterministic fallback: the first free plate of the kind in counting order.
    const n = kind === 'police' ? 10000 : kind === 'ev' ? 200000 : 34 ** 5;
    const LD = D + L;
    for (let i = 0; i < n; i++) {
      let s: string;
      if (kind === 'police') s = prefix + String(i).padStart(4, '0') + '警';
      else if (kind === 'ev') s = prefix + (i < 100000 ? 'D' : 'F') + String(i % 100000).padStart(5, '0');
      else { s = ''; for (let j = 0, x = i; j < 5; j++, x = Math.floor(x / LD.length)) s = LD[x % LD.length] + s; s = prefix + s; }
      if (!this.plates.has(s)) { this.plates.add(s); return s; }
    }
    throw new Error(`demo: no free ${kind} plate left for ${prefix}`);
  }

  decisionNo(unit: string, t: number): string {
    return unit.slice(0, 6) + isoDay(Math.floor(t / DAY)).slice(0, 4) + String(++this.decisionSeq).padStart(9, '0');
  }

  // ---- people -----------------------------------------------------------------------------------

  newDriver(r: Rng, opts: { local?: boolean; issuer?: string; region?: string; classes?: string; phone?: string } = {}): Driver {
    let issuer = '晋K';
    let region = r.pick(TOWNS).region;
    if (opts.local === false) {
      const o = r.pick(OTHER_PROVINCES);
      issuer = o.issuer;
      region = o.region;
    }
    if (opts.issuer) issuer = opts.issuer;
    if (opts.region) region = opts.region;
    const d: Driver = {
      lic: this.idNumber(r, region), name: this.name(r), classes: opts.classes ?? (r.chance(0.85) ? 'C1' : r.pick(['C2', 'B2', 'A2', 'A1'])),
      firstIssued: this.from - r.between(200, 9000), issuer, status: '正常', phone: opts.phone ?? this.phone(),
    };
    this.drivers.push(d);
    return d;
  }

  newVehicle(r: Rng, o: { owner: Driver | { id: string; name: string }; plate?: string; type?: string; usage?: string; drivers: string[] }): Vehicle {
    const ownerId = 'lic' in o.owner ? o.owner.lic : o.owner.id;
    const ownerName = o.owner.name;
    const type = o.type ?? (r.chance(0.15) ? '52' : '02');
    const plate = o.plate ?? this.plate(r, '晋K', type === '52' ? 'ev' : type === '23' ? 'police' : 'normal');
    const registeredOn = this.from - r.between(100, 4000);
    const v: Vehicle = {
      plate, type, ownerId, ownerName, usage: o.usage ?? '非营运', registeredOn,
      inspUntil: this.asOf + r.between(30, 700), status: '正常', drivers: o.drivers,
    };
    this.vehicles.push(v);
    return v;
  }

  /** A private local car owned (and driven) by a new person. */
  privateCar(r: Rng, ownerLocal = true): { owner: Driver; v: Vehicle } {
    const owner = this.newDriver(r, { local: ownerLocal });
    const prefix = ownerLocal ? '晋K' : owner.issuer;
    const type = r.chance(0.15) ? '52' : '02';
    const v = this.newVehicle(r, { owner, type, plate: this.plate(r, prefix, type === '52' ? 'ev' : 'normal'), drivers: [owner.lic] });
    return { owner, v };
  }

  company(r: Rng, kind: string): { id: string; name: string } {
    return { id: this.orgId(r), name: r.pick(COMPANY_WORDS) + r.pick(['鑫', '通', '顺', '恒', '达', '泰', '盛', '华']) + r.pick(['源', '达', '通', '发', '隆', '运']) + kind };
  }

  // ---- officers ---------------------------------------------------------------------------------

  buildOfficers(): void {
    const r = this.rng.fork(1);
    const comp: Record<string, [string, number][]> = {};
    for (const u of UNITS) {
      if (u.kind === '县区大队') comp[u.code] = [['路面执勤', 12], ['事故处理', 5], ['违法处理', 4], ['车驾管', 3], ['科技设备', 1], ['法制', 1]];
    }
    comp[U.zs1] = comp[U.zs2] = comp[U.zs3] = [['路面执勤', 14], ['事故处理', 2], ['违法处理', 3], ['科技设备', 1]];
    comp[U.highway] = [['路面执勤', 14], ['事故处理', 4], ['违法处理', 2]];
    comp[U.accident] = [['事故处理', 16]];
    comp[U.dmv] = [['车驾管', 24]];
    comp[U.legal] = [['法制', 6]];
    comp[U.tech] = [['科技设备', 8]];
    comp[U.order] = [['路面执勤', 4], ['秩序', 2]];
    const seen = new Set<string>();
    for (const u of UNITS) {
      for (const [post, n] of comp[u.code]) {
        for (let i = 0; i < n; i++) {
          let id: string;
          id = String(r.between(100000, 999999));
          for (let tries = 0; seen.has(id) && tries < RETRIES; tries++) id = String(r.between(100000, 999999));
          for (let x = 100000; seen.has(id) && x <= 999999; x++) id = String(x);
          seen.add(id);
          const status = r.chance(0.03) ? r.pick(['调离', '离职']) : '在职';
          this.officers.push({ id, name: this.name(r), unit: u.code, category: r.chance(0.35) ? '辅警' : '民警', post, status });
        }
      }
    }
    // A few officers on each post are kept for planted scenarios (their records are exactly the planted ones).
    const reserve = (unit: string, post: string, n: number) => {
      const list = this.officers.filter((o) => o.unit === unit && o.post === post && o.status === '在职' && !o.reserved);
      for (let i = 0; i < n && i < list.length; i++) list[i].reserved = true;
    };
    for (const u of [U.taigu, U.pingyao, U.zs1, U.shouyang, U.jiexiu]) reserve(u, '路面执勤', 2);
    reserve(U.accident, '事故处理', 4);
    for (const o of this.officers) this.officerById.set(o.id, o);
    for (const o of this.officers) {
      if (o.status !== '在职' || o.reserved) continue;
      push(this.byPost, o.post, o);
      push(this.byUnitPost, o.unit + '/' + o.post, o);
    }
  }

  /** Active, non-reserved officers of a unit and post (falls back to the post anywhere). */
  staff(unit: string, post: string): Officer[] {
    return this.byUnitPost.get(unit + '/' + post) ?? this.byPost.get(post) ?? [];
  }
  reserved(post: string): Officer[] {
    return this.officers.filter((o) => o.reserved && o.post === post);
  }

  // ---- vehicles and drivers ------------------------------------------------------------------

  buildPopulation(): void {
    const r = this.rng.fork(2);
    const B = Math.max(3000, Math.round(this.nViolations / 12));
    while (this.vehicles.length < B) {
      const x = r.next();
      if (x < 0.72) {
        const { owner, v } = this.privateCar(r);
        if (r.chance(0.25)) {
          const spouse = this.newDriver(r, { local: true, region: owner.lic.slice(0, 6) });
          v.drivers.push(spouse.lic);
        }
        if (r.chance(0.1)) this.newVehicle(r, { owner, drivers: v.drivers.slice() });
      } else if (x < 0.82) {
        this.privateCar(r, false);
      } else if (x < 0.92) {
        const usage = r.chance(0.75) ? '货运' : '公路客运';
        const co = this.company(r, usage === '货运' ? '物流有限公司' : '客运有限责任公司');
        const n = r.between(3, 15);
        const pool = Array.from({ length: Math.ceil(n * 1.2) }, () => this.newDriver(r, { local: true, classes: usage === '货运' ? 'A2' : 'A1' }).lic);
        for (let i = 0; i < n; i++) {
          const ds = [r.pick(pool)];
          if (r.chance(0.4)) { const d2 = r.pick(pool); if (d2 !== ds[0]) ds.push(d2); }
          this.newVehicle(r, { owner: co, type: '01', usage, drivers: ds });
        }
      } else if (x < 0.985) {
        const co = this.company(r, '出租汽车有限公司');
        const n = r.between(3, 12);
        const pool = Array.from({ length: n * 2 }, () => this.newDriver(r, { local: true }).lic);
        for (let i = 0; i < n; i++) this.newVehicle(r, { owner: co, type: '02', usage: '出租客运', drivers: [pool[2 * i], pool[2 * i + 1]] });
      } else {
        const usage = r.pick(EMERGENCY_USAGES);
        const co = { id: this.orgId(r), name: usage === '警用' ? '晋中市公安局' : usage === '消防' ? '晋中市消防救援支队' : usage === '救护' ? '晋中市第一人民医院' : '晋中市公路事业发展中心' };
        const d = this.newDriver(r, { local: true }).lic;
        const n = r.between(1, 3);
        for (let i = 0; i < n; i++) {
          const type = usage === '警用' ? '23' : usage === '救护' ? '02' : '01';
          this.newVehicle(r, { owner: co, type, usage, drivers: [d] });
        }
      }
    }
    this.bgCount = this.vehicles.length;
    const C = Math.max(300, Math.round(B / 10));
    for (let i = 0; i < C; i++) this.clean.push(this.privateCar(r).v);
  }

  // ---- geography -----------------------------------------------------------------------------

  roadPoint(r: Rng, road?: Road): { road: Road; lon: number; lat: number; km: number } {
    const rd = road ?? pickRoad(r);
    const lens = rd.pts.slice(1).map((p, i) => haversineM(rd.pts[i][0], rd.pts[i][1], p[0], p[1]));
    const total = lens.reduce((a, b) => a + b, 0);
    let x = r.next() * total;
    let i = 0;
    while (i < lens.length - 1 && x > lens[i]) { x -= lens[i]; i++; }
    const f = Math.min(1, x / lens[i]);
    const [a, b] = [rd.pts[i], rd.pts[i + 1]];
    const before = lens.slice(0, i).reduce((p, q) => p + q, 0);
    return { road: rd, lon: a[0] + (b[0] - a[0]) * f, lat: a[1] + (b[1] - a[1]) * f, km: Math.round((before + x) / 10) / 100 };
  }

  nearestTown(lon: number, lat: number): Town {
    let best = TOWNS[0];
    let bd = Infinity;
    for (const t of TOWNS) {
      const d = (t.lon - lon) ** 2 + ((t.lat - lat) * 1.25) ** 2;
      if (d < bd) { bd = d; best = t; }
    }
    return best;
  }

  /** The brigade responsible for a point (expressways → 高速公路大队; 榆次 → a 直属 brigade). */
  unitAt(lon: number, lat: number, expressway = false): string {
    if (expressway) return U.highway;
    const t = this.nearestTown(lon, lat);
    if (t.unit) return t.unit;
    return lat > 37.70 ? U.zs1 : lon > 112.752 ? U.zs2 : U.zs3;
  }

  townOf(unit: string): Town {
    return TOWNS.find((t) => t.unit === unit) ?? TOWNS[0];
  }

  /** A street address near a town. */
  townPoint(r: Rng, town: Town, sigmaKm = 1.5): { lon: number; lat: number; road: string; place: string } {
    const lon = clampLon(town.lon + (r.normal() * sigmaKm) / 88.5);
    const lat = clampLat(town.lat + (r.normal() * sigmaKm) / 111);
    const s1 = r.pick(town.streets);
    let s2 = r.pick(town.streets);
    if (s2 === s1) s2 = r.pick(['G108', 'G208', 'G307', 'S319', '新华街', '建设路']);
    return { lon, lat, road: s1, place: `${town.county}${s1}与${s2}路口` };
  }

  // ---- devices ---------------------------------------------------------------------------------

  private devSeq = 0;
  deviceId(r: Rng): string {
    return '1407' + String(r.int(100000000)).padStart(8, '0') + String(this.devSeq++).padStart(3, '0');
  }

  newDevice(r: Rng, kind: string, o: Partial<Device> = {}): Device {
    let lon: number, lat: number, road: string, place: string, unit: string;
    if (kind === '超速' || kind === '区间测速') {
      const rp = this.roadPoint(r, o.road ? ROADS.find((x) => x.name === o.road) : undefined);
      lon = rp.lon; lat = rp.lat; road = rp.road.name;
      const town = this.nearestTown(lon, lat);
      place = `${town.county}${road}K${Math.floor(rp.km)}+${String(r.int(1000)).padStart(3, '0')}`;
      unit = this.unitAt(lon, lat, rp.road.expressway);
    } else {
      const town = r.chance(0.3) ? TOWNS[0] : r.pick(TOWNS);
      const p = this.townPoint(r, town, 1.2);
      lon = p.lon; lat = p.lat; road = p.road; place = p.place;
      unit = this.unitAt(lon, lat);
    }
    const enabledOn = this.from - r.between(60, 2500);
    const speed = kind === '超速' || kind === '区间测速';
    const d: Device = {
      id: this.deviceId(r), name: `${place}${kind}`, kind, unit, road, place, lon: round6(lon), lat: round6(lat),
      speedLimit: speed ? r.pick([60, 80, 100, 120]) : null,
      enabledOn, review: '已审核', announcedOn: enabledOn - r.between(1, 40),
      calibUntil: speed ? this.asOf + r.between(60, 500) : null,
      funding: r.chance(0.8) ? '政府投资' : r.chance(0.5) ? '社会资金' : '企业租赁', ext: null, status: '在用',
      weight: r.uniform(0.6, 1.5), activeFrom: this.from, activeTo: this.to,
      ...o,
    };
    if (d.funding !== '政府投资' && !('ext' in o)) d.ext = r.chance(0.5) ? '某科技公司非现场执法平台' : null;
    d.activeFrom = Math.max(d.activeFrom, d.enabledOn, this.from);
    this.devices.push(d);
    this.deviceById.set(d.id, d);
    return d;
  }

  buildDevices(): void {
    const r = this.rng.fork(3);
    const n = 300 + Math.round(300 * Math.min(1, this.scale));
    // Speed cameras on the same roads (duplicate-penalty scenarios need pairs on one road).
    for (const road of ['大运高速', '大运高速', '大运高速', 'G108', 'G108', 'G108', '太长高速', '太长高速']) this.newDevice(r, '超速', { road });
    while (this.devices.length < n) {
      const kind = DEVICE_KIND_WEIGHTS[r.weighted(DEVICE_KIND_WEIGHTS.map((x) => x[1]))][0];
      const x = r.next();
      if (x < 0.04) {
        // Switched off long ago: reviewed, captures nothing.
        this.newDevice(r, kind, { status: '停用', activeFrom: this.to + 1, activeTo: this.from - 1 });
      } else if (x < 0.08) {
        // Enabled during the period, announced before it was enabled.
        const en = this.from + r.between(5, Math.max(6, this.to - this.from - 30));
        this.newDevice(r, kind, { enabledOn: en, announcedOn: en - r.between(3, 20) });
      } else {
        this.newDevice(r, kind);
      }
    }
  }

  /** Background devices that can be borrowed by planted scenarios (clean, active all period). */
  plainDevices(kind?: string | ((k: string) => boolean)): Device[] {
    return this.devices.filter((d) => !d.special && d.status === '在用' && d.activeFrom === this.from && d.activeTo === this.to &&
      (kind === undefined || (typeof kind === 'string' ? d.kind === kind : kind(d.kind))));
  }

  // ---- violation rows -------------------------------------------------------------------------

  codeFor(r: Rng, kind: string): string {
    const list = KIND_CODES[kind];
    return list[r.weighted(list.map((x) => x[1]))][0];
  }

  fine(r: Rng, code: string): number {
    const c = CODE.get(code)!;
    if (c.fineMin === c.fineMax) return c.fineMin;
    const steps = Math.max(1, Math.round((c.fineMax - c.fineMin) / 50));
    return c.fineMin + Math.round((r.int(steps + 1) * (c.fineMax - c.fineMin)) / steps);
  }

  reviewerFor(r: Rng, unit: string): Officer {
    const a = this.byUnitPost.get(unit + '/科技设备') ?? this.byUnitPost.get(unit + '/违法处理') ?? this.staff(U.tech, '科技设备');
    return r.pick(a);
  }

  /** A camera capture row (no id). Status etc. are given by `o`; defaults make a clean, unprocessed record. */
  capture(r: Rng, dev: Device, v: Vehicle, t: number, o: Row = {}): Row {
    const code = (o.code as string) ?? this.codeFor(r, dev.kind);
    const entered = t + r.between(20 * MIN, 6 * HOUR);
    const reviewedAt = entered + r.between(HOUR, 3 * DAY);
    const reviewer = this.reviewerFor(r, dev.unit);
    return {
      plate: v.plate, plate_type: v.type, occurred_at: t, place: dev.place, road: dev.road, lon: dev.lon, lat: dev.lat,
      code, fine: CODE.get(code) ? this.fine(r, code) : 200, points: CODE.get(code)?.points ?? 3, source: '非现场', device_id: dev.id,
      officer_id: null, entered_at: entered,
      reviewer_id: reviewedAt < this.asOfSec ? reviewer.id : null, reviewed_at: reviewedAt < this.asOfSec ? reviewedAt : null,
      status: '未处理', ...o,
    };
  }

  /** Mark a row processed by licence `lic` at time `pt` through a channel. */
  process(r: Rng, row: Row, lic: string, pt: number, channel?: string, clerk?: Officer): Row {
    const ch = channel ?? (r.chance(0.45) ? '互联网' : r.chance(0.75) ? '窗口' : '自助机');
    let handler: string | null = null;
    let unit = (row.device_id ? this.deviceById.get(row.device_id as string)?.unit : (row.officer_id ? this.officerById.get(row.officer_id as string)?.unit : undefined)) ?? U.dmv;
    if (ch === '窗口') {
      const c = clerk ?? r.pick(this.byPost.get('违法处理')!);
      handler = c.id;
      unit = c.unit;
    }
    row.status = '已处理';
    row.processed_at = pt;
    row.handler_id = handler;
    row.handling_unit = unit;
    row.channel = ch;
    row.license_no = lic;
    row.decision_no = this.decisionNo(unit, pt);
    return row;
  }

  void(row: Row, by: Officer, at: number, reason: string, revoke = false): Row {
    row.status = revoke ? '已撤销' : '已作废';
    row.voided_by = by.id;
    row.voided_at = at;
    row.void_reason = reason;
    return row;
  }

  addViolation(row: Row): IdRef {
    const ref: IdRef = {};
    const t = row.occurred_at as number;
    push(this.plantedViolations, Math.floor(t / DAY), { row, t, ref });
    return ref;
  }

  addVideo(row: Row): IdRef {
    const ref: IdRef = {};
    this.videos.push({ row, t: row.started_at as number, ref });
    return ref;
  }

  /** A recording row: uploaded `upHours` after its end unless given. */
  video(r: Rng, officer: Officer, start: number, end: number, o: Row = {}): Row {
    return {
      camera_id: 'JLY' + officer.id.slice(1), officer_id: officer.id, started_at: start, ended_at: end,
      uploaded_at: end + r.between(20 * MIN, 10 * HOUR), linked_id: null, tag: '巡逻执勤', status: '正常', deleted_at: null, deleted_by: null, ...o,
    };
  }

  truth(category: string, kind: string, id: string | IdRef, clause: string): void {
    this.planted.push({ category, subject: { kind, id }, clause });
  }
  lookalike(category: string, kind: string, id: string | IdRef, exemption: string): void {
    this.lookalikes.push({ category, subject: { kind, id }, exemption });
  }

  /** A random time on a day with the usual hourly rhythm. */
  timeOn(r: Rng, day: number, fromHour = 0, toHour = 24): number {
    const w = HOUR_CUM;
    if (!(fromHour < toHour && fromHour >= 0 && toHour <= 24)) throw new Error(`timeOn: empty hour window ${fromHour}..${toHour}`);
    for (let tries = 0; tries < RETRIES; tries++) {
      const x = r.next() * w[24];
      let h = 0;
      while (h < 23 && w[h + 1] <= x) h++;
      if (h >= fromHour && h < toHour) return at(day, h, r.int(60), r.int(60));
    }
    // A window of (almost) no weight: uniform within it.
    return at(day, fromHour + r.int(toHour - fromHour), r.int(60), r.int(60));
  }

  /** A random day in the period (optionally within [a, b] offsets from `from`). */
  dayIn(r: Rng, a = 0, b = this.to - this.from): number {
    return this.from + r.between(Math.max(0, a), Math.min(this.to - this.from, b));
  }
}

export const HOUR_CUM: number[] = (() => {
  const c = [0];
  for (const w of HOUR_WEIGHTS) c.push(c[c.length - 1] + w);
  return c;
})();

/** Bound of every rejection-sampling loop of the demo; after it, each loop falls back deterministically. */
export const RETRIES = 10_000;

/** A member of `list` other than `a` (rejection sampling, bounded), else the first other member of `fallback`. */
export function pickOther<T>(r: Rng, list: readonly T[], a: T, fallback: readonly T[] = []): T {
  let b = r.pick(list);
  for (let tries = 0; b === a && tries < 100; tries++) b = r.pick(list);
  if (b !== a) return b;
  const other = list.find((x) => x !== a) ?? fallback.find((x) => x !== a);
  if (other === undefined) throw new Error('demo: need two different officers, only one exists');
  return other;
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function checkDigit(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += +body[i] * w[i];
  return '10X98765432'[s % 11];
}

export function pickRoad(r: Rng): Road {
  return ROADS[r.int(ROADS.length)];
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
export const clampLon = (x: number) => Math.min(113.95, Math.max(111.55, x));
export const clampLat = (x: number) => Math.min(38.05, Math.max(36.65, x));

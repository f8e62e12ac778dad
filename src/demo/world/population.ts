// The people and vehicles of the demo: officers by unit and post, licence holders, private cars,
// company fleets, taxis and emergency vehicles. Background violations draw from this population;
// planted scenarios add their own people with the same functions.
import { RETRIES, type Rng } from '../rng.ts';
import { push, type Driver, type Officer, type Vehicle, type World } from './world.ts';
import { TOWNS } from './geography.ts';
import { UNITS, U } from './reference.ts';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国海波宁鹏辉斌志文飞龙云雪梅晓东俊峰亮林晨宇浩然佳欣子涵雨婷思远嘉怡一鸣'.split('');
const COMPANY_WORDS = ['晋中', '榆次', '太谷', '介休', '平遥', '灵石', '寿阳', '祁县'];
/** Licence issuers (and ID-number regions) outside Jinzhong. */
const OTHER_PROVINCES: { issuer: string; region: string }[] = [
  { issuer: '冀A', region: '130102' }, { issuer: '豫D', region: '410402' }, { issuer: '陕A', region: '610102' },
  { issuer: '晋A', region: '140105' }, { issuer: '晋D', region: '140402' }, { issuer: '蒙A', region: '150102' }, { issuer: '鲁A', region: '370102' },
];

export const EMERGENCY_USAGES = ['警用', '消防', '救护', '工程救险'];

function personName(r: Rng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
}

// ---- officers ---------------------------------------------------------------------------------

export function buildOfficers(w: World): void {
  const r = w.rng.fork(1);
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
        w.officers.push({ id, name: personName(r), unit: u.code, category: r.chance(0.35) ? '辅警' : '民警', post, status });
      }
    }
  }
  // A few officers on each post are kept for planted scenarios (their records are exactly the planted ones).
  const reserve = (unit: string, post: string, n: number) => {
    const list = w.officers.filter((o) => o.unit === unit && o.post === post && o.status === '在职' && !o.reserved);
    for (let i = 0; i < n && i < list.length; i++) list[i].reserved = true;
  };
  for (const u of [U.taigu, U.pingyao, U.zs1, U.shouyang, U.jiexiu]) reserve(u, '路面执勤', 2);
  reserve(U.accident, '事故处理', 4);
  for (const o of w.officers) w.officerById.set(o.id, o);
  for (const o of w.officers) {
    if (o.status !== '在职' || o.reserved) continue;
    push(w.byPost, o.post, o);
    push(w.byUnitPost, o.unit + '/' + o.post, o);
  }
}

/** Active, non-reserved officers of a unit and post (falls back to the post anywhere). */
export function staffOf(w: World, unit: string, post: string): Officer[] {
  return w.byUnitPost.get(unit + '/' + post) ?? w.byPost.get(post) ?? [];
}

/** The officers of a post kept for planted scenarios. */
export function reservedFor(w: World, post: string): Officer[] {
  return w.officers.filter((o) => o.reserved && o.post === post);
}

/** A member of `list` other than `a` (rejection sampling, bounded), else the first other member of `fallback`. */
export function pickOther<T>(r: Rng, list: readonly T[], a: T, fallback: readonly T[] = []): T {
  let b = r.pick(list);
  for (let tries = 0; b === a && tries < 100; tries++) b = r.pick(list);
  if (b !== a) return b;
  const other = list.find((x) => x !== a) ?? fallback.find((x) => x !== a);
  if (other === undefined) throw new Error('demo: need two different officers, only one exists');
  return other;
}

// ---- drivers and vehicles ---------------------------------------------------------------------

export function newDriver(w: World, r: Rng, opts: { local?: boolean; issuer?: string; region?: string; classes?: string; phone?: string } = {}): Driver {
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
    lic: w.ids.idNumber(r, region), name: personName(r), classes: opts.classes ?? (r.chance(0.85) ? 'C1' : r.pick(['C2', 'B2', 'A2', 'A1'])),
    firstIssued: w.from - r.between(200, 9000), issuer, status: '正常', phone: opts.phone ?? w.ids.phone(),
  };
  w.drivers.push(d);
  return d;
}

export function newVehicle(w: World, r: Rng, o: { owner: Driver | { id: string; name: string }; plate?: string; type?: string; usage?: string; drivers: string[] }): Vehicle {
  const ownerId = 'lic' in o.owner ? o.owner.lic : o.owner.id;
  const ownerName = o.owner.name;
  const type = o.type ?? (r.chance(0.15) ? '52' : '02');
  const plate = o.plate ?? w.ids.plate(r, '晋K', type === '52' ? 'ev' : type === '23' ? 'police' : 'normal');
  const registeredOn = w.from - r.between(100, 4000);
  const v: Vehicle = {
    plate, type, ownerId, ownerName, usage: o.usage ?? '非营运', registeredOn,
    inspUntil: w.asOf + r.between(30, 700), status: '正常', drivers: o.drivers,
  };
  w.vehicles.push(v);
  return v;
}

/** A private car owned (and driven) by a new person, local unless said. */
export function privateCar(w: World, r: Rng, ownerLocal = true): { owner: Driver; v: Vehicle } {
  const owner = newDriver(w, r, { local: ownerLocal });
  const prefix = ownerLocal ? '晋K' : owner.issuer;
  const type = r.chance(0.15) ? '52' : '02';
  const v = newVehicle(w, r, { owner, type, plate: w.ids.plate(r, prefix, type === '52' ? 'ev' : 'normal'), drivers: [owner.lic] });
  return { owner, v };
}

export function company(w: World, r: Rng, kind: string): { id: string; name: string } {
  return { id: w.ids.orgId(r), name: r.pick(COMPANY_WORDS) + r.pick(['鑫', '通', '顺', '恒', '达', '泰', '盛', '华']) + r.pick(['源', '达', '通', '发', '隆', '运']) + kind };
}

/** The background population: private cars (some shared in a household), fleets, taxis, emergency vehicles. */
export function buildPopulation(w: World): void {
  const r = w.rng.fork(2);
  const B = Math.max(3000, Math.round(w.nViolations / 12));
  while (w.vehicles.length < B) {
    const x = r.next();
    if (x < 0.72) {
      const { owner, v } = privateCar(w, r);
      if (r.chance(0.25)) {
        const spouse = newDriver(w, r, { local: true, region: owner.lic.slice(0, 6) });
        v.drivers.push(spouse.lic);
      }
      if (r.chance(0.1)) newVehicle(w, r, { owner, drivers: v.drivers.slice() });
    } else if (x < 0.82) {
      privateCar(w, r, false);
    } else if (x < 0.92) {
      const usage = r.chance(0.75) ? '货运' : '公路客运';
      const co = company(w, r, usage === '货运' ? '物流有限公司' : '客运有限责任公司');
      const n = r.between(3, 15);
      const pool = Array.from({ length: Math.ceil(n * 1.2) }, () => newDriver(w, r, { local: true, classes: usage === '货运' ? 'A2' : 'A1' }).lic);
      for (let i = 0; i < n; i++) {
        const ds = [r.pick(pool)];
        if (r.chance(0.4)) { const d2 = r.pick(pool); if (d2 !== ds[0]) ds.push(d2); }
        newVehicle(w, r, { owner: co, type: '01', usage, drivers: ds });
      }
    } else if (x < 0.985) {
      const co = company(w, r, '出租汽车有限公司');
      const n = r.between(3, 12);
      const pool = Array.from({ length: n * 2 }, () => newDriver(w, r, { local: true }).lic);
      for (let i = 0; i < n; i++) newVehicle(w, r, { owner: co, type: '02', usage: '出租客运', drivers: [pool[2 * i], pool[2 * i + 1]] });
    } else {
      const usage = r.pick(EMERGENCY_USAGES);
      const co = { id: w.ids.orgId(r), name: usage === '警用' ? '晋中市公安局' : usage === '消防' ? '晋中市消防救援支队' : usage === '救护' ? '晋中市第一人民医院' : '晋中市公路事业发展中心' };
      const d = newDriver(w, r, { local: true }).lic;
      const n = r.between(1, 3);
      for (let i = 0; i < n; i++) {
        const type = usage === '警用' ? '23' : usage === '救护' ? '02' : '01';
        newVehicle(w, r, { owner: co, type, usage, drivers: [d] });
      }
    }
  }
  w.bgCount = w.vehicles.length;
  const C = Math.max(300, Math.round(B / 10));
  for (let i = 0; i < C; i++) w.clean.push(privateCar(w, r).v);
}

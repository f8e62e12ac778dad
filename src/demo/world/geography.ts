// Where things are in the demo: the county seats and real roads of Jinzhong, points on and near them,
// and which brigade answers for a point. Plain functions of a random stream; no state.
import type { Rng } from '../rng.ts';
import { haversineM } from '../../geo/distance.ts';
import { U } from './reference.ts';

export interface Town { county: string; unit: string | null; lon: number; lat: number; streets: string[]; region: string }
/** County seats; unit null = 榆次 (split among the 直属 brigades). region = the 6-digit ID-number prefix. */
export const TOWNS: Town[] = [
  { county: '榆次区', unit: null, lon: 112.752, lat: 37.697, streets: ['龙湖大街', '蕴华街', '迎宾街', '汇通路', '顺城街', '锦纶路', '中都路', '安宁街'], region: '140702' },
  { county: '太谷区', unit: U.taigu, lon: 112.551, lat: 37.421, streets: ['龙山路', '新建路', '中心街'], region: '140703' },
  { county: '祁县', unit: U.qixian, lon: 112.335, lat: 37.358, streets: ['昭馀路', '祁县东街', '丹枫路'], region: '140727' },
  { county: '平遥县', unit: U.pingyao, lon: 112.176, lat: 37.189, streets: ['顺城路', '中都路', '古陶路'], region: '140728' },
  { county: '介休市', unit: U.jiexiu, lon: 111.917, lat: 37.027, streets: ['北关街', '汾州路', '新华街'], region: '140781' },
  { county: '灵石县', unit: U.lingshi, lon: 111.778, lat: 36.847, streets: ['新建街', '翠峰路'], region: '140729' },
  { county: '寿阳县', unit: U.shouyang, lon: 113.176, lat: 37.891, streets: ['受禄路', '朝阳街', '府前街'], region: '140725' },
  { county: '昔阳县', unit: U.xiyang, lon: 113.706, lat: 37.612, streets: ['大寨路', '乐平路'], region: '140724' },
  { county: '和顺县', unit: U.heshun, lon: 113.569, lat: 37.329, streets: ['义兴路', '云龙街'], region: '140723' },
  { county: '左权县', unit: U.zuoquan, lon: 113.379, lat: 37.082, streets: ['辽阳路', '将军路'], region: '140722' },
  { county: '榆社县', unit: U.yushe, lon: 112.975, lat: 37.071, streets: ['箕城路', '迎宾路'], region: '140721' },
];

export interface Road { name: string; expressway: boolean; pts: [number, number][] }
export const ROADS: Road[] = [
  { name: 'G108', expressway: false, pts: [[112.70, 37.70], [112.55, 37.42], [112.33, 37.36], [112.17, 37.19], [111.92, 37.03], [111.77, 36.85], [111.62, 36.70]] },
  { name: 'G208', expressway: false, pts: [[112.78, 37.68], [112.60, 37.40], [112.80, 37.22], [112.97, 37.07], [113.05, 36.72]] },
  { name: 'G307', expressway: false, pts: [[112.58, 37.78], [112.76, 37.70], [113.18, 37.89], [113.55, 37.96], [113.90, 37.90]] },
  { name: 'S319', expressway: false, pts: [[112.18, 37.19], [112.55, 37.15], [112.97, 37.07], [113.38, 37.08], [113.70, 37.00]] },
  { name: 'S317', expressway: false, pts: [[113.71, 37.61], [113.57, 37.33], [113.38, 37.08], [113.30, 36.80]] },
  { name: '大运高速', expressway: true, pts: [[112.62, 37.62], [112.30, 37.38], [112.14, 37.21], [111.90, 37.05], [111.74, 36.86], [111.60, 36.68]] },
  { name: '太长高速', expressway: true, pts: [[112.82, 37.66], [112.62, 37.38], [112.88, 37.20], [113.00, 37.05], [113.15, 36.70]] },
  { name: '青银高速', expressway: true, pts: [[113.60, 37.95], [113.20, 37.86], [112.85, 37.72], [112.58, 37.45], [112.35, 37.40]] },
];

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const clampLon = (x: number) => Math.min(113.95, Math.max(111.55, x));
const clampLat = (x: number) => Math.min(38.05, Math.max(36.65, x));

/** A uniformly random point on a road (a random road unless given), with its kilometre mark. */
export function roadPoint(r: Rng, road?: Road): { road: Road; lon: number; lat: number; km: number } {
  const rd = road ?? ROADS[r.int(ROADS.length)];
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

export function nearestTown(lon: number, lat: number): Town {
  let best = TOWNS[0];
  let bd = Infinity;
  for (const t of TOWNS) {
    const d = (t.lon - lon) ** 2 + ((t.lat - lat) * 1.25) ** 2;
    if (d < bd) { bd = d; best = t; }
  }
  return best;
}

/** The brigade responsible for a point (expressways → 高速公路大队; 榆次 → a 直属 brigade). */
export function unitAt(lon: number, lat: number, expressway = false): string {
  if (expressway) return U.highway;
  const t = nearestTown(lon, lat);
  if (t.unit) return t.unit;
  return lat > 37.70 ? U.zs1 : lon > 112.752 ? U.zs2 : U.zs3;
}

export function townOf(unit: string): Town {
  return TOWNS.find((t) => t.unit === unit) ?? TOWNS[0];
}

/** A street address near a town. */
export function townPoint(r: Rng, town: Town, sigmaKm = 1.5): { lon: number; lat: number; road: string; place: string } {
  const lon = clampLon(town.lon + (r.normal() * sigmaKm) / 88.5);
  const lat = clampLat(town.lat + (r.normal() * sigmaKm) / 111);
  const s1 = r.pick(town.streets);
  let s2 = r.pick(town.streets);
  if (s2 === s1) s2 = r.pick(['G108', 'G208', 'G307', 'S319', '新华街', '建设路']);
  return { lon, lat, road: s1, place: `${town.county}${s1}与${s2}路口` };
}

/** Where an accident happens: near a road or somewhere around a town. Not rounded. */
export interface AccidentPlace { lon: number; lat: number; road: string; expressway: boolean; km: number | null }

/** A point near a random road: a wide lateral spread (σ 1.5 km) around a point on it. */
export function nearRoad(r: Rng): AccidentPlace {
  const rp = roadPoint(r);
  const lon = clampLon(rp.lon + (r.normal() * 1.5) / 88.6);
  const lat = clampLat(rp.lat + (r.normal() * 1.5) / 111);
  return { lon, lat, road: rp.road.name, expressway: rp.road.expressway, km: rp.km };
}

/** Half near a road, half within 12 km of a county seat (榆次 weighted up). */
export function accidentPlace(r: Rng): AccidentPlace {
  if (r.chance(0.5)) return nearRoad(r);
  const town = r.chance(0.25) ? TOWNS[0] : r.pick(TOWNS);
  const rad = 12 * Math.sqrt(r.next()), ang = r.next() * 2 * Math.PI;
  const lon = clampLon(town.lon + (rad * Math.cos(ang)) / 88.6);
  const lat = clampLat(town.lat + (rad * Math.sin(ang)) / 111);
  return { lon, lat, road: r.pick(town.streets), expressway: false, km: null };
}

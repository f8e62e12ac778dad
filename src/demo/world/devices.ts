// The detachment's enforcement cameras: speed cameras along roads, the other kinds at town junctions.
import type { Rng } from '../rng.ts';
import type { Device, World } from './world.ts';
import { ROADS, TOWNS, nearestTown, roadPoint, round6, townPoint, unitAt } from './geography.ts';

/** How common each camera kind is. */
const DEVICE_KIND_WEIGHTS: [string, number][] = [
  ['闯红灯', 30], ['超速', 12], ['区间测速', 4], ['违法停车', 12], ['不按导向车道', 8], ['压实线', 10],
  ['逆行', 5], ['违反禁令标志', 7], ['不礼让行人', 7], ['多功能', 5],
];

/** A reviewed, announced camera in service all period unless `o` says otherwise. */
export function newDevice(w: World, r: Rng, kind: string, o: Partial<Device> = {}): Device {
  let lon: number, lat: number, road: string, place: string, unit: string;
  if (kind === '超速' || kind === '区间测速') {
    const rp = roadPoint(r, o.road ? ROADS.find((x) => x.name === o.road) : undefined);
    lon = rp.lon; lat = rp.lat; road = rp.road.name;
    const town = nearestTown(lon, lat);
    place = `${town.county}${road}K${Math.floor(rp.km)}+${String(r.int(1000)).padStart(3, '0')}`;
    unit = unitAt(lon, lat, rp.road.expressway);
  } else {
    const town = r.chance(0.3) ? TOWNS[0] : r.pick(TOWNS);
    const p = townPoint(r, town, 1.2);
    lon = p.lon; lat = p.lat; road = p.road; place = p.place;
    unit = unitAt(lon, lat);
  }
  const enabledOn = w.from - r.between(60, 2500);
  const speed = kind === '超速' || kind === '区间测速';
  const d: Device = {
    id: w.ids.deviceId(r), name: `${place}${kind}`, kind, unit, road, place, lon: round6(lon), lat: round6(lat),
    speedLimit: speed ? r.pick([60, 80, 100, 120]) : null,
    enabledOn, review: '已审核', announcedOn: enabledOn - r.between(1, 40),
    calibUntil: speed ? w.asOf + r.between(60, 500) : null,
    funding: r.chance(0.8) ? '政府投资' : r.chance(0.5) ? '社会资金' : '企业租赁', ext: null, status: '在用',
    weight: r.uniform(0.6, 1.5), activeFrom: w.from, activeTo: w.to,
    ...o,
  };
  if (d.funding !== '政府投资' && !('ext' in o)) d.ext = r.chance(0.5) ? '某科技公司非现场执法平台' : null;
  d.activeFrom = Math.max(d.activeFrom, d.enabledOn, w.from);
  w.devices.push(d);
  w.deviceById.set(d.id, d);
  return d;
}

export function buildDevices(w: World): void {
  const r = w.rng.fork(3);
  const n = 300 + Math.round(300 * Math.min(1, w.scale));
  // Speed cameras on the same roads (duplicate-penalty scenarios need pairs on one road).
  for (const road of ['大运高速', '大运高速', '大运高速', 'G108', 'G108', 'G108', '太长高速', '太长高速']) newDevice(w, r, '超速', { road });
  while (w.devices.length < n) {
    const kind = DEVICE_KIND_WEIGHTS[r.weighted(DEVICE_KIND_WEIGHTS.map((x) => x[1]))][0];
    const x = r.next();
    if (x < 0.04) {
      // Switched off long ago: reviewed, captures nothing.
      newDevice(w, r, kind, { status: '停用', activeFrom: w.to + 1, activeTo: w.from - 1 });
    } else if (x < 0.08) {
      // Enabled during the period, announced before it was enabled.
      const en = w.from + r.between(5, Math.max(6, w.to - w.from - 30));
      newDevice(w, r, kind, { enabledOn: en, announcedOn: en - r.between(3, 20) });
    } else {
      newDevice(w, r, kind);
    }
  }
}

/** Background devices that can be borrowed by planted scenarios (clean, active all period). */
export function plainDevices(w: World, kind?: string | ((k: string) => boolean)): Device[] {
  return w.devices.filter((d) => !d.special && d.status === '在用' && d.activeFrom === w.from && d.activeTo === w.to &&
    (kind === undefined || (typeof kind === 'string' ? d.kind === kind : kind(d.kind))));
}

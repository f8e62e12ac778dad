// Planted cases and honest look-alikes of point-trading (the rule: src/rules/point-trading.ts).
import type { Rng } from '../rng.ts';
import { at } from '../time.ts';
import type { Driver, Vehicle, World } from '../world/world.ts';
import { newDriver, newVehicle, privateCar, company } from '../world/population.ts';
import { plainDevices } from '../world/devices.ts';
import { timeOn } from '../world/rhythm.ts';
import { span, car, penalty, truth, lookalike } from './kit.ts';

export function plantPointTrading(w: World, r: Rng): void {
  const C = 'point-trading';
  const devs = plainDevices(w, (k) => k !== '违法停车');
  const clerks = w.byPost.get('违法处理')!;
  const lastOk = span(w) - 12;
  const takePenalties = (L: Driver, vs: Vehicle[], o: { sitting?: boolean; pre?: boolean; big?: boolean } = {}) => {
    const clerk = r.pick(clerks);
    const sitDay = w.from + r.between(Math.min(lastOk, 40), lastOk);
    for (const v of vs) {
      const day = o.pre ? w.from - r.between(5, 25) : o.sitting ? sitDay - r.between(3, 30) : w.dayIn(r, 0, lastOk);
      const dev = o.big ? r.pick(devs.filter((d) => d.kind === '闯红灯')) : r.pick(devs);
      const t = timeOn(r, day, 7, 21);
      const pt = o.sitting || o.pre ? at(o.pre ? w.from + r.between(1, 10) : sitDay, 10, r.between(0, 50), r.int(60)) : undefined;
      penalty(w, r, dev, v, t, L.lic, pt, o.sitting || o.pre ? clerk : undefined);
    }
  };
  for (let i = 0; i < w.k; i++) {
    const L = newDriver(w, r, { local: i % 3 !== 2 });
    const n = 3 + (i % 4);
    const vs = Array.from({ length: n }, () => car(w, r));
    if (i % 4 === 3) newVehicle(w, r, { owner: L, drivers: [L.lic] }); // owns a car too: still ≥3 other owners
    takePenalties(L, vs, { sitting: i % 2 === 0, pre: i === 1, big: i === 0 });
    truth(w, C, 'license', L.lic, i === 1 ? 'high: ≥3 other owners (pre-period violations processed in the period)' : 'high: ≥3 other owners');
  }
  for (let i = 0; i < w.k; i++) {
    const L = newDriver(w, r, { local: false });
    takePenalties(L, [car(w, r), car(w, r)], { sitting: i % 2 === 0 });
    truth(w, C, 'license', L.lic, 'medium (a): 2 other owners, licence issued outside Jinzhong, local private cars');
  }
  for (let i = 0; i < w.k; i++) {
    const broker = newDriver(w, r, { local: true });
    const L = newDriver(w, r, { local: true, phone: broker.phone });
    takePenalties(L, [car(w, r), car(w, r)]);
    truth(w, C, 'license', L.lic, 'medium (b): 2 other owners, phone shared with another licence holder');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const usage = i % 2 === 0 ? '货运' : '公路客运';
    const co = company(w, r, usage === '货运' ? '物流有限公司' : '客运有限责任公司');
    const D = newDriver(w, r, { local: true, classes: 'A2' });
    const vs = Array.from({ length: 5 + i }, () => newVehicle(w, r, { owner: co, type: '01', usage, drivers: [D.lic] }));
    takePenalties(D, vs);
    lookalike(w, C, 'license', D.lic, `one-owner fleet (${usage}): ${vs.length} vehicles of one company`);
  }
  for (let i = 0; i < w.k; i++) {
    const co = company(w, r, '出租汽车有限公司');
    const drivers = Array.from({ length: 3 }, () => newDriver(w, r, { local: true }));
    const taxis = Array.from({ length: 4 }, (_, j) => newVehicle(w, r, { owner: co, type: '02', usage: '出租客运', drivers: [drivers[j % 3].lic, drivers[(j + 1) % 3].lic] }));
    takePenalties(drivers[0], taxis);
    lookalike(w, C, 'license', drivers[0].lic, 'taxi shift driver: 4 taxis of one company');
  }
  for (let i = 0; i < w.k; i++) {
    const { owner } = privateCar(w, r);
    const cars = [w.vehicles[w.vehicles.length - 1], newVehicle(w, r, { owner, drivers: [owner.lic] }), newVehicle(w, r, { owner, drivers: [owner.lic] })];
    const rel = newDriver(w, r, { local: true, region: owner.lic.slice(0, 6) });
    takePenalties(rel, cars);
    lookalike(w, C, 'license', rel.lic, 'family member driving 3 cars of one household owner');
  }
  for (let i = 0; i < w.k; i++) {
    const L = newDriver(w, r, { local: true });
    takePenalties(L, [car(w, r), car(w, r)]);
    lookalike(w, C, 'license', L.lic, 'relative driving cars of two households, local licence, own phone');
  }
  for (let i = 0; i < w.k; i++) {
    const L = newDriver(w, r, { local: false });
    const own = newVehicle(w, r, { owner: L, plate: w.ids.plate(r, L.issuer, 'normal'), drivers: [L.lic] });
    takePenalties(L, [car(w, r), car(w, r), own]);
    lookalike(w, C, 'license', L.lic, 'two other owners, non-local licence, but owns a vehicle (1.3 needs owns none)');
  }
  for (let i = 0; i < w.k; i++) {
    const { owner, v } = privateCar(w, r);
    const v2 = newVehicle(w, r, { owner, drivers: [owner.lic] });
    takePenalties(owner, [v, v2, car(w, r)]);
    lookalike(w, C, 'license', owner.lic, "own vehicles plus one other owner's car");
  }
}

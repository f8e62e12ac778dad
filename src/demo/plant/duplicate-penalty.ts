// Planted cases and honest look-alikes of duplicate-penalty (the rule: src/rules/duplicate-penalty.ts).
import type { Rng } from '../rng.ts';
import { DAY, MIN, at } from '../time.ts';
import type { IdRef } from '../writer.ts';
import type { Device, World } from '../world/world.ts';
import { plainDevices } from '../world/devices.ts';
import { capture, markVoided, addViolation, addVideo, recording, fineFor } from '../world/rows.ts';
import { townOf, townPoint } from '../world/geography.ts';
import { CODE } from '../world/reference.ts';
import { span, car, truth, lookalike, onSiteTicket } from './kit.ts';

export function plantDuplicatePenalty(w: World, r: Rng): void {
  const C = 'duplicate-penalty';
  const parking = plainDevices(w, '违法停车');
  const speed = plainDevices(w, (k) => k === '超速' || k === '区间测速');
  const byRoad = new Map<string, Device[]>();
  for (const d of speed) { const a = byRoad.get(d.road) ?? []; a.push(d); byRoad.set(d.road, a); }
  const roads = [...byRoad.entries()].filter(([, a]) => a.length >= 2).map(([k]) => k).sort();
  const pair = (d1: Device, d2: Device, t1: number, gap: number, o: { code?: string; laterVoided?: boolean } = {}): IdRef => {
    const v = car(w, r);
    const code = o.code ?? (d1.kind === '违法停车' ? '1039' : r.pick(['1352', '1636']));
    addViolation(w, capture(w, r, d1, v, t1, { code, fine: fineFor(r, code), points: CODE.get(code)!.points }));
    const row = capture(w, r, d2, v, t1 + gap, { code, fine: fineFor(r, code), points: CODE.get(code)!.points });
    if (o.laterVoided) markVoided(row, r.pick(w.byPost.get('科技设备')!), t1 + gap + 2 * DAY, '设备故障，重复抓拍');
    return addViolation(w, row);
  };
  const t0 = () => at(w.dayIn(r, 0, span(w) - 2), r.between(8, 20), r.int(60), r.int(60));
  const gapsP = [30 * MIN, 90 * MIN, 120 * MIN, 61 * MIN];
  for (let j = 0; j < w.k; j++) {
    const d = r.pick(parking);
    const g = gapsP[j % gapsP.length];
    truth(w, C, 'violation', pair(d, d, t0(), g), g === 120 * MIN ? 'parking: same camera and code, exactly 2 h later' : 'parking: same camera and code within 2 h');
  }
  const gapsS = [3 * MIN, 7 * MIN, 10 * MIN, 5 * MIN];
  for (let j = 0; j < w.k; j++) {
    const a = byRoad.get(roads[j % roads.length])!;
    const g = gapsS[j % gapsS.length];
    truth(w, C, 'violation', pair(a[0], a[1], t0(), g), g === 10 * MIN ? 'speeding: two cameras on one road, exactly 10 min' : 'speeding: two cameras on one road within 10 min');
  }
  {
    const d = r.pick(parking);
    truth(w, C, 'violation', pair(d, d, at(w.to, 23, 40), 40 * MIN), 'parking pair across the period end (later record after the period)');
  }
  // Look-alikes.
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); lookalike(w, C, 'violation', pair(d, d, t0(), DAY + r.between(-60, 60) * MIN), 'parking recapture the next day'); }
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); lookalike(w, C, 'violation', pair(d, d, t0(), 121 * MIN), 'parking recapture 2 h 1 min later'); }
  for (let j = 0; j < w.k; j++) { const d = r.pick(parking); lookalike(w, C, 'violation', pair(d, d, t0(), 30 * MIN, { laterVoided: true }), 'later record already voided'); }
  for (let j = 0; j < w.k; j++) {
    const a = byRoad.get(roads[j % roads.length])!;
    lookalike(w, C, 'violation', pair(a[0], a[1], t0(), 11 * MIN), 'speeding: same road, 11 min apart');
  }
  for (let j = 0; j < w.k; j++) {
    const r1 = roads[j % roads.length], r2 = roads[(j + 1) % roads.length];
    if (r1 === r2) break;
    lookalike(w, C, 'violation', pair(byRoad.get(r1)![0], byRoad.get(r2)![0], t0(), 6 * MIN), 'speeding: two cameras on different roads within 10 min');
  }
  const offs = w.byPost.get('路面执勤')!;
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const o = r.pick(offs);
    const v = car(w, r);
    const t = t0();
    const p = townPoint(r, townOf(o.unit));
    let ref: IdRef = {};
    for (const dt of [0, 40 * MIN]) {
      ref = addViolation(w, onSiteTicket(w, o, v, t + dt, p, { code: '1042', fine: 150, points: 0, processedAfter: 10 * MIN }));
      addVideo(w, recording(r, o, t + dt - 2 * MIN, t + dt + 14 * MIN, { linked_id: ref, tag: '违法处理' }));
    }
    lookalike(w, C, 'violation', ref, 'two on-site tickets 40 min apart (on-site is exempt)');
  }
}

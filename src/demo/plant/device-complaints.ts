// Planted cases and honest look-alikes of device-complaints (the rule: src/rules/device-complaints.ts).
import type { Rng } from '../rng.ts';
import { DAY } from '../time.ts';
import type { Device, World } from '../world/world.ts';
import { plainDevices } from '../world/devices.ts';
import { COMPLAINT_DEVICE, COMPLAINT_OFFICER } from '../world/reference.ts';
import { quarters } from '../background/opinions.ts';
import { truth, lookalike } from './kit.ts';

export function plantDeviceComplaints(w: World, r: Rng): void {
  const C = 'device-complaints';
  const pool = r.shuffle(plainDevices(w).slice());
  let n = 0;
  const take = () => { const d = pool[n++]; w.complaintDevices.add(d.id); return d; };
  const complain = (d: Device, day: number, kind = '投诉') => {
    w.opinions.push({ row: { received_on: day, unit_code: d.unit, channel: r.pick(['12345热线', '12123', '信访', '网络征集']), kind, device_id: d.id, content: kind === '投诉' ? r.pick(COMPLAINT_DEVICE) : '建议该路口设备增设提示标志', outcome: '已转科技科核查' }, t: day * DAY, ref: {} });
  };
  for (let j = 0; j < w.k; j++) {
    const d = take();
    const cnt = j === 0 ? 8 : j === 1 ? 9 : 3 + (j % 3);
    for (let q = 0; q < cnt; q++) complain(d, w.dayIn(r));
    truth(w, C, 'device', d.id, cnt >= 8 ? `${cnt} complaints (high)` : `${cnt} complaints`);
  }
  for (let j = 0; j < w.k; j++) {
    const d = take();
    complain(d, w.dayIn(r)); complain(d, w.dayIn(r));
    lookalike(w, C, 'device', d.id, 'exactly 2 complaints');
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
    lookalike(w, C, 'device', d.id, '4 意见建议 naming the device, 1 complaint');
  }
  for (let j = 0; j < w.k; j++) {
    const d = take();
    for (let q = 0; q < 4; q++) complain(d, w.from - r.between(5, 60));
    lookalike(w, C, 'device', d.id, '4 complaints, all received before the period');
  }
  const offs = w.byPost.get('路面执勤')!;
  for (let j = 0; j < Math.max(2, Math.ceil(w.k / 2)); j++) {
    const o = r.pick(offs);
    for (let q = 0; q < 5; q++) w.opinions.push({ row: { received_on: w.dayIn(r), unit_code: o.unit, channel: '12345热线', kind: '投诉', officer_id: o.id, content: r.pick(COMPLAINT_OFFICER), outcome: '已调查' }, t: w.from * DAY, ref: {} });
    lookalike(w, C, 'officer', o.id, 'officer named in 5 complaints (no device)');
  }
  // A unit with many complaints spread over its cameras (2 each).
  const byUnit = new Map<string, Device[]>();
  for (const d of pool.slice(n)) { const a = byUnit.get(d.unit) ?? []; a.push(d); byUnit.set(d.unit, a); }
  const [unit, devs] = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  for (const d of devs.slice(0, 5)) { w.complaintDevices.add(d.id); complain(d, w.dayIn(r)); complain(d, w.dayIn(r)); lookalike(w, C, 'device', d.id, `unit ${unit}: many complaints spread over its cameras, 2 for this one`); }
}

function quotaCell(w: World, unit: string, day: number): boolean {
  return quarters(w).some((q) => day >= q.from && day <= q.to && w.quotaPlanted.has(`${unit}/${q.key}`));
}

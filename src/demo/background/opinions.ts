// The clean background of the opinions table: every unit hears opinions each quarter, a few complaints
// name a camera (at most two each) or an officer.
// Part of the clean background: nothing here may raise a warning (planted cases live in plant/).
import { DAY, ymd } from '../time.ts';
import type { World } from '../world/world.ts';
import { UNITS, OPINION_TEXT, COMPLAINT_DEVICE, COMPLAINT_OFFICER } from '../world/reference.ts';

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

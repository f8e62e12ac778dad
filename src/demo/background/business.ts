// The clean background of the vehicle and licence business: window work in office hours by two
// different clerks, online and self-service channels around the clock.
// Part of the clean background: nothing here may raise a warning (planted cases live in plant/).
import type { Rng } from '../rng.ts';
import { MIN, at, isWorkday } from '../time.ts';
import type { DemoRow } from '../writer.ts';
import type { World } from '../world/world.ts';
import { pickOther, staffOf } from '../world/population.ts';
import { U } from '../world/reference.ts';
import { spread } from '../world/rhythm.ts';

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

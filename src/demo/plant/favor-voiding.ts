// Planted cases and honest look-alikes of favor-voiding (the rule: src/rules/favor-voiding.ts).
import type { Rng } from '../rng.ts';
import { HOUR, at } from '../time.ts';
import type { Officer, Vehicle, World } from '../world/world.ts';
import { newDriver, newVehicle, staffOf } from '../world/population.ts';
import { plainDevices } from '../world/devices.ts';
import { capture, markProcessed, markVoided, addViolation } from '../world/rows.ts';
import { U } from '../world/reference.ts';
import { timeOn } from '../world/rhythm.ts';
import { span, car, truth, lookalike } from './kit.ts';

export function plantFavorVoiding(w: World, r: Rng): void {
  const C = 'favor-voiding';
  // Distinct officers for every planted case and look-alike; the 科技科 is kept for the fault batches.
  const first = r.shuffle([...w.byPost.get('违法处理')!, ...w.byPost.get('科技设备')!].filter((o) => o.unit !== U.tech));
  const rest = r.shuffle(w.officers.filter((o) => o.status === '在职' && !o.reserved && o.unit !== U.tech && !first.includes(o) && o.post !== '车驾管'));
  const pool = [...first, ...rest];
  let next = 0;
  // Six groups draw from the pool (2 planted, 4 look-alike): cap each so no officer is ever drawn twice.
  const per = Math.max(1, Math.min(w.k, Math.floor(pool.length / 6)));
  const officer = () => pool[next++ % pool.length];
  const devs = plainDevices(w, (k) => k !== '违法停车');
  const UNGROUNDED = ['其他', '情节轻微', '', '当事人申辩', '情节轻微，予以作废', '当事人申辩，予以作废'];
  const voidOne = (o: Officer, v: Vehicle, reason: string, opts: { night?: boolean; revoke?: boolean; afterPeriod?: boolean } = {}) => {
    const day = w.dayIn(r, 0, span(w) - 8);
    const t = timeOn(r, day, 7, 21);
    const row = capture(w, r, r.pick(devs), v, t);
    let va = at(day + r.between(2, 6), opts.night ? r.pick([22, 23, 0, 1]) : r.between(9, 17), r.int(60));
    if (opts.afterPeriod) va = at(w.to + r.between(2, 8), 10, r.int(60));
    if (opts.revoke) { const pt = at(day + 1, 10, r.int(60)); markProcessed(w, r, row, v.drivers[0], pt); va = Math.max(va, pt + HOUR); }
    markVoided(row, o, va, reason, opts.revoke);
    return addViolation(w, row);
  };
  for (let i = 0; i < per; i++) {
    const o = officer();
    const n = 5 + (i % 3);
    for (let j = 0; j < n; j++) {
      const reason = i % 4 === 2 ? '执行紧急任务' : UNGROUNDED[(i + j) % UNGROUNDED.length];
      voidOne(o, car(w, r), reason, { night: i === 0, revoke: i % 4 === 1, afterPeriod: i % 4 === 3 && j === n - 1 });
    }
    truth(w, C, 'officer', o.id, i % 4 === 2 ? '≥5 voids: 执行紧急任务 claimed for ordinary private cars' : i % 4 === 1 ? '≥5 revocations of processed penalties without ground' : i % 4 === 3 ? '≥5 voids without ground (last one voided after the period, before as-of)' : '≥5 voids without a recognised ground');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    const v = car(w, r);
    voidOne(o, v, UNGROUNDED[i % UNGROUNDED.length]);
    voidOne(o, v, UNGROUNDED[(i + 1) % UNGROUNDED.length]);
    voidOne(o, car(w, r), UNGROUNDED[(i + 2) % UNGROUNDED.length]);
    truth(w, C, 'officer', o.id, '≥3 voids without ground, 2 for the same vehicle');
  }
  // Look-alikes.
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 8; j++) {
      const usage = ['警用', '消防', '救护', '工程救险'][j % 4];
      const co = { id: w.ids.orgId(r), name: '晋中市应急单位' };
      const drv = newDriver(w, r, { local: true });
      const v = newVehicle(w, r, { owner: co, type: usage === '警用' ? '23' : '01', usage, drivers: [drv.lic] });
      voidOne(o, v, r.chance(0.5) ? '执行紧急任务' : '执行紧急任务，' + usage + '车辆出警', { night: true });
    }
    lookalike(w, C, 'officer', o.id, 'reviewer voiding many captures of emergency vehicles (执行紧急任务), at night');
  }
  const tech = r.shuffle([...staffOf(w, U.tech, '科技设备')]);
  for (let i = 0; i < Math.max(2, Math.ceil(w.k / 2)); i++) {
    const o = tech[i % tech.length];
    const dev = devs[r.int(devs.length)];
    for (let j = 0; j < 2; j++) {
      const day = w.dayIn(r, 1, span(w) - 3);
      if (w.faultDays.has(dev.id + '/' + day)) continue;
      w.faultDays.set(dev.id + '/' + day, { officer: o.id });
      for (let q = 0; q < 6; q++) {
        const row = capture(w, r, dev, car(w, r), timeOn(r, day));
        markVoided(row, o, at(day + 1, 10, r.int(60)), '设备故障');
        addViolation(w, row);
      }
    }
    lookalike(w, C, 'officer', o.id, 'technology department voiding whole days of a faulty camera (设备故障)');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 8; j++) voidOne(o, car(w, r), r.pick(['号牌识别错误', '当事人申辩成立，系套牌车辆', '号牌信息错误', '伪造号牌，当事人申辩成立']));
    lookalike(w, C, 'officer', o.id, 'processing clerk voiding misread or cloned plates');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    for (let j = 0; j < 4; j++) voidOne(o, car(w, r), UNGROUNDED[j]);
    lookalike(w, C, 'officer', o.id, '4 voids without ground, all different vehicles (below 5)');
  }
  for (let i = 0; i < per; i++) {
    const o = officer();
    const v = car(w, r);
    voidOne(o, v, '情节轻微');
    voidOne(o, v, '其他');
    lookalike(w, C, 'officer', o.id, '2 ungrounded voids for one vehicle (below 3)');
  }
}

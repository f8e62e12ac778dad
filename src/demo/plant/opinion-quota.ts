// Planted cases and honest look-alikes of opinion-quota (the rule: src/rules/opinion-quota.ts).
import type { Rng } from '../rng.ts';
import { DAY } from '../time.ts';
import type { DemoRow } from '../writer.ts';
import type { World } from '../world/world.ts';
import { UNITS, OPINION_TEXT, COMPLAINT_OFFICER } from '../world/reference.ts';
import { quarters } from '../background/opinions.ts';
import { truth, lookalike } from './kit.ts';

export function plantOpinionQuota(w: World, r: Rng): void {
  const C = 'opinion-quota';
  const qs = quarters(w);
  const cells: { unit: string; q: (typeof qs)[number]; dept: boolean }[] = [];
  for (const q of qs) for (const u of UNITS) cells.push({ unit: u.code, q, dept: u.kind === '支队部门' });
  r.shuffle(cells);
  const depts = cells.filter((c) => c.dept), others = cells.filter((c) => !c.dept);
  const per = Math.max(2, Math.min(w.k, Math.floor(cells.length / 10)));
  let inGroup = 0;
  // Each group of planted/look-alike cells starts with a department (支队部门) so departments are always covered.
  const take = () => {
    const src = inGroup === 0 && depts.length > 0 ? depts : others.length > 0 ? others : depts;
    inGroup = (inGroup + 1) % per;
    const c = src.shift()!;
    w.quotaPlanted.add(`${c.unit}/${c.q.key}`);
    return c;
  };
  const inPeriod = (q: (typeof qs)[number]) => ({ a: Math.max(q.from, w.from), b: Math.min(q.to, w.to) });
  const op = (unit: string, day: number, kind: string, channel: string, extra: DemoRow<'opinions'> = {}) => {
    w.opinions.push({ row: { received_on: day, unit_code: unit, channel, kind, content: kind === '投诉' ? r.pick(COMPLAINT_OFFICER) : r.pick(OPINION_TEXT), outcome: '已答复', ...extra }, t: day * DAY, ref: {} });
  };
  for (let j = 0; j < per; j++) {
    const c = take();
    truth(w, C, 'unit-quarter', `${c.unit}/${c.q.key}`, c.dept ? 'department (支队部门) heard no opinion in the quarter' : 'no opinion in the quarter');
  }
  const offs = w.officers.filter((o) => o.status === '在职');
  for (let j = 0; j < per; j++) {
    const c = take();
    const { a, b } = inPeriod(c.q);
    for (let q = 0; q < 3; q++) {
      const o = offs.find((x) => x.unit === c.unit) ?? r.pick(offs);
      op(c.unit, a + r.int(b - a + 1), '投诉', r.pick(['12345热线', '12123', '信访', '网络征集']), q === 0 ? { officer_id: o.id } : {});
    }
    truth(w, C, 'unit-quarter', `${c.unit}/${c.q.key}`, 'only complaints in the quarter (complaints do not count)');
  }
  for (let j = 0; j < per; j++) {
    const c = take();
    const { b } = inPeriod(c.q);
    op(c.unit, b, '意见建议', j % 2 ? '网络征集' : '问卷');
    lookalike(w, C, 'unit-quarter', `${c.unit}/${c.q.key}`, j % 2 ? 'one online solicitation (网络征集) on the last day' : 'a single opinion on the last day of the quarter in the period');
  }
  const q0 = qs[0];
  if (q0.from < w.from) {
    for (const c of others.filter((x) => x.q === q0).slice(0, Math.min(per, 3))) {
      others.splice(others.indexOf(c), 1);
      w.quotaPlanted.add(`${c.unit}/${c.q.key}`);
      op(c.unit, q0.from + r.int(w.from - q0.from), '意见建议', '座谈会');
      lookalike(w, C, 'unit-quarter', `${c.unit}/${c.q.key}`, 'only opinion dated before --from, in the same quarter');
    }
  }
}

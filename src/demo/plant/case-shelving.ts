// Planted cases and honest look-alikes of case-shelving (the rule: src/rules/case-shelving.ts).
import type { Rng } from '../rng.ts';
import { at, addWorkdays, addWeekdaysNaive, isWorkday } from '../time.ts';
import type { Planted, World } from '../world/world.ts';
import type { AccidentGrid } from '../background/accidents.ts';
import { span, spot, accident, truth, lookalike, type AccOpts } from './kit.ts';

export function plantCaseShelving(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'case-shelving';
  const D = w.asOf;
  const lastPassedWd = (() => { let d = D - 1; while (!isWorkday(d)) d--; return d; })();
  const firstNotPassedWd = (() => { let d = D; while (!isWorkday(d)) d++; return d; })();
  const sceneFor = (n: number, target: number): number | null => {
    for (let s = target - 1; s >= target - 40; s--) if (addWorkdays(s, n) === target && s >= w.from && s <= w.to) return s;
    return null;
  };
  const open = (sceneDay: number, o: Partial<AccOpts>): Planted<'accidents'> => {
    const t = at(sceneDay, r.between(8, 15), r.int(60), r.int(60));
    const loc = spot(w, r, grid, (o.deaths ?? 0) > 0);
    return accident(w, r, { t, ...loc, ...o, row: { determined_at: null, closed_at: null, status: '调查中', ...(o.row ?? {}) } });
  };
  const early = () => w.dayIn(r, 0, Math.max(0, span(w) - 30));
  for (let i = 0; i < w.k; i++) {
    const s = i === 0 ? (sceneFor(10, lastPassedWd) ?? early()) : early();
    const p = open(s, { deaths: i === 1 ? 1 : 0, row: { status: i % 2 === 0 ? '调查中' : '已受理' } });
    truth(w, C, 'accident', p.ref, i === 0 ? 'base: scene + 10 working days passed (deadline the day before as-of)' : i === 1 ? 'base: overdue, fatal (high)' : 'base: scene + 10 working days passed');
  }
  for (let i = 0; i < w.k; i++) {
    const s = w.dayIn(r, 0, Math.max(0, span(w) - 40));
    const ad = Math.min(s + r.between(3, 15), w.to - 10);
    const target = i === 0 ? lastPassedWd : null;
    let adDay = ad;
    if (target !== null) { for (let a = target - 1; a > target - 20; a--) if (addWorkdays(a, 5) === target) { adDay = a; break; } }
    const p = open(Math.min(s, adDay - 1), { row: { appraisal: true, appraisal_done_at: at(adDay, 15, r.int(60)) } });
    truth(w, C, 'accident', p.ref, 'appraisal: conclusion + 5 working days passed');
  }
  for (let i = 0; i < w.k; i++) {
    const s = w.dayIn(r, 0, Math.max(0, span(w) - 60));
    if (addWorkdays(s, 10) + 30 >= D) continue;
    const p = open(s, { row: { extended: true } });
    truth(w, C, 'accident', p.ref, 'extension: extended deadline (+30 days) passed');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { hit_and_run: true, status: '已受理' } });
    truth(w, C, 'accident', p.ref, 'hit-and-run never taken into investigation (已受理): base deadline');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { hit_and_run: true, status: '调查中' } });
    lookalike(w, C, 'accident', p.ref, 'hit-and-run under investigation (调查中)');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { appraisal: true, appraisal_done_at: null } });
    lookalike(w, C, 'accident', p.ref, 'appraisal pending (no conclusion recorded)');
  }
  for (let i = 0; i < w.k; i++) {
    for (let s = D - 45 + i; s < D - 10; s++) {
      const x = addWorkdays(s, 10);
      if (x < D && x + 30 >= D && s >= w.from && s <= w.to) {
        const p = open(s, { row: { extended: true } });
        lookalike(w, C, 'accident', p.ref, 'approved extension not yet run out');
        break;
      }
    }
  }
  const s0 = sceneFor(10, firstNotPassedWd);
  if (s0 !== null) for (let i = 0; i < Math.max(2, w.k - 1); i++) {
    const p = open(s0, { row: { status: i % 2 ? '已受理' : '调查中' } });
    lookalike(w, C, 'accident', p.ref, 'deadline falls on the as-of date itself (not passed)');
  }
  for (let a = firstNotPassedWd - 1; a > firstNotPassedWd - 15; a--) {
    if (addWorkdays(a, 5) === firstNotPassedWd && a <= w.to) {
      const p = open(Math.max(w.from, a - 5), { row: { appraisal: true, appraisal_done_at: at(a, 16, 30) } });
      lookalike(w, C, 'accident', p.ref, 'appraisal deadline falls on the as-of date itself');
      break;
    }
  }
  for (let i = 0; i < w.k; i++) {
    const loc = spot(w, r, grid);
    const t = at(early(), r.between(8, 20), r.int(60));
    const p = accident(w, r, { t, ...loc, procedure: '简易程序', officer: null });
    lookalike(w, C, 'accident', p.ref, 'simple procedure settled by the parties: no officer, no determination');
  }
  for (let i = 0; i < w.k; i++) {
    const s = early();
    const x = addWorkdays(s, 10);
    const loc = spot(w, r, grid);
    const t = at(s, r.between(8, 15), r.int(60));
    const p = accident(w, r, { t, ...loc, row: { determined_at: at(x, 17, 30), closed_at: null, status: '已认定' } });
    lookalike(w, C, 'accident', p.ref, 'determined on the deadline day itself');
  }
  for (let i = 0; i < w.k; i++) {
    const p = open(early(), { row: { status: '已撤销', closed_at: null } });
    lookalike(w, C, 'accident', p.ref, 'case withdrawn (已撤销)');
  }
  // A holiday inside the window: naive weekday arithmetic says overdue, the official calendar does not.
  let h = 0;
  for (let s = w.to; s >= w.from && h < 3; s--) {
    const naive = addWeekdaysNaive(s, 10), real = addWorkdays(s, 10);
    if (naive < D && real >= D) { const p = open(s, {}); lookalike(w, C, 'accident', p.ref, 'public holiday inside the working-day window'); h++; }
    else if (naive + 30 < D && real + 30 >= D) { const p = open(s, { row: { extended: true } }); lookalike(w, C, 'accident', p.ref, 'public holiday inside the working-day window (extended case)'); h++; }
    else if (naive >= D && real < D) { const p = open(s, {}); truth(w, C, 'accident', p.ref, 'base: make-up working day makes it overdue'); h++; }
  }
}

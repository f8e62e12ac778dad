// Planted cases and honest look-alikes of bodycam-deletion (the rule: src/rules/bodycam-deletion.ts).
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN, at, addMonthsSec } from '../time.ts';
import type { World } from '../world/world.ts';
import { addViolation, addVideo, recording } from '../world/rows.ts';
import { townOf, townPoint } from '../world/geography.ts';
import { span, car, truth, lookalike, onSiteTicket } from './kit.ts';

export function plantBodycamDeletion(w: World, r: Rng): void {
  const C = 'bodycam-deletion';
  const road = w.byPost.get('路面执勤')!;
  const legal = w.byPost.get('法制')!;
  const daytime = (day: number) => at(day, r.between(8, 18), r.int(60), r.int(60));
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.dayIn(r, 0, span(w) - 5));
    const e = s + r.between(20, 90) * MIN;
    const del = Math.min(e + r.between(2, 80) * DAY, w.asOfSec - 2 * HOUR);
    truth(w, C, 'video', addVideo(w, recording(r, o, s, e, { status: '已删除', deleted_at: del, deleted_by: r.pick(road).id })), 'non-evidence recording deleted before 6 months');
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const t = daytime(w.dayIn(r, 0, span(w) - 5));
    const v = car(w, r);
    const p = townPoint(r, townOf(o.unit));
    const tref = addViolation(w, onSiteTicket(w, o, v, t, p, { code: '1223', fine: 50, points: 2, processedAfter: 9 * MIN }));
    const e = t + 15 * MIN;
    let del = e + r.between(1, 60) * DAY;
    let label = 'evidence recording (filed under a ticket) deleted';
    if (j === 0) { del = at(w.to + r.between(1, 8), 11, r.int(60)); label = 'evidence recording deleted after the period, before the as-of date'; }
    const late = addMonthsSec(e, 6) + 2 * DAY;
    if (j === 1 && late < w.asOfSec) { del = late; label = 'evidence recording deleted after 6 months (evidence is kept forever)'; }
    del = Math.min(del, w.asOfSec - HOUR);
    truth(w, C, 'video', addVideo(w, recording(r, o, t - MIN, e, { linked_id: tref, tag: '违法处理', status: '已删除', deleted_at: del, deleted_by: r.pick(legal).id })), label);
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.from - r.between(200, 330));
    const e = s + r.between(20, 60) * MIN;
    const del = Math.max(addMonthsSec(e, 6) + DAY, at(w.dayIn(r), 10, r.int(60)));
    lookalike(w, C, 'video', addVideo(w, recording(r, o, s, e, { status: '已删除', deleted_at: Math.min(del, w.asOfSec - HOUR), deleted_by: r.pick(road).id })), 'previous-year patrol recording deleted in the period');
  }
  for (let j = 0; j < w.k; j++) {
    const o = r.pick(road);
    const s = daytime(w.from + j);
    const e = s + 30 * MIN;
    const del = addMonthsSec(e, 6) + (j === 0 ? 0 : r.between(1, 30) * MIN);
    if (del >= w.asOfSec || Math.floor(s / DAY) > w.to) break;
    lookalike(w, C, 'video', addVideo(w, recording(r, o, s, e, { status: '已删除', deleted_at: del, deleted_by: r.pick(road).id })), j === 0 ? 'non-evidence recording deleted exactly 6 months after its end' : 'non-evidence recording deleted after 6 months');
  }
}

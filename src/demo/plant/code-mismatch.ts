// Planted cases and honest look-alikes of code-mismatch (the rule: src/rules/code-mismatch.ts).
import type { Rng } from '../rng.ts';
import { MIN, at } from '../time.ts';
import type { IdRef } from '../writer.ts';
import type { Device, World } from '../world/world.ts';
import { plainDevices } from '../world/devices.ts';
import { capture, addViolation, addVideo, recording, type Violation } from '../world/rows.ts';
import { townOf, townPoint } from '../world/geography.ts';
import { car, truth, lookalike, onSiteTicket } from './kit.ts';

export function plantCodeMismatch(w: World, r: Rng): void {
  const C = 'code-mismatch';
  const of = (k: string) => plainDevices(w, k);
  const t0 = () => at(w.dayIn(r), r.between(7, 21), r.int(60), r.int(60));
  const cap = (d: Device, o: Violation) => addViolation(w, capture(w, r, d, car(w, r), t0(), o));
  const bad: [string, () => IdRef][] = [
    ['code not in the code table', () => cap(r.pick(of('闯红灯')), { code: '1399', fine: 200, points: 3 })],
    ['points differ from the table', () => cap(r.pick(of('闯红灯')), { code: '1625', fine: 200, points: 3 })],
    ['fine above the range', () => cap(r.pick(of('闯红灯')), { code: '1625', fine: 300, points: 6 })],
    ['fine below the range', () => cap(r.pick(of('不礼让行人')), { code: '1357', fine: 50, points: 3 })],
    ['device kind not allowed for the code', () => cap(r.pick(of('闯红灯')), { code: '1301', fine: 200, points: 3 })],
    ['on-site-only code captured by a camera', () => cap(r.pick(of('多功能')), { code: '1240', fine: 50, points: 2 })],
    ['多功能 capturing a code that does not list 多功能', () => cap(r.pick(of('多功能')), { code: '1721', fine: 1500, points: 12 })],
  ];
  for (let j = 0; j < Math.max(w.k, bad.length); j++) { const [l, f] = bad[j % bad.length]; truth(w, C, 'violation', f(), l); }
  const offs = w.byPost.get('路面执勤')!;
  const good: [string, () => IdRef][] = [
    ['fine in the middle of the range', () => cap(r.pick(of('超速')), { code: '1352', fine: 125, points: 3 })],
    ['多功能 capturing a listed code', () => cap(r.pick(of('多功能')), { code: '1039', fine: 100, points: 0 })],
    ['zero-point code recorded with 0 points', () => cap(r.pick(of('违法停车')), { code: '1039', fine: 150, points: 0 })],
    ['on-site ticket with a camera code', () => {
      const o = r.pick(offs); const v = car(w, r); const t = t0(); const p = townPoint(r, townOf(o.unit));
      const ref = addViolation(w, onSiteTicket(w, o, v, t, p, { code: '1625', fine: 200, points: 6, processedAfter: 10 * MIN }));
      addVideo(w, recording(r, o, t - MIN, t + 13 * MIN, { linked_id: ref, tag: '违法处理' }));
      return ref;
    }],
  ];
  for (let j = 0; j < Math.max(w.k, good.length); j++) { const [l, f] = good[j % good.length]; lookalike(w, C, 'violation', f(), l); }
}

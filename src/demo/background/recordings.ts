// Patrol recordings not tied to any ticket or accident.
// Part of the clean background: nothing here may raise a warning (planted cases live in plant/).
import { MIN, at } from '../time.ts';
import type { World } from '../world/world.ts';
import { recording } from '../world/rows.ts';

export function backgroundPatrols(w: World): void {
  const r = w.rng.fork(40);
  const n = Math.max(50, Math.round(8000 * w.scale * w.months));
  const road = w.byPost.get('路面执勤')!;
  for (let i = 0; i < n; i++) {
    const day = w.dayIn(r);
    const o = r.pick(road);
    const s = at(day, r.between(7, 20), r.int(60), r.int(60));
    const e = s + r.between(10 * MIN, 120 * MIN);
    w.videos.push({ row: recording(r, o, s, e, { tag: r.pick(['巡逻执勤', '巡逻执勤', '其他', '考试查验']) }), t: s, ref: {} });
  }
}

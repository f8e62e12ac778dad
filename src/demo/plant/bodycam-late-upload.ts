// Planted cases and honest look-alikes of bodycam-late-upload (the rule: src/rules/bodycam-late-upload.ts).
import type { Rng } from '../rng.ts';
import { HOUR, MIN, at } from '../time.ts';
import type { IdRef } from '../writer.ts';
import type { World } from '../world/world.ts';
import { addVideo, recording } from '../world/rows.ts';
import { span, truth, lookalike } from './kit.ts';

export function plantBodycamLateUpload(w: World, r: Rng): void {
  const C = 'bodycam-late-upload';
  const road = w.byPost.get('路面执勤')!;
  const rec = (hoursLate: number | null, long = false): IdRef => {
    const o = r.pick(road);
    const s = at(w.dayIn(r, 0, span(w) - 3), r.between(7, 12), r.int(60), r.int(60));
    const e = s + (long ? 10 * HOUR : r.between(15, 90) * MIN);
    return addVideo(w, recording(r, o, s, e, { uploaded_at: hoursLate === null ? null : e + Math.round(hoursLate * HOUR) }));
  };
  const late: [number | null, string][] = [[24 + 1 / 60, 'uploaded 24 h 1 min after end'], [30, 'uploaded > 24 h after end'], [50, 'uploaded > 24 h after end'], [80, 'uploaded > 72 h after end (high)'], [null, 'never uploaded, 24 h passed']];
  for (let j = 0; j < Math.max(w.k, late.length); j++) { const [h, l] = late[j % late.length]; truth(w, C, 'video', rec(h), l); }
  for (let j = 0; j < w.k; j++) lookalike(w, C, 'video', rec(23 + 59 / 60), 'uploaded 23 h 59 min after end');
  for (let j = 0; j < w.k; j++) lookalike(w, C, 'video', rec(20, true), 'long (10 h) recording uploaded 20 h after its end (30 h after its start)');
}

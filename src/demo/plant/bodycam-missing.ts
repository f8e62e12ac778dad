// Planted cases and honest look-alikes of bodycam-missing (the rule: src/rules/bodycam-missing.ts). Its
// look-alike of a late-uploaded own recording is also a planted case of bodycam-late-upload.
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN, at } from '../time.ts';
import type { IdRef } from '../writer.ts';
import type { Officer, World } from '../world/world.ts';
import { staffOf, reservedFor } from '../world/population.ts';
import { markVoided, addViolation, addVideo, recording } from '../world/rows.ts';
import { townOf, townPoint } from '../world/geography.ts';
import { U, CODE } from '../world/reference.ts';
import type { AccidentGrid } from '../background/accidents.ts';
import { span, car, spot, accident, truth, lookalike, onSiteTicket } from './kit.ts';

export function plantBodycamMissing(w: World, grid: AccidentGrid, r: Rng): void {
  const C = 'bodycam-missing';
  const road = reservedFor(w, '路面执勤');
  const accOff = reservedFor(w, '事故处理');
  const busy = new Map<string, number[]>();
  // One officer's planted tickets/accidents lie > 4 h apart so that the recordings planted around one (up to
  // 95 min before / 80 min after) never fall within 30 min of another. Random first; when an officer's calendar
  // is nearly full (many cases, a short period), the first free whole hour, daytime first, then any hour.
  const slot = (o: Officer): number => {
    const b = busy.get(o.id) ?? [];
    busy.set(o.id, b);
    const free = (t: number) => b.every((x) => Math.abs(x - t) > 4 * HOUR);
    for (let tries = 0; tries < 1000; tries++) {
      const t = at(w.dayIn(r, 1, span(w) - 3), r.between(8, 19), r.int(60), r.int(60));
      if (free(t)) { b.push(t); return t; }
    }
    for (const [h0, h1] of [[8, 19], [0, 23]]) {
      for (let d = 1; d <= span(w) - 3; d++) for (let h = h0; h <= h1; h++) {
        const t = at(w.from + d, h, 0, 0);
        if (free(t)) { b.push(t); return t; }
      }
    }
    throw new Error(`demo: officer ${o.id} has no free 4-hour slot left; use a smaller scale or more months`);
  };
  const ticket = (o: Officer, t: number, code = '1240') => {
    const v = car(w, r);
    const p = townPoint(r, townOf(o.unit));
    return onSiteTicket(w, o, v, t, p, { code, fine: CODE.get(code)!.fineMin, points: CODE.get(code)!.points, processedAfter: 8 * MIN });
  };
  let i = 0;
  const nextRoad = () => road[i++ % road.length];
  const others = w.byPost.get('路面执勤')!;
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const row = ticket(o, slot(o));
    if (j === 1) markVoided(row, r.pick(staffOf(w, U.legal, '法制')), row.occurred_at + 2 * DAY, '当事人申辩成立，系套牌车辆');
    truth(w, C, 'violation', addViolation(w, row), j === 1 ? 'on-site ticket without recording (ticket later voided)' : 'on-site ticket without any recording');
  }
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = addViolation(w, ticket(o, t));
    addVideo(w, recording(r, r.pick(others), t - 20 * MIN, t + 30 * MIN));
    truth(w, C, 'violation', ref, "only another officer's recording, not filed under the ticket");
  }
  /** k tickets, each with the officer's own recording before it (odd j) or after it (even j), minutes from the ticket. */
  const ownRecording = (before: [number, number], after: [number, number], mark: (ref: IdRef) => void) => {
    for (let j = 0; j < w.k; j++) {
      const o = nextRoad();
      const t = slot(o);
      const ref = addViolation(w, ticket(o, t));
      const [a, b] = j % 2 ? before : after;
      addVideo(w, recording(r, o, t + a * MIN, t + b * MIN));
      mark(ref);
    }
  };
  ownRecording([-95, -31], [43, 80], (ref) => truth(w, C, 'violation', ref, 'own recording outside the ±30 min window'));
  for (let j = 0; j < w.k; j++) {
    const o = accOff[j % accOff.length];
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: slot(o), ...loc, officer: o, procedure: j % 2 ? '一般程序' : '简易程序', record: 'none' });
    truth(w, C, 'accident', p.ref, 'attended accident without recording');
  }
  // Look-alikes.
  ownRecording([-80, -25], [38, 70], (ref) => lookalike(w, C, 'violation', ref, 'own recording within the 30-min slack'));
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = addViolation(w, ticket(o, t));
    addVideo(w, recording(r, r.pick(others), t - 2 * MIN, t + 15 * MIN, { linked_id: ref, tag: '违法处理' }));
    lookalike(w, C, 'violation', ref, "another officer's recording filed under the ticket");
  }
  for (let j = 0; j < w.k; j++) {
    const o = accOff[j % accOff.length];
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: slot(o), ...loc, officer: o, procedure: '一般程序', record: 'assistant-linked' });
    lookalike(w, C, 'accident', p.ref, "assistant's recording filed under the case");
  }
  for (let j = 0; j < w.k; j++) {
    const loc = spot(w, r, grid);
    const p = accident(w, r, { t: at(w.dayIn(r), r.between(7, 21), r.int(60)), ...loc, procedure: '简易程序', officer: null });
    lookalike(w, C, 'accident', p.ref, 'settled by the parties, no officer attended');
  }
  for (let j = 0; j < w.k; j++) {
    const o = nextRoad();
    const t = slot(o);
    const ref = addViolation(w, ticket(o, t));
    const end = t + 40 * MIN;
    const v = addVideo(w, recording(r, o, t - 10 * MIN, end, { uploaded_at: end + 30 * HOUR }));
    lookalike(w, C, 'violation', ref, 'own recording uploaded late (lateness does not matter for coverage)');
    truth(w, 'bodycam-late-upload', 'video', v, 'uploaded > 24 h after end');
  }
}

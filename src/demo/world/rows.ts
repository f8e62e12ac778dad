// Records of the demo world: camera captures, their processing and voiding, recordings. Defaults make a
// clean record; the caller overrides what its scenario needs.
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN } from '../time.ts';
import type { DemoRow, IdRef } from '../writer.ts';
import { push, type Device, type Officer, type Vehicle, type World } from './world.ts';
import { staffOf } from './population.ts';
import { CODE, KIND_CODES, U } from './reference.ts';

export type Violation = DemoRow<'violations'>;
/** A violation with its time: planted violations are written in the time order of their day. */
export type TimedViolation = Violation & { occurred_at: number };
/** A recording with its start: recordings are written in time order. */
export type TimedVideo = DemoRow<'videos'> & { started_at: number };

/** A code a camera of this kind captures, with the usual frequencies. */
function codeFor(r: Rng, kind: string): string {
  const list = KIND_CODES[kind];
  return list[r.weighted(list.map((x) => x[1]))][0];
}

/** A fine within the code's range, in steps of about 50 yuan. */
export function fineFor(r: Rng, code: string): number {
  const c = CODE.get(code)!;
  if (c.fineMin === c.fineMax) return c.fineMin;
  const steps = Math.max(1, Math.round((c.fineMax - c.fineMin) / 50));
  return c.fineMin + Math.round((r.int(steps + 1) * (c.fineMax - c.fineMin)) / steps);
}

function reviewerFor(w: World, r: Rng, unit: string): Officer {
  const a = w.byUnitPost.get(unit + '/科技设备') ?? w.byUnitPost.get(unit + '/违法处理') ?? staffOf(w, U.tech, '科技设备');
  return r.pick(a);
}

/** A camera capture row (no id). Status etc. are given by `o`; defaults make a clean, unprocessed record. */
export function capture(w: World, r: Rng, dev: Device, v: Vehicle, t: number, o: Violation = {}): TimedViolation {
  const code = o.code ?? codeFor(r, dev.kind);
  const entered = t + r.between(20 * MIN, 6 * HOUR);
  const reviewedAt = entered + r.between(HOUR, 3 * DAY);
  const reviewer = reviewerFor(w, r, dev.unit);
  return {
    plate: v.plate, plate_type: v.type, occurred_at: t, place: dev.place, road: dev.road, lon: dev.lon, lat: dev.lat,
    code, fine: CODE.get(code) ? fineFor(r, code) : 200, points: CODE.get(code)?.points ?? 3, source: '非现场', device_id: dev.id,
    officer_id: null, entered_at: entered,
    reviewer_id: reviewedAt < w.asOfSec ? reviewer.id : null, reviewed_at: reviewedAt < w.asOfSec ? reviewedAt : null,
    status: '未处理', ...o,
  };
}

/** Mark a row processed by licence `lic` at time `pt` through a channel. */
export function markProcessed(w: World, r: Rng, row: Violation, lic: string, pt: number, channel?: string, clerk?: Officer): void {
  const ch = channel ?? (r.chance(0.45) ? '互联网' : r.chance(0.75) ? '窗口' : '自助机');
  let handler: string | null = null;
  let unit = (row.device_id ? w.deviceById.get(row.device_id)?.unit : (row.officer_id ? w.officerById.get(row.officer_id)?.unit : undefined)) ?? U.dmv;
  if (ch === '窗口') {
    const c = clerk ?? r.pick(w.byPost.get('违法处理')!);
    handler = c.id;
    unit = c.unit;
  }
  row.status = '已处理';
  row.processed_at = pt;
  row.handler_id = handler;
  row.handling_unit = unit;
  row.channel = ch;
  row.license_no = lic;
  row.decision_no = w.ids.decisionNo(unit, pt);
}

/** Mark a row voided (or, for a processed penalty, revoked) by an officer. */
export function markVoided(row: Violation, by: Officer, at: number, reason: string, revoke = false): void {
  row.status = revoke ? '已撤销' : '已作废';
  row.voided_by = by.id;
  row.voided_at = at;
  row.void_reason = reason;
}

/** A planted violation, written in its day's time order; the id arrives in the returned reference. */
export function addViolation(w: World, row: TimedViolation): IdRef {
  const ref: IdRef = {};
  const t = row.occurred_at;
  push(w.plantedViolations, Math.floor(t / DAY), { row, t, ref });
  return ref;
}

export function addVideo(w: World, row: TimedVideo): IdRef {
  const ref: IdRef = {};
  w.videos.push({ row, t: row.started_at, ref });
  return ref;
}

/** A body-camera recording row: uploaded 20 min–10 h after its end unless `o` says otherwise. */
export function recording(r: Rng, officer: Officer, start: number, end: number, o: DemoRow<'videos'> = {}): TimedVideo {
  return {
    camera_id: 'JLY' + officer.id.slice(1), officer_id: officer.id, started_at: start, ended_at: end,
    uploaded_at: end + r.between(20 * MIN, 10 * HOUR), linked_id: null, tag: '巡逻执勤', status: '正常', deleted_at: null, deleted_by: null, ...o,
  };
}

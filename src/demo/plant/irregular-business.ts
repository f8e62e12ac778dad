// Planted cases and honest look-alikes of irregular-business (the rule: src/rules/irregular-business.ts).
import type { Rng } from '../rng.ts';
import { DAY, HOUR, MIN, at, isWorkday } from '../time.ts';
import type { DemoRow, IdRef } from '../writer.ts';
import type { World } from '../world/world.ts';
import { staffOf, pickOther } from '../world/population.ts';
import { plainDevices } from '../world/devices.ts';
import { capture, markProcessed, markVoided, addViolation } from '../world/rows.ts';
import { U } from '../world/reference.ts';
import { windowTime, BUSINESS_UNITS } from '../background/business.ts';
import { span, car, truth, lookalike } from './kit.ts';

/** A business record with its acceptance time: business is written in time order. */
type Business = DemoRow<'business'> & { accepted_at: number };

export function plantIrregularBusiness(w: World, r: Rng): void {
  const C = 'irregular-business';
  const dev = plainDevices(w, '闯红灯');
  const add = (row: Business): IdRef => {
    const ref: IdRef = {};
    w.business.push({ row, t: row.accepted_at, ref });
    return ref;
  };
  const workday = (a = 0, b = span(w) - 5) => { let d = w.dayIn(r, a, b); while (!isWorkday(d)) d++; return d; };
  const two = (unit: string) => { const s = staffOf(w, unit, '车驾管'); const a = r.pick(s); return [a, pickOther(r, s, a, w.byPost.get('车驾管'))]; };
  const base = (kind: string, acc: number, o: DemoRow<'business'> = {}): Business => {
    const unit = o.unit_code ?? r.pick(BUSINESS_UNITS);
    const [a, b] = two(unit);
    const v = r.pick(w.clean);
    const vehicleKind = !kind.startsWith('驾驶') && !['满分学习考试', '恢复驾驶资格'].includes(kind);
    return {
      kind, unit_code: unit, channel: '窗口', accepted_at: acc, acceptor_id: a.id, approver_id: b.id,
      plate: vehicleKind ? v.plate : null, plate_type: vehicleKind ? v.type : null, license_no: vehicleKind ? null : r.pick(w.drivers).lic,
      inspector_id: kind === '注册登记' || kind === '转移登记' ? r.pick(staffOf(w, unit, '车驾管')).id : null,
      inspected_at: kind === '注册登记' || kind === '转移登记' ? acc - 20 * MIN : null,
      completed_at: acc + 40 * MIN, status: '办结', ...o,
    };
  };
  for (let i = 0; i < w.k; i++) {
    const row = base(r.pick(['转移登记', '驾驶证换证', '抵押登记', '核发检验合格标志']), windowTime(r, workday()));
    row.approver_id = row.acceptor_id;
    truth(w, C, 'business', add(row), '(a) window: acceptor = approver');
  }
  const nights: [number, number][] = [[20, 40], [22, 15], [5, 40], [6, 45], [21, 5], [23, 30]];
  for (let i = 0; i < w.k; i++) {
    const [hh, mm] = nights[i % nights.length];
    const row = base(r.pick(['驾驶证换证', '补换领号牌', '变更登记']), at(workday(), hh, mm));
    truth(w, C, 'business', add(row), '(b) window accepting at night (20:00–07:00)');
  }
  for (let i = 0; i < w.k; i++) {
    const kind = i % 2 ? '转移登记' : '注册登记';
    const acc = windowTime(r, workday());
    const row = base(kind, acc);
    const v = i % 3;
    if (v === 0) { row.inspector_id = null; row.inspected_at = null; }
    else if (v === 1) { row.inspected_at = null; }
    else { row.inspected_at = row.completed_at! + 25 * MIN; }
    truth(w, C, 'business', add(row), v === 0 ? '(c) no inspection at all' : v === 1 ? '(c) inspector named but no inspection time' : '(c) inspection after completion');
  }
  const stickerCase = (variant: 'unprocessed' | 'processed-after' | 'lt48' | 'voided' | 'processed-before' | 'returned', channel = '窗口'): IdRef => {
    const v = car(w, r);
    const accDay = workday(25, span(w) - 3);
    const acc = channel === '窗口' ? windowTime(r, accDay) : at(accDay, r.int(24), r.int(60));
    const vt = variant === 'lt48' ? acc - 47 * HOUR : acc - r.between(3, 20) * DAY - r.between(0, 8) * HOUR;
    const row = capture(w, r, r.pick(dev), v, vt);
    if (variant === 'processed-after') markProcessed(w, r, row, v.drivers[0], acc + r.between(2, 4) * DAY);
    if (variant === 'processed-before') markProcessed(w, r, row, v.drivers[0], acc - r.between(2, 20) * HOUR);
    if (variant === 'voided') markVoided(row, r.pick(w.byPost.get('科技设备')!), acc + r.between(1, 5) * DAY, '号牌识别错误');
    addViolation(w, row);
    const b = base('核发检验合格标志', acc, { plate: v.plate, plate_type: v.type, channel });
    if (channel !== '窗口') { b.acceptor_id = null; }
    if (variant === 'returned') { b.status = '退办'; b.completed_at = null; }
    return add(b);
  };
  for (let i = 0; i < w.k; i++) {
    const variant = i % 2 ? 'processed-after' : 'unprocessed';
    const ch = i % 3 === 2 ? '互联网' : '窗口';
    truth(w, C, 'business', stickerCase(variant, ch), variant === 'unprocessed' ? `(d) sticker with an unprocessed violation ≥48 h old (${ch})` : '(d) sticker; violation processed only after acceptance');
  }
  // Look-alikes.
  for (let i = 0; i < w.k; i++) {
    const ch = i % 2 ? '自助机' : '互联网';
    const row = base(ch === '自助机' ? '驾驶证审验' : '驾驶证换证', at(w.dayIn(r), r.pick([21, 22, 23, 0, 2, 5]), r.int(60)), { channel: ch, unit_code: U.dmv });
    row.acceptor_id = null;
    lookalike(w, C, 'business', add(row), `${ch} at night without acceptor`);
  }
  for (let i = 0; i < w.k; i++) {
    const row = base(i % 2 ? '转移登记' : '注册登记', windowTime(r, workday()));
    row.inspector_id = i % 3 === 2 ? row.approver_id : row.acceptor_id;
    lookalike(w, C, 'business', add(row), 'inspector is the acceptor (or approver): allowed');
  }
  for (let i = 0; i < w.k; i++) {
    const row = base(['变更登记', '注销登记', '抵押登记', '补换领号牌'][i % 4], windowTime(r, workday()));
    lookalike(w, C, 'business', add(row), 'business kind that needs no inspection');
  }
  for (let i = 0; i < w.k; i++) {
    const row = base('注册登记', windowTime(r, workday()), { inspector_id: null, inspected_at: null, status: i % 2 ? '受理中' : '退办', completed_at: null });
    lookalike(w, C, 'business', add(row), 'registration returned/in progress without inspection');
  }
  const la: ['lt48' | 'voided' | 'processed-before' | 'returned', string][] = [
    ['lt48', 'sticker: violation only 47 h old at acceptance'], ['voided', 'sticker: outstanding violation later voided'],
    ['processed-before', 'sticker: violation processed before acceptance'], ['returned', 'sticker returned (退办) with outstanding violation'],
  ];
  for (const [variant, label] of la) for (let i = 0; i < Math.max(2, Math.ceil(w.k / 2)); i++) lookalike(w, C, 'business', stickerCase(variant), label);
}

import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './device-calibration.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };

const device = (id: string, extra: Partial<NewRow<'devices'>> = {}): NewRow<'devices'> => ({
  device_id: id, name: `测速${id}`, kind: '超速', unit_code: 'U1', road: 'G208', enabled_on: '2019-01-01',
  review_status: '已审核', announced_on: '2018-12-01', calibration_valid_until: '2021-03-18', status: '在用', ...extra,
});
let seq = 0;
const cap = (device_id: string, occurred_at: string, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: `V${String(++seq).padStart(5, '0')}`, plate: `晋K${seq}`, plate_type: '02', occurred_at,
  code: '1352', source: '非现场', device_id, status: '已处理', ...extra,
});

async function run(devices: NewRow<'devices'>[], violations: NewRow<'violations'>[]) {
  return runRule(rule, { devices, violations }, PERIOD);
}

describe('device-calibration (RULES Part 10)', () => {
  it('a capture on the expiry day itself is fine', async () => {
    expect(await run([device('S1')], [cap('S1', '2021-03-18 23:59:59')])).toEqual([]);
  });

  it('a capture the day after expiry is flagged, with device, first and last capture and the count', async () => {
    const a = cap('S1', '2021-03-19 00:00:01');
    const b = cap('S1', '2021-05-02 10:00:00', { status: '未处理' });
    const out = await run([device('S1')], [cap('S1', '2021-03-18 12:00:00'), b, a, cap('S1', '2021-04-01 08:00:00')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ subject_kind: 'device', subject_id: 'S1', unit: 'U1', severity: 'medium' });
    expect(out[0].evidence).toEqual([{ kind: 'device', id: 'S1' }, { kind: 'violation', id: a.violation_id }, { kind: 'violation', id: b.violation_id }]);
    expect(out[0].title).toContain('3 起');
    expect(out[0].title).toContain('2021-03-18');
  });

  it('区间测速 devices are checked too', async () => {
    const out = await run([device('S2', { kind: '区间测速' })], [cap('S2', '2021-04-01 10:00:00')]);
    expect(out.map((f) => f.subject_id)).toEqual(['S2']);
  });

  it('a voided capture after expiry does not count', async () => {
    const out = await run([device('S1', { status: '停用' })], [
      cap('S1', '2021-03-10 10:00:00'), cap('S1', '2021-04-01 10:00:00', { status: '已作废' }), cap('S1', '2021-04-02 10:00:00', { status: '已撤销' }),
    ]);
    expect(out).toEqual([]);
  });

  it('an expired, switched-off device with no capture after expiry is not flagged', async () => {
    expect(await run([device('S1', { status: '停用' })], [cap('S1', '2021-03-01 10:00:00')])).toEqual([]);
  });

  it('a capture voided only on or after the as-of date still counts (0.2)', async () => {
    const out = await run([device('S1')], [cap('S1', '2021-04-01 10:00:00', { status: '已作废', voided_at: '2021-07-11 00:00:00' })]);
    expect(out.map((f) => f.subject_id)).toEqual(['S1']);
  });

  it('non-speed kinds and speed devices without 检定有效期至 are ignored', async () => {
    const out = await run(
      [device('R1', { kind: '闯红灯' }), device('R2', { kind: '多功能' }), device('S3', { calibration_valid_until: null })],
      [cap('R1', '2021-05-01 10:00:00', { code: '1625' }), cap('R2', '2021-05-01 10:00:00'), cap('S3', '2021-05-01 10:00:00')],
    );
    expect(out).toEqual([]);
  });

  it('captures outside the period are not counted', async () => {
    expect(await run([device('S1', { calibration_valid_until: '2020-06-30' })], [cap('S1', '2020-12-31 10:00:00'), cap('S1', '2021-07-01 00:00:00')])).toEqual([]);
  });

  it('a duplicate record (Part 13.2) landing on the expired, switched-off camera is not a capture of it', async () => {
    const devs = [device('A1', { calibration_valid_until: '2022-01-01' }), device('S1', { status: '停用' })];
    const first = cap('A1', '2021-04-01 08:00:00', { plate: '晋KDUP01' });
    const dupl = cap('S1', '2021-04-01 08:06:00', { plate: '晋KDUP01', code: '1636' });
    expect(await run(devs, [first, dupl])).toEqual([]);
    // … but a second, unrelated capture after expiry is flagged, and only that one is cited
    const other = cap('S1', '2021-04-02 09:00:00');
    const out = await run(devs, [first, dupl, other]);
    expect(out.map((f) => f.evidence)).toEqual([[{ kind: 'device', id: 'S1' }, { kind: 'violation', id: other.violation_id }]]);
    expect(out[0].title).toContain('1 起');
  });

  it('the duplicate exemption is for a switched-off camera only (10.2): an in-use camera with a duplicate after expiry is flagged', async () => {
    const first = cap('A1', '2021-04-01 08:00:00', { plate: '晋KDUP02' });
    const dupl = cap('S1', '2021-04-01 08:06:00', { plate: '晋KDUP02' });
    const inUse = await run([device('A1', { calibration_valid_until: '2022-01-01' }), device('S1')], [first, dupl]);
    expect(inUse.map((f) => [f.subject_id, f.evidence])).toEqual([['S1', [{ kind: 'device', id: 'S1' }, { kind: 'violation', id: dupl.violation_id }]]]);
    const removed = await run([device('A1', { calibration_valid_until: '2022-01-01' }), device('S1', { status: '拆除' })], [first, dupl]);
    expect(removed).toEqual([]);
  });

  it('a same-vehicle capture 11 minutes later, or on another road, is not a duplicate and is flagged', async () => {
    const devs = [device('A1', { calibration_valid_until: '2022-01-01' }), device('A2', { calibration_valid_until: '2022-01-01', road: 'G307' }), device('S1')];
    const later = await run(devs, [cap('A1', '2021-04-01 08:00:00', { plate: '晋KX1' }), cap('S1', '2021-04-01 08:11:00', { plate: '晋KX1' })]);
    expect(later.map((f) => f.subject_id)).toEqual(['S1']);
    const otherRoad = await run(devs, [cap('A2', '2021-04-01 08:00:00', { plate: '晋KX2' }), cap('S1', '2021-04-01 08:05:00', { plate: '晋KX2' })]);
    expect(otherRoad.map((f) => f.subject_id)).toEqual(['S1']);
  });
});

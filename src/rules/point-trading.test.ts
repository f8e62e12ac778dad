import { describe, it, expect } from 'vitest';
import { runRule, H1_2021, type Fixture } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './point-trading.ts';

let seq = 0;
/** A processed penalty of licence `lic` for vehicle `plate` (plate type 02). */
const pen = (lic: string, plate: string, o: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: `V${String(++seq).padStart(4, '0')}`, plate, plate_type: '02', occurred_at: '2021-03-01 10:00:00',
  code: '1625', points: 3, source: '非现场', status: '已处理', processed_at: `2021-03-${String(5 + (seq % 20)).padStart(2, '0')} 10:00:00`,
  handler_id: `H${seq}`, handling_unit: 'U1', channel: '窗口', license_no: lic, ...o,
});
const car = (plate: string, owner: string, o: Partial<NewRow<'vehicles'>> = {}): NewRow<'vehicles'> => ({ plate, plate_type: '02', owner_id: owner, usage: '非营运', ...o });
const drv = (lic: string, o: Partial<NewRow<'drivers'>> = {}): NewRow<'drivers'> => ({ license_no: lic, name: `驾${lic.slice(-2)}`, issuer: '晋K', phone: `139${lic.slice(-8)}`, ...o });

// Owners: 14070219800101aa style ids; licence ids sharing the first 6 characters live in the same county.
const L = (n: number) => `1407021990010100${String(n).padStart(2, '0')}`;
const OW = (n: number) => `1407811980020200${String(n).padStart(2, '0')}`;

async function run(data: Fixture) {
  return runRule(rule, data, H1_2021);
}
const ids = (fs: { subject_id: string }[]) => fs.map((f) => f.subject_id);

describe('point-trading (RULES Part 1)', () => {
  it('1.2: flags a licence taking penalties for three owners as high, with licence, violations and vehicles as evidence', async () => {
    const violations = [pen(L(1), '晋K00001', { handling_unit: 'U2' }), pen(L(1), '晋K00002', { handling_unit: 'U2' }), pen(L(1), '晋K00003')];
    const out = await run({ violations, vehicles: [car('晋K00001', OW(1)), car('晋K00002', OW(2)), car('晋K00003', OW(3))], drivers: [drv(L(1))] });
    expect(ids(out)).toEqual([L(1)]);
    expect(out[0]).toMatchObject({ subject_kind: 'license', unit: 'U2', severity: 'high', rule: 'licence-many-owners' });
    expect(out[0].evidence).toEqual([
      { kind: 'license', id: L(1) },
      ...violations.map((v) => ({ kind: 'violation', id: v.violation_id })),
      { kind: 'vehicle', id: '晋K00001/02' }, { kind: 'vehicle', id: '晋K00002/02' }, { kind: 'vehicle', id: '晋K00003/02' },
    ]);
    expect(out[0].title).toContain('替 3 名车主的 3 辆车处理违法 3 起，记 9 分');
  });

  it('reports the licence as the data spells it (a final lower-case x), while comparing case-insensitively', async () => {
    const lic = '14070219900101001x';
    const violations = [pen(lic, '晋K00011'), pen(lic, '晋K00012'), pen(` ${lic}`, '晋K00013')];
    // the holder's own car, recorded with an upper-case X, is still recognised as the holder's
    const vehicles = [car('晋K00011', OW(1)), car('晋K00012', OW(2)), car('晋K00013', lic.toUpperCase())];
    expect(await run({ violations, vehicles })).toEqual([]);
    const out = await run({ violations, vehicles: [...vehicles.slice(0, 2), car('晋K00013', OW(3))] });
    expect(ids(out)).toEqual([lic]);
    expect(out[0].evidence[0]).toEqual({ kind: 'license', id: out[0].subject_id });
  });

  it('1.4: exempts one owner with many vehicles (a fleet driver), whatever the signs', async () => {
    const vehicles = [1, 2, 3, 4, 5].map((i) => car(`晋K1000${i}`, 'COMPANY1', { usage: '货运' }));
    const violations = vehicles.map((v) => pen(L(2), String(v.plate)));
    expect(await run({ violations, vehicles, drivers: [drv(L(2), { issuer: '冀A', phone: '111' }), drv(L(50), { phone: '111' })] })).toEqual([]);
  });

  it('1.4: exempts two owners without signs (local issuer, own phone)', async () => {
    const out = await run({
      violations: [pen(L(3), '晋K20001'), pen(L(3), '晋K20002'), pen(L(3), '晋K20002')],
      vehicles: [car('晋K20001', OW(1)), car('晋K20002', OW(2))],
      drivers: [drv(L(3)), drv(L(51))],
    });
    expect(out).toEqual([]);
  });

  it('1.3(a): flags two owners + non-local issuer when the vehicles are local private cars, medium', async () => {
    const out = await run({
      violations: [pen(L(4), '晋K30001'), pen(L(4), '晋K30002')],
      vehicles: [car('晋K30001', OW(1)), car('晋K30002', OW(2))],
      drivers: [drv(L(4), { issuer: '冀A' })],
    });
    expect(ids(out)).toEqual([L(4)]);
    expect(out[0]).toMatchObject({ severity: 'medium', rule: 'licence-two-owners-signs' });
    expect(out[0].title).toContain('冀A');
  });

  it('1.3(a): does not apply when a vehicle is not a local private car', async () => {
    const out = await run({
      violations: [pen(L(4), '晋K30001'), pen(L(4), '冀A30002'), pen(L(5), '晋K30003'), pen(L(5), '晋K30004')],
      vehicles: [car('晋K30001', OW(1)), car('冀A30002', OW(2)), car('晋K30003', OW(3)), car('晋K30004', OW(4), { usage: '营运' })],
      drivers: [drv(L(4), { issuer: '冀A' }), drv(L(5), { issuer: '豫D' })],
    });
    expect(out).toEqual([]);
  });

  it('1.3(b): flags two owners + a phone shared with another licence holder', async () => {
    const out = await run({
      violations: [pen(L(6), '晋K40001'), pen(L(6), '晋K40002')],
      vehicles: [car('晋K40001', OW(1)), car('晋K40002', OW(2))],
      drivers: [drv(L(6), { phone: '13800000000' }), drv(L(60), { phone: '13800000000' })],
    });
    expect(ids(out)).toEqual([L(6)]);
    expect(out[0]).toMatchObject({ severity: 'medium', rule: 'licence-two-owners-signs' });
    expect(out[0].title).toContain('联系电话');
  });

  it('ignores the holder\'s own vehicles: own + two others is two owners, and owning a vehicle excludes 1.3', async () => {
    const out = await run({
      violations: [pen(L(7), '晋K50000'), pen(L(7), '晋K50001'), pen(L(7), '晋K50002')],
      vehicles: [car('晋K50000', L(7)), car('晋K50001', OW(1)), car('晋K50002', OW(2))],
      drivers: [drv(L(7), { issuer: '冀A', phone: '222' }), drv(L(70), { phone: '222' })],
    });
    expect(out).toEqual([]);
  });

  it('a licence that owns a vehicle it took no penalty for is still excluded from 1.3 but not from 1.2', async () => {
    const out = await run({
      violations: [pen(L(8), '晋K60001'), pen(L(8), '晋K60002'), pen(L(9), '晋K60001'), pen(L(9), '晋K60002'), pen(L(9), '晋K60003')],
      vehicles: [car('晋K69999', L(8)), car('晋K69998', L(9)), car('晋K60001', OW(1)), car('晋K60002', OW(2)), car('晋K60003', OW(3))],
      drivers: [drv(L(8), { issuer: '冀A' }), drv(L(9), { issuer: '冀A' })],
    });
    expect(ids(out)).toEqual([L(9)]);
    expect(out[0].severity).toBe('high');
  });

  it('counts only 已处理 penalties that occurred or were processed in the period', async () => {
    const vehicles = [car('晋K70001', OW(1)), car('晋K70002', OW(2)), car('晋K70003', OW(3)), car('晋K70004', OW(4))];
    const base = [pen(L(10), '晋K70001'), pen(L(10), '晋K70002')];
    let out = await run({ vehicles, violations: [...base,
      pen(L(10), '晋K70003', { status: '未处理', processed_at: null }),
      pen(L(10), '晋K70004', { occurred_at: '2020-11-01 10:00:00', processed_at: '2020-12-01 10:00:00' })] });
    expect(out).toEqual([]);
    out = await run({ vehicles, violations: [...base,
      pen(L(10), '晋K70004', { occurred_at: '2020-12-20 10:00:00', processed_at: '2021-01-02 10:00:00' })] });
    expect(ids(out)).toEqual([L(10)]);
  });

  it('1.5: raises the score for one sitting, points near 12 and strangers', async () => {
    const vehicles = [car('晋K80001', OW(1)), car('晋K80002', OW(2)), car('晋K80003', OW(3)), car('晋K80004', L(12).slice(0, 6) + '19700101' + '0011'),
      car('晋K80005', L(12).slice(0, 6) + '19700101' + '0012'), car('晋K80006', L(12).slice(0, 6) + '19700101' + '0013')];
    const out = await run({ vehicles, violations: [
      pen(L(11), '晋K80001', { processed_at: '2021-03-05 10:00:00', points: 6 }),
      pen(L(11), '晋K80002', { processed_at: '2021-03-05 10:20:00', points: 3 }),
      pen(L(11), '晋K80003', { processed_at: '2021-03-05 10:40:00', points: 3 }),
      pen(L(12), '晋K80004', { processed_at: '2021-03-05 10:00:00', points: 1 }),
      pen(L(12), '晋K80005', { processed_at: '2021-04-05 10:00:00', points: 1 }),
      pen(L(12), '晋K80006', { processed_at: '2021-05-05 10:00:00', points: 1 }),
    ] });
    expect(ids(out)).toEqual([L(11), L(12)]);
    expect(out[0].score).toBeGreaterThan(out[1].score);
    expect(out[0].title).toContain('集中处理');
  });
  it('1.3: reads the issuer case-insensitively (晋k is local) and compares phones by their digits', async () => {
    const local = await run({
      violations: [pen(L(8), '晋K60001'), pen(L(8), '晋K60002')],
      vehicles: [car('晋K60001', OW(1)), car('晋K60002', OW(2))],
      drivers: [drv(L(8), { issuer: '晋k' })],
    });
    expect(local).toEqual([]);
    const shared = await run({
      violations: [pen(L(9), '晋K70001'), pen(L(9), '晋K70002')],
      vehicles: [car('晋K70001', OW(1)), car('晋K70002', OW(2))],
      drivers: [drv(L(9), { phone: '138-0000-1111' }), drv(L(61), { phone: '138 0000 1111' })],
    });
    expect(ids(shared)).toEqual([L(9)]);
  });
});

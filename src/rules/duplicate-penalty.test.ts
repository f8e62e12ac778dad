import { describe, it, expect } from 'vitest';
import { fixtureStore, runRule, H1_2021 } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { makeContext } from './context.ts';
import { rule } from './duplicate-penalty.ts';

const devices = [
  { device_id: 'DP1', name: '迎宾街违停1', kind: '违法停车', unit_code: 'U1', road: '迎宾街' },
  { device_id: 'DP2', name: '迎宾街违停2', kind: '违法停车', unit_code: 'U1', road: '迎宾街' },
  { device_id: 'DS1', name: 'G307测速1', kind: '超速', unit_code: 'U2', road: 'G307' },
  { device_id: 'DS2', name: 'G307区间', kind: '区间测速', unit_code: 'U3', road: 'G307' },
  { device_id: 'DS3', name: '大运高速测速', kind: '超速', unit_code: 'U2', road: '大运高速' },
  { device_id: 'DM1', name: 'G307多功能', kind: '多功能', unit_code: 'U2', road: 'G307' },
];
const cap = (id: string, device: string, at: string, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: id, plate: '晋K12345', plate_type: '02', occurred_at: at, source: '非现场', device_id: device,
  code: device.startsWith('DP') ? '1039' : '1352', status: '未处理', handling_unit: 'U9', ...extra,
});

async function run(violations: NewRow<'violations'>[]) {
  return runRule(rule, { devices, violations }, H1_2021);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('duplicate-penalty: parking', () => {
  it('a second capture at the same parking camera 1h59 later is flagged, reporting only the later record', async () => {
    const f = await run([cap('V1', 'DP1', '2021-03-01 10:00:00'), cap('V2', 'DP1', '2021-03-01 11:59:00')]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_kind: 'violation', subject_id: 'V2', unit: 'U1', rule: 'parking-repeat', severity: 'medium',
      evidence: [{ kind: 'violation', id: 'V1' }, { kind: 'violation', id: 'V2' }, { kind: 'device', id: 'DP1' }],
    });
    expect(f[0].title).toContain('119 分钟');
  });

  it('exactly 2 h is a duplicate; 2h01 and the next day are not', async () => {
    const f = await run([
      cap('A1', 'DP1', '2021-03-01 10:00:00'), cap('A2', 'DP1', '2021-03-01 12:00:00'),
      cap('B1', 'DP1', '2021-03-05 10:00:00'), cap('B2', 'DP1', '2021-03-05 12:01:00'),
      cap('C1', 'DP1', '2021-03-10 10:00:00'), cap('C2', 'DP1', '2021-03-11 10:00:00'),
    ]);
    expect(ids(f)).toEqual(['A2']);
  });

  it('a different code at the same parking camera, another camera, or another vehicle is not a duplicate', async () => {
    const f = await run([
      cap('V1', 'DP1', '2021-03-01 10:00:00'),
      cap('V2', 'DP1', '2021-03-01 10:30:00', { code: '1042' }),
      cap('V3', 'DP2', '2021-03-01 10:40:00'),
      cap('V4', 'DP1', '2021-03-01 10:50:00', { plate: '晋K99999' }),
      cap('V5', 'DP1', '2021-03-01 11:00:00', { plate_type: '52' }),
    ]);
    expect(f).toEqual([]);
  });

  it('a chain A, B, C one hour apart: B and C are duplicates, each with its earlier partners', async () => {
    const f = await run([
      cap('A', 'DP1', '2021-03-01 10:00:00'), cap('B', 'DP1', '2021-03-01 11:00:00'), cap('C', 'DP1', '2021-03-01 12:30:00'),
    ]);
    expect(ids(f)).toEqual(['B', 'C']);
    expect(f[1].evidence).toEqual([{ kind: 'violation', id: 'B' }, { kind: 'violation', id: 'C' }, { kind: 'device', id: 'DP1' }]);
  });

  it('a later record already voided is not flagged; a voided earlier record pairs with nothing', async () => {
    const f = await run([
      cap('A1', 'DP1', '2021-03-01 10:00:00'), cap('A2', 'DP1', '2021-03-01 10:30:00', { status: '已作废' }),
      cap('B1', 'DP1', '2021-03-02 10:00:00', { status: '已撤销' }), cap('B2', 'DP1', '2021-03-02 10:30:00', { status: '已处理' }),
    ]);
    expect(f).toEqual([]);
  });

  it('a void recorded on or after the as-of date had not happened by then (0.2): the records are still valid penalties', async () => {
    const f = await run([
      cap('A1', 'DP1', '2021-03-01 10:00:00'),
      cap('A2', 'DP1', '2021-03-01 10:30:00', { status: '已作废', voided_at: '2021-07-11 00:00:00' }),
      cap('B1', 'DP1', '2021-03-02 10:00:00', { status: '已撤销', voided_at: '2021-07-12 09:00:00' }),
      cap('B2', 'DP1', '2021-03-02 10:30:00'),
      cap('C1', 'DP1', '2021-03-03 10:00:00'),
      cap('C2', 'DP1', '2021-03-03 10:30:00', { status: '已作废', voided_at: '2021-07-10 23:59:59' }),
    ]);
    expect(ids(f)).toEqual(['A2', 'B2']);
  });

  it('on-site tickets are never duplicates nor partners', async () => {
    const f = await run([
      cap('V1', 'DP1', '2021-03-01 10:00:00', { source: '现场', device_id: null, officer_id: 'P1' }),
      cap('V2', 'DP1', '2021-03-01 10:30:00', { source: '现场', device_id: null, officer_id: 'P1' }),
      cap('V3', 'DP1', '2021-03-02 10:00:00'),
      cap('V4', 'DP1', '2021-03-02 10:30:00', { source: '现场', officer_id: 'P1' }),
    ]);
    expect(f).toEqual([]);
  });

  it('the pair is in scope by its earlier capture: later just after the period end is flagged, earlier before the start is not', async () => {
    const f = await run([
      cap('E1', 'DP1', '2021-06-30 23:30:00'), cap('E2', 'DP1', '2021-07-01 00:30:00'),
      cap('S1', 'DP1', '2020-12-31 23:30:00'), cap('S2', 'DP1', '2021-01-01 00:30:00'),
    ]);
    expect(ids(f)).toEqual(['E2']);
  });
});

describe('duplicate-penalty: speeding', () => {
  it('two different speed cameras on the same road 9 min apart: the later is flagged, unit of its camera', async () => {
    const f = await run([cap('V1', 'DS1', '2021-03-01 10:00:00'), cap('V2', 'DS2', '2021-03-01 10:09:00', { code: '1636' })]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_id: 'V2', unit: 'U3', rule: 'speeding-same-road',
      evidence: [{ kind: 'violation', id: 'V1' }, { kind: 'violation', id: 'V2' }, { kind: 'device', id: 'DS1' }, { kind: 'device', id: 'DS2' }],
    });
  });

  it('exactly 10 min is a duplicate; 10 min 1 s is not', async () => {
    expect(ids(await run([cap('V1', 'DS1', '2021-03-01 10:00:00'), cap('V2', 'DS2', '2021-03-01 10:10:00')]))).toEqual(['V2']);
    expect(await run([cap('V1', 'DS1', '2021-03-01 10:00:00'), cap('V2', 'DS2', '2021-03-01 10:10:01')])).toEqual([]);
  });

  it('cameras on different roads are not a duplicate, even when the violation road text matches', async () => {
    const f = await run([
      cap('V1', 'DS1', '2021-03-01 10:00:00', { road: 'G307' }), cap('V2', 'DS3', '2021-03-01 10:05:00', { road: 'G307' }),
    ]);
    expect(f).toEqual([]);
  });

  it('the same speed camera twice within 10 minutes is not a speeding duplicate', async () => {
    expect(await run([cap('V1', 'DS1', '2021-03-01 10:00:00'), cap('V2', 'DS1', '2021-03-01 10:05:00')])).toEqual([]);
  });

  it('non-speeding codes, a 多功能 camera, or a voided later capture do not form a speeding duplicate', async () => {
    const f = await run([
      cap('A1', 'DS1', '2021-03-01 10:00:00'), cap('A2', 'DS2', '2021-03-01 10:05:00', { code: '1625' }),
      cap('B1', 'DS1', '2021-03-02 10:00:00'), cap('B2', 'DM1', '2021-03-02 10:05:00'),
      cap('C1', 'DS1', '2021-03-03 10:00:00'), cap('C2', 'DS2', '2021-03-03 10:05:00', { status: '已作废' }),
    ]);
    expect(f).toEqual([]);
  });

  it('a chain over three cameras on one road within the window flags each later capture', async () => {
    const more = [...devices, { device_id: 'DS4', name: 'G307测速4', kind: '超速', unit_code: 'U2', road: 'G307' }];
    const store = await fixtureStore({ devices: more, violations: [
      cap('A', 'DS1', '2021-03-01 10:00:00'), cap('B', 'DS2', '2021-03-01 10:08:00'), cap('C', 'DS4', '2021-03-01 10:16:00', { code: '1721' }),
    ] });
    try {
      const f = await rule.run(makeContext(store, { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' }));
      expect(ids(f)).toEqual(['B', 'C']);
      expect(f[1].evidence).toEqual([{ kind: 'violation', id: 'B' }, { kind: 'violation', id: 'C' }, { kind: 'device', id: 'DS2' }, { kind: 'device', id: 'DS4' }]);
    } finally {
      store.close();
    }
  });
});

describe('duplicate-penalty: settings', () => {
  it('a kind listed both as the parking kind and among the speed kinds is grouped both ways', async () => {
    const { DEFAULT_SETTINGS } = await import('./settings.ts');
    const d = DEFAULT_SETTINGS.duplicatePenalty;
    const settings = { ...DEFAULT_SETTINGS, duplicatePenalty: { ...d, speedKinds: [...d.speedKinds, d.parkingKind] } };
    // Two parking cameras on one road, a speeding code at each, 5 minutes apart: a speeding pair under these settings.
    const store = await fixtureStore({ devices, violations: [
      cap('W1', 'DP1', '2021-03-01 10:00:00', { code: '1352' }), cap('W2', 'DP2', '2021-03-01 10:05:00', { code: '1352' }),
    ] });
    try {
      const f = await rule.run(makeContext(store, H1_2021, settings));
      expect(f.map((x) => [x.subject_id, x.rule])).toEqual([['W2', 'speeding-same-road']]);
    } finally {
      store.close();
    }
  });
});

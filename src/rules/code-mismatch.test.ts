import { describe, it, expect } from 'vitest';
import { fixtureStore, runRule, H1_2021 } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { makeContext } from './context.ts';
import { rule } from './code-mismatch.ts';

const codes = [
  { code: '1625', description: '闯红灯', points: 6, fine_min: 200, fine_max: 200, device_kinds: '闯红灯;多功能' },
  { code: '1352', description: '超速10%-20%', points: 3, fine_min: 50, fine_max: 200, device_kinds: '超速;区间测速;多功能' },
  { code: '1721', description: '超速50%以上', points: 12, fine_min: 1000, fine_max: 2000, device_kinds: '超速;区间测速' },
  { code: '1039', description: '违停', points: 0, fine_min: 100, fine_max: 150, device_kinds: '违法停车;多功能' },
  { code: '1240', description: '安全带', points: 2, fine_min: 50, fine_max: 50, device_kinds: '' },
  { code: '9001', description: '无上限', points: 1, fine_min: 20, fine_max: null, device_kinds: null },
];
const devices = [
  { device_id: 'DR', kind: '闯红灯', unit_code: 'U1' },
  { device_id: 'DS', kind: '超速', unit_code: 'U2' },
  { device_id: 'DM', kind: '多功能', unit_code: 'U3' },
  { device_id: 'DP', kind: '违法停车', unit_code: 'U1' },
];
const officers = [{ officer_id: 'P1', name: '张三', unit_code: 'U5' }];
const capture = (id: string, device: string, code: string, points: number | null, fine: number | null, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: id, plate: '晋K12345', plate_type: '02', occurred_at: '2021-03-01 10:00:00', source: '非现场',
  device_id: device, code, points, fine, status: '已处理', handling_unit: 'U9', ...extra,
});
const ticket = (id: string, code: string, points: number | null, fine: number | null, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> =>
  capture(id, '', code, points, fine, { source: '现场', device_id: null, officer_id: 'P1', ...extra });

async function run(violations: NewRow<'violations'>[]) {
  return runRule(rule, { codes, devices, officers, violations }, H1_2021);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('code-mismatch: each clause is found', () => {
  it('an unknown code', async () => {
    const f = await run([capture('V1', 'DR', '9999', 6, 200)]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_kind: 'violation', subject_id: 'V1', unit: 'U1', rule: 'code-unknown',
      evidence: [{ kind: 'violation', id: 'V1' }, { kind: 'device', id: 'DR' }],
    });
  });

  it('points different from the table', async () => {
    const f = await run([capture('V1', 'DS', '1352', 6, 100)]);
    expect(f[0]).toMatchObject({ subject_id: 'V1', unit: 'U2', rule: 'points-mismatch' });
    expect(f[0].title).toContain('记 6 分，代码表为 3 分');
  });

  it('a fine below the minimum or above the maximum', async () => {
    const f = await run([capture('V1', 'DS', '1352', 3, 40), capture('V2', 'DS', '1352', 3, 250)]);
    expect(f.map((x) => [x.subject_id, x.rule])).toEqual([['V1', 'fine-out-of-range'], ['V2', 'fine-out-of-range']]);
    expect(f[1].title).toContain('罚款 250 元超出 [50, 200] 元');
  });

  it('a camera kind not among the code kinds', async () => {
    const f = await run([capture('V1', 'DR', '1352', 3, 100)]);
    expect(f[0]).toMatchObject({ subject_id: 'V1', rule: 'device-kind-mismatch' });
  });

  it('a 多功能 camera capturing a code whose kinds do not list 多功能', async () => {
    const f = await run([capture('V1', 'DM', '1721', 12, 1500)]);
    expect(f[0]).toMatchObject({ subject_id: 'V1', unit: 'U3', rule: 'device-kind-mismatch' });
  });

  it('an on-site-only code (empty kinds) captured by a camera, even one not in the registry', async () => {
    const f = await run([capture('V1', 'DS', '1240', 2, 50), capture('V2', 'DX', '1240', 2, 50), capture('V3', 'DP', '9001', 1, 50)]);
    expect(ids(f)).toEqual(['V1', 'V2', 'V3']);
    expect(f.every((x) => x.rule === 'device-kind-mismatch')).toBe(true);
  });

  it('several clauses on one record give one finding naming all of them', async () => {
    const f = await run([capture('V1', 'DR', '1352', 6, 500)]);
    expect(f).toHaveLength(1);
    expect(f[0].rule).toBe('device-kind-mismatch');
    expect(f[0].title).toMatch(/不适用.*记 6 分.*罚款 500 元/);
  });

  it('voided records are checked too (14.1 says "a violation record")', async () => {
    expect(ids(await run([capture('V1', 'DS', '1352', 6, 100, { status: '已作废' })]))).toEqual(['V1']);
  });

  it('an on-site ticket with wrong points is flagged with the officer unit and no device', async () => {
    const f = await run([ticket('V1', '1101', 12, 200), ticket('V2', '1240', 3, 50)]);
    expect(f.map((x) => [x.subject_id, x.rule, x.unit])).toEqual([['V1', 'code-unknown', 'U5'], ['V2', 'points-mismatch', 'U5']]);
    expect(f[1].evidence).toEqual([{ kind: 'violation', id: 'V2' }]);
  });
});

describe('code-mismatch: not errors', () => {
  it('fines within the range, at either bound or in the middle', async () => {
    const f = await run([capture('V1', 'DS', '1352', 3, 50), capture('V2', 'DS', '1352', 3, 125), capture('V3', 'DS', '1352', 3, 200)]);
    expect(f).toEqual([]);
  });

  it('an empty bound is unbounded on that side; empty fine or points are not checkable', async () => {
    const f = await run([ticket('V1', '9001', 1, 99999), ticket('V2', '1352', null, null)]);
    expect(f).toEqual([]);
  });

  it('on-site tickets may use any code, camera codes included', async () => {
    const f = await run([ticket('V1', '1625', 6, 200), ticket('V2', '1721', 12, 1000), ticket('V3', '1240', 2, 50)]);
    expect(f).toEqual([]);
  });

  it('a 多功能 camera capturing a code that lists 多功能', async () => {
    const f = await run([capture('V1', 'DM', '1625', 6, 200), capture('V2', 'DM', '1039', 0, 100)]);
    expect(f).toEqual([]);
  });

  it('zero-point codes recorded with 0 points', async () => {
    expect(await run([capture('V1', 'DP', '1039', 0, 150)])).toEqual([]);
    expect(ids(await run([capture('V1', 'DP', '1039', 3, 150)]))).toEqual(['V1']);
  });

  it('a camera not in the registry capturing a camera code is not checkable', async () => {
    expect(await run([capture('V1', 'DX', '1625', 6, 200)])).toEqual([]);
  });

  it('records outside the period are not checked', async () => {
    const f = await run([
      capture('V0', 'DR', '9999', 6, 200, { occurred_at: '2020-12-31 23:59:59' }),
      capture('V2', 'DR', '9999', 6, 200, { occurred_at: '2021-07-01 00:00:00' }),
    ]);
    expect(f).toEqual([]);
  });
});

describe('code-mismatch: 适用设备类型 as other exports write it', () => {
  it('kinds separated by full-width ；, 、, commas or blanks, with surrounding spaces, are read as the list', async () => {
    const table = [
      { code: '1625', description: '闯红灯', points: 6, fine_min: 200, fine_max: 200, device_kinds: ' 闯红灯 、多功能 ' },
      { code: '1352', description: '超速', points: 3, fine_min: 50, fine_max: 200, device_kinds: '超速， 区间测速,多功能' },
      { code: '1039', description: '违停', points: 0, fine_min: 100, fine_max: 150, device_kinds: '违法停车；多功能' },
      { code: '1345', description: '禁令', points: 3, fine_min: 200, fine_max: 200, device_kinds: '违反禁令标志 多功能' },
    ];
    const store = await fixtureStore({
      codes: table, devices: [...devices, { device_id: 'DJ', kind: '违反禁令标志', unit_code: 'U1' }], officers,
      violations: [
        capture('OK1', 'DR', '1625', 6, 200), capture('OK2', 'DM', '1625', 6, 200),
        capture('OK3', 'DS', '1352', 3, 100), capture('OK4', 'DM', '1352', 3, 100),
        capture('OK5', 'DP', '1039', 0, 100), capture('OK6', 'DJ', '1345', 3, 200), capture('OK7', 'DM', '1345', 3, 200),
        capture('BAD1', 'DS', '1625', 6, 200), capture('BAD2', 'DR', '1352', 3, 100), capture('BAD3', 'DS', '1039', 0, 100),
      ],
    });
    try {
      const out = await rule.run(makeContext(store, { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' }));
      expect(ids(out)).toEqual(['BAD1', 'BAD2', 'BAD3']);
      expect(out.map((f) => f.rule)).toEqual(['device-kind-mismatch', 'device-kind-mismatch', 'device-kind-mismatch']);
    } finally {
      store.close();
    }
  });
});

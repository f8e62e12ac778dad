import { describe, it, expect } from 'vitest';
import { runRule, H1_2021, type Fixture } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './favor-voiding.ts';

let seq = 0;
const vio = (by: string, reason: string | null, plate: string, o: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: `V${String(++seq).padStart(4, '0')}`, plate, plate_type: '02', occurred_at: '2021-03-01 10:00:00',
  code: '1625', source: '非现场', status: '已作废', voided_by: by, voided_at: '2021-03-02 10:00:00', void_reason: reason, ...o,
});
const many = (n: number, by: string, reason: string | null, o: Partial<NewRow<'violations'>> = {}) =>
  Array.from({ length: n }, (_, i) => vio(by, reason, `晋K${by}${i}`, o));

const officers: NewRow<'officers'>[] = ['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'O9'].map((id) => ({ officer_id: id, name: `警员${id}`, unit_code: `U-${id}` }));

async function run(data: Fixture) {
  return runRule(rule, { officers, ...data }, H1_2021);
}
const ids = (fs: { subject_id: string }[]) => fs.map((f) => f.subject_id);

describe('favor-voiding (RULES Part 3)', () => {
  it('flags five voids without a recognised ground and lists them as evidence', async () => {
    const rows = [vio('O1', '其他', 'A1'), vio('O1', '情节轻微', 'A2'), vio('O1', '当事人申辩', 'A3'), vio('O1', null, 'A4'),
      vio('O1', '其他', 'A5', { status: '已撤销', processed_at: '2021-03-01 12:00:00' })];
    const out = await run({ violations: rows });
    expect(ids(out)).toEqual(['O1']);
    expect(out[0]).toMatchObject({ subject_kind: 'officer', unit: 'U-O1', severity: 'medium', rule: 'voids-without-ground' });
    expect(out[0].evidence).toEqual([{ kind: 'officer', id: 'O1' }, ...rows.map((r) => ({ kind: 'violation', id: r.violation_id }))]);
    expect(out[0].title).toContain('5 起');
  });

  it('does not flag four ungrounded voids of four different vehicles', async () => {
    expect(await run({ violations: many(4, 'O2', '其他') })).toEqual([]);
  });

  it('flags three ungrounded voids of which two concern the same vehicle', async () => {
    const rows = [vio('O3', '情节轻微', '晋K11111'), vio('O3', '其他', '晋K11111'), vio('O3', '其他', '晋K22222')];
    const out = await run({ violations: rows });
    expect(ids(out)).toEqual(['O3']);
    expect(out[0].rule).toBe('voids-repeat-beneficiary');
    expect(out[0].title).toContain('晋K11111');
  });

  it('treats the same plate number with another plate type as another vehicle', async () => {
    const rows = [vio('O3', '其他', '晋K11111'), vio('O3', '其他', '晋K11111', { plate_type: '52' }), vio('O3', '其他', '晋K22222')];
    expect(await run({ violations: rows })).toEqual([]);
  });

  it('exempts emergency voids of 警用/消防/救护 vehicles but counts 执行紧急任务 for a 非营运 car as ungrounded', async () => {
    const emergency = [...many(4, 'O4', '执行紧急任务'), ...many(4, 'O4', '执行紧急任务', { voided_at: '2021-03-06 23:00:00' })];
    const vehicles: NewRow<'vehicles'>[] = emergency.map((r, i) => ({ plate: r.plate, plate_type: '02', owner_id: 'ORG1', usage: ['警用', '消防', '救护', '工程救险'][i % 4] }));
    const privateCars = many(5, 'O5', '执行紧急任务');
    vehicles.push(...privateCars.map((r) => ({ plate: r.plate, plate_type: '02', owner_id: 'P1', usage: '非营运' })));
    const out = await run({ violations: [...emergency, ...privateCars], vehicles });
    expect(ids(out)).toEqual(['O5']);
  });

  it('exempts a batch 设备故障 voiding and clerks voiding misread or cloned plates', async () => {
    const rows = [...many(20, 'O6', '设备故障'), ...many(6, 'O7', '号牌识别错误'), ...many(6, 'O7', '当事人申辩成立，系套牌车辆'),
      ...many(3, 'O7', '号牌信息错误'), ...many(2, 'O7', '使用伪造号牌')];
    expect(await run({ violations: rows })).toEqual([]);
  });

  it('accepts grounds phrased differently (fault since cleared, 现场已被交通警察处理, 救护车执行任务) but not 申辩成立 alone', async () => {
    const amb = many(5, 'O8', '救护车执行任务途中');
    const vehicles: NewRow<'vehicles'>[] = amb.map((r) => ({ plate: r.plate, plate_type: '02', owner_id: 'H1', usage: '救护' }));
    const rows = [...many(6, 'O6', '设备故障（已排除）'), ...many(6, 'O7', '现场已被交通警察处理'), ...amb,
      ...many(5, 'O9', '当事人申辩成立')];
    expect((await run({ violations: rows, vehicles })).map((f) => f.subject_id)).toEqual(['O9']);
  });

  it('counts 其他, 情节轻微, bare 当事人申辩 and a rejected ground as ungrounded', async () => {
    const rows = [...many(5, 'O1', '情节轻微'), ...many(5, 'O2', '当事人申辩'), ...many(5, 'O3', '其他'),
      ...many(5, 'O4', '当事人申辩称系套牌车辆，经核实不成立'), ...many(5, 'O5', '')];
    expect(ids(await run({ violations: rows }))).toEqual(['O1', 'O2', 'O3', 'O4', 'O5']);
  });

  it('scopes voids in the period or of violations in the period, and only 已作废/已撤销 records', async () => {
    const rows = [
      ...many(4, 'O8', '其他'),
      vio('O8', '其他', 'X1', { occurred_at: '2020-11-01 10:00:00', voided_at: '2020-11-05 10:00:00' }), // both before the period
      vio('O8', '其他', 'X2', { status: '已处理' }), // not voided
      vio('O9', '其他', 'Y1', { occurred_at: '2020-12-20 10:00:00', voided_at: '2021-01-03 10:00:00' }), // void in period
      vio('O9', '其他', 'Y2', { occurred_at: '2021-06-30 20:00:00', voided_at: '2021-07-05 10:00:00' }), // violation in period, void before as-of
      ...many(3, 'O9', '其他'),
    ];
    const out = await run({ violations: rows });
    expect(ids(out)).toEqual(['O9']);
    expect(out[0].evidence.filter((e) => e.kind === 'violation')).toHaveLength(5);
  });

  it('returns no unit when the officer is unknown, and is high at ten ungrounded voids', async () => {
    const out = await run({ violations: many(10, 'ZZ', '其他') });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ subject_id: 'ZZ', unit: null, severity: 'high' });
  });
  it('accepts recognised grounds in other wordings (识读错误, 号牌信息有误, 套用号牌, 克隆车, 摄像机/系统故障, 已现场处罚, 图片模糊, 事实不清)', async () => {
    const reasons = ['车牌识读错误', '号牌信息有误', '车牌号码有误', '被他人套用号牌', '克隆车', '摄像机故障', '抓拍系统故障',
      '已现场处罚', '现场已处罚', '信号指示冲突', '图片模糊无法确认', '违法事实不清', '号牌不清'];
    const rows = reasons.map((r, i) => vio('O6', r, `晋KG${i}`));
    expect(await run({ violations: rows })).toEqual([]);
  });

  it('counts a ground that the reason itself denies (非套牌, 并非套牌, 未获支持, 查无实据, 识别无误) as no ground', async () => {
    const rows = ['经查非套牌', '当事人称套牌，经核实并非套牌', '套牌申辩未获支持', '当事人申辩套牌，查无实据', '经查号牌识别无误']
      .map((r, i) => vio('O7', r, `晋KN${i}`));
    expect(ids(await run({ violations: rows }))).toEqual(['O7']);
  });

  it('accepts emergency wordings for emergency vehicles only (执行紧急公务, 抢险任务, 赶赴火灾现场, 转运危重病人)', async () => {
    const reasons = ['执行紧急公务', '工程救险车执行抢险任务', '赶赴火灾现场', '转运危重病人', '特种车辆'];
    const usages = ['警用', '工程救险', '消防', '救护', '警用'];
    const emergency = [...reasons, ...reasons].map((r, i) => vio('O4', r, `晋KE${i}`));
    const priv = reasons.map((r, i) => vio('O5', r, `晋KP${i}`));
    const vehicles: NewRow<'vehicles'>[] = [
      ...emergency.map((r, i) => ({ plate: r.plate, plate_type: '02', owner_id: 'ORG', usage: usages[i % 5] })),
      ...priv.map((r) => ({ plate: r.plate, plate_type: '02', owner_id: 'P1', usage: '非营运' })),
    ];
    expect(ids(await run({ violations: [...emergency, ...priv], vehicles }))).toEqual(['O5']);
  });

  it('takes a police plate (type 23, or ending in 警) as a police car when its 使用性质 is unknown', async () => {
    // in the registry with no 使用性质 (type 23), and not in the registry (type 23, or plate ending in 警)
    const rows = [...Array.from({ length: 5 }, (_, i) => vio('O4', '执行紧急任务', `晋K000${i}警`, { plate_type: '23' })),
      ...Array.from({ length: 5 }, (_, i) => vio('O4', '执行紧急任务', `晋K100${i}警`, { plate_type: '02' }))];
    const vehicles: NewRow<'vehicles'>[] = Array.from({ length: 3 }, (_, i) => ({ plate: `晋K000${i}警`, plate_type: '23', owner_id: 'ORG' }));
    expect(await run({ violations: rows, vehicles })).toEqual([]);
  });

  it('does not count a void recorded on or after the as-of date (0.2, 3.1 voids up to the as-of date)', async () => {
    const rows = [...many(4, 'O8', '其他'), vio('O8', '其他', 'LATE1', { occurred_at: '2021-06-30 10:00:00', voided_at: '2021-07-11 09:00:00' })];
    expect(await run({ violations: rows })).toEqual([]);
    const before = [...many(4, 'O9', '其他'), vio('O9', '其他', 'LATE2', { occurred_at: '2021-06-30 10:00:00', voided_at: '2021-07-10 23:59:59' })];
    expect(ids(await run({ violations: before }))).toEqual(['O9']);
  });
});

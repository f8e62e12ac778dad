import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './device-unapproved.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };

const device = (id: string, extra: Partial<NewRow<'devices'>> = {}): NewRow<'devices'> => ({
  device_id: id, name: `路口${id}`, kind: '闯红灯', unit_code: 'U1', enabled_on: '2019-01-01',
  review_status: '已审核', announced_on: '2018-12-01', funding: '政府投资', status: '在用', ...extra,
});
let seq = 0;
const cap = (device_id: string, occurred_at: string, status = '已处理'): NewRow<'violations'> => ({
  violation_id: `V${String(++seq).padStart(5, '0')}`, plate: '晋K00001', plate_type: '02', occurred_at,
  code: '1625', source: '非现场', device_id, status,
});

async function run(devices: NewRow<'devices'>[], violations: NewRow<'violations'>[]) {
  return runRule(rule, { devices, violations }, PERIOD);
}

describe('device-unapproved (RULES Part 9)', () => {
  it('flags an unreviewed device with a valid capture, high, citing first and last capture and the count', async () => {
    const caps = [cap('D1', '2021-03-01 10:00:00'), cap('D1', '2021-02-01 09:00:00', '未处理'), cap('D1', '2021-05-01 08:00:00')];
    const out = await run([device('D1', { review_status: '未审核', announced_on: null })], caps);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ subject_kind: 'device', subject_id: 'D1', unit: 'U1', severity: 'high' });
    expect(out[0].evidence).toEqual([
      { kind: 'device', id: 'D1' }, { kind: 'violation', id: caps[1].violation_id }, { kind: 'violation', id: caps[2].violation_id },
    ]);
    expect(out[0].title).toContain('3 起');
    expect(out[0].title).toContain('未审核');
  });

  it('flags a reviewed device without 公告日期', async () => {
    const out = await run([device('D2', { announced_on: null })], [cap('D2', '2021-04-01 10:00:00')]);
    expect(out.map((f) => f.subject_id)).toEqual(['D2']);
    expect(out[0].title).toContain('未向社会公告');
    expect(out[0].title).toContain('1 起');
  });

  it('an unreviewed 停用 device with no capture is not flagged', async () => {
    const out = await run([device('D3', { review_status: '未审核', announced_on: null, status: '停用' })], [cap('D9', '2021-04-01 10:00:00')]);
    expect(out).toEqual([]);
  });

  it('a capture on the announcement day is fine; the day before is flagged', async () => {
    const onDay = await run([device('D4', { enabled_on: '2021-03-01', announced_on: '2021-03-10' })], [cap('D4', '2021-03-10 00:00:00')]);
    expect(onDay).toEqual([]);
    const before = cap('D4', '2021-03-09 23:59:59');
    const dayBefore = await run([device('D4', { enabled_on: '2021-03-01', announced_on: '2021-03-10' })], [before, cap('D4', '2021-03-10 08:00:00')]);
    expect(dayBefore).toHaveLength(1);
    expect(dayBefore[0].evidence).toEqual([{ kind: 'device', id: 'D4' }, { kind: 'violation', id: before.violation_id }]);
    expect(dayBefore[0].title).toContain('2021-03-10');
    expect(dayBefore[0].title).toContain('1 起');
  });

  it('a device announced the day before it was enabled is fine', async () => {
    const out = await run([device('D5', { enabled_on: '2021-02-01', announced_on: '2021-01-31' })], [cap('D5', '2021-02-01 00:10:00')]);
    expect(out).toEqual([]);
  });

  it('voided captures before the announcement do not count', async () => {
    const dev = device('D6', { enabled_on: '2021-01-01', announced_on: '2021-02-15' });
    const out = await run([dev], [cap('D6', '2021-01-10 10:00:00', '已作废'), cap('D6', '2021-01-11 10:00:00', '已撤销'), cap('D6', '2021-03-01 10:00:00')]);
    expect(out).toEqual([]);
  });

  it('a capture voided on or after the as-of date was still a penalty as things stood then (0.2); one voided before was not', async () => {
    const late = { ...cap('D9', '2021-03-01 10:00:00', '已作废'), voided_at: '2021-07-11 08:00:00' };
    expect((await run([device('D9', { review_status: '未审核' })], [late])).map((f) => f.subject_id)).toEqual(['D9']);
    const early = { ...cap('D9', '2021-03-01 10:00:00', '已撤销'), voided_at: '2021-07-10 08:00:00' };
    expect(await run([device('D9', { review_status: '未审核' })], [early])).toEqual([]);
  });

  it('captures outside the period do not count', async () => {
    const out = await run([device('D7', { review_status: '未审核', announced_on: null })], [cap('D7', '2020-12-31 23:59:59'), cap('D7', '2021-07-01 00:00:00')]);
    expect(out).toEqual([]);
  });

  it('社会资金 / 企业租赁 / 外接平台 do not make a reviewed, announced device unlawful', async () => {
    const out = await run(
      [device('D8', { funding: '社会资金', external_platform: '某科技公司非现场执法平台' }), device('D9', { funding: '企业租赁' })],
      [cap('D8', '2021-04-01 10:00:00'), cap('D9', '2021-04-02 10:00:00')],
    );
    expect(out).toEqual([]);
  });

  it('社会资金 does not excuse an unreviewed device either', async () => {
    const out = await run([device('DA', { funding: '社会资金', review_status: '未审核' })], [cap('DA', '2021-04-01 10:00:00')]);
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['DA', 'high']]);
  });
});

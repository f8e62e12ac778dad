import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './opinion-quota.ts';

const units = [
  { unit_code: '140700010100', unit_name: '榆次大队', kind: '县区大队' },
  { unit_code: '140700000300', unit_name: '法制科', kind: '支队部门' },
];
const op = (id: string, unit: string, day: string, kind = '意见建议', extra: Partial<NewRow<'opinions'>> = {}): NewRow<'opinions'> => ({
  opinion_id: id, received_on: day, unit_code: unit, kind, channel: '座谈会', ...extra,
});

async function run(opinions: NewRow<'opinions'>[], period = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' }) {
  return runRule(rule, { units, opinions }, period);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('opinion-quota', () => {
  it('every unit, the 支队部门 included, warns for each quarter with no opinion', async () => {
    const f = await run([]);
    expect(ids(f)).toEqual(['140700000300/2021Q1', '140700000300/2021Q2', '140700010100/2021Q1', '140700010100/2021Q2']);
    expect(f[3]).toMatchObject({
      subject_kind: 'unit-quarter', unit: '140700010100', severity: 'medium', rule: 'no-opinion-in-quarter',
      evidence: [{ kind: 'unit', id: '140700010100' }],
    });
  });

  it('one opinion in a quarter, on its first or last day, satisfies it', async () => {
    const f = await run([
      op('O1', '140700010100', '2021-01-01'), op('O2', '140700010100', '2021-06-30'),
      op('O3', '140700000300', '2021-03-31'), op('O4', '140700000300', '2021-04-01'),
    ]);
    expect(f).toEqual([]);
  });

  it('a quarter with only complaints still warns, whatever the channel', async () => {
    const f = await run([
      op('O1', '140700010100', '2021-02-01', '投诉', { channel: '12345热线', device_id: 'D1' }),
      op('O2', '140700010100', '2021-02-02', '投诉', { channel: '网络征集', officer_id: 'P1' }),
      op('O3', '140700010100', '2021-05-01'),
      op('O4', '140700000300', '2021-02-01'), op('O5', '140700000300', '2021-05-01'),
    ]);
    expect(ids(f)).toEqual(['140700010100/2021Q1']);
    expect(f[0].title).toContain('投诉 2 件');
  });

  it('an opinion heard by another unit does not count for this one', async () => {
    const f = await run([op('O1', '140700000300', '2021-02-01'), op('O2', '140700000300', '2021-05-01')]);
    expect(ids(f)).toEqual(['140700010100/2021Q1', '140700010100/2021Q2']);
  });

  it('a quarter partly inside the period counts records dated before --from', async () => {
    const f = await run(
      [op('O1', '140700010100', '2021-04-03'), op('O2', '140700000300', '2021-06-20')],
      { from: '2021-05-15', to: '2021-08-10', asOf: '2021-10-08' },
    );
    expect(ids(f)).toEqual(['140700000300/2021Q3', '140700010100/2021Q3']);
  });

  it('records after the quarter do not count for it', async () => {
    const f = await run([op('O1', '140700010100', '2021-04-01')], { from: '2021-01-01', to: '2021-03-31', asOf: '2021-04-10' });
    expect(ids(f)).toEqual(['140700000300/2021Q1', '140700010100/2021Q1']);
  });

  it('a quarter not over by the as-of date still warns, as low', async () => {
    const f = await run([op('O1', '140700000300', '2021-04-01')], { from: '2021-04-01', to: '2021-05-31', asOf: '2021-06-05' });
    expect(f.map((x) => [x.subject_id, x.severity])).toEqual([['140700010100/2021Q2', 'low']]);
  });

  it('an opinion dated on or after the as-of date had not been heard yet (0.2): the running quarter still warns', async () => {
    const f = await run([op('O1', '140700000300', '2021-06-05'), op('O2', '140700010100', '2021-06-04')], { from: '2021-04-01', to: '2021-05-31', asOf: '2021-06-05' });
    expect(f.map((x) => [x.subject_id, x.severity])).toEqual([['140700000300/2021Q2', 'low']]);
  });

  it('a period spanning a year boundary checks Q4 and Q1', async () => {
    const f = await run([], { from: '2020-12-01', to: '2021-01-31', asOf: '2021-04-02' });
    expect(ids(f)).toEqual(['140700000300/2020Q4', '140700000300/2021Q1', '140700010100/2020Q4', '140700010100/2021Q1']);
  });
});

import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './case-shelving.ts';

const acc = (id: string, o: Partial<NewRow<'accidents'>> = {}): NewRow<'accidents'> => ({
  accident_id: id, occurred_at: '2021-03-01 08:00:00', unit_code: 'U1', procedure: '一般程序',
  status: '调查中', officer_id: 'P1', reported_at: '2021-03-01 08:05:00', scene_done_at: '2021-03-01 10:00:00',
  hit_and_run: false, appraisal: false, extended: false, deaths: 0, ...o,
});

async function run(rows: NewRow<'accidents'>[], asOf: string, period = { from: '2021-01-01', to: '2021-06-30' }) {
  return runRule(rule, { accidents: rows }, { ...period, asOf });
}
const ids = (fs: { subject_id: string }[]) => fs.map((f) => f.subject_id);

describe('case-shelving (RULES Part 2)', () => {
  it('deadline day itself is not overdue; the day after is (scene 2021-03-01 + 10 working days = 03-15)', async () => {
    expect(await run([acc('A1')], '2021-03-15')).toEqual([]);
    const out = await run([acc('A1')], '2021-03-16');
    expect(ids(out)).toEqual(['A1']);
    expect(out[0]).toMatchObject({
      subject_kind: 'accident', unit: 'U1', severity: 'medium', rule: 'accident-determination-overdue',
      evidence: [{ kind: 'accident', id: 'A1' }, { kind: 'officer', id: 'P1' }],
    });
    expect(out[0].title).toContain('2021-03-15');
  });

  it('skips the Spring Festival holiday inside the 10-working-day window (02-09 → 03-01, not 02-23)', async () => {
    const a = acc('A2', { occurred_at: '2021-02-09 07:00:00', scene_done_at: '2021-02-09 09:00:00' });
    expect(await run([a], '2021-02-24')).toEqual([]);
    expect(await run([a], '2021-03-01')).toEqual([]);
    expect(ids(await run([a], '2021-03-02'))).toEqual(['A2']);
  });

  it('counts make-up working days (scene 04-23 → 05-10 because 04-25 and 05-08 are working days)', async () => {
    const a = acc('A3', { occurred_at: '2021-04-23 07:00:00', scene_done_at: '2021-04-23 09:00:00' });
    expect(await run([a], '2021-05-10')).toEqual([]);
    expect(ids(await run([a], '2021-05-11'))).toEqual(['A3']);
  });

  it('runs no deadline while the appraisal conclusion is pending', async () => {
    const a = acc('A4', { occurred_at: '2021-01-05 08:00:00', scene_done_at: '2021-01-05 10:00:00', appraisal: true, appraisal_done_at: null });
    expect(await run([a], '2021-07-11')).toEqual([]);
  });

  it('replaces the base deadline by appraisal conclusion + 5 working days', async () => {
    // conclusion 05-06 → 05-07, 05-08 (make-up Sat), 05-10, 05-11, 05-12
    const a = acc('A5', { occurred_at: '2021-01-05 08:00:00', scene_done_at: '2021-01-05 10:00:00', appraisal: true, appraisal_done_at: '2021-05-06 15:00:00' });
    expect(await run([a], '2021-05-12')).toEqual([]);
    expect(ids(await run([a], '2021-05-13'))).toEqual(['A5']);
  });

  it('moves the deadline 30 calendar days for an approved extension', async () => {
    const a = acc('A6', { extended: true });
    expect(await run([a], '2021-03-16')).toEqual([]);
    expect(await run([a], '2021-04-14')).toEqual([]);
    expect(ids(await run([a], '2021-04-15'))).toEqual(['A6']);
  });

  it('exempts a hit-and-run under investigation but not one still at 已受理', async () => {
    const rows = [
      acc('A7', { hit_and_run: true, status: '调查中' }),
      acc('A8', { hit_and_run: true, status: '已受理' }),
    ];
    expect(ids(await run(rows, '2021-07-11'))).toEqual(['A8']);
  });

  it('exempts 简易程序, determined, closed and withdrawn cases, and cases outside the period', async () => {
    const rows = [
      acc('B1', { procedure: '简易程序', officer_id: null, status: '已受理' }),
      acc('B2', { status: '已认定', determined_at: '2021-03-20 10:00:00' }),
      acc('B3', { status: '已结案', determined_at: '2021-03-12 10:00:00', closed_at: '2021-04-01 10:00:00' }),
      acc('B4', { status: '已撤销' }),
      acc('B5', { occurred_at: '2020-12-30 08:00:00', scene_done_at: '2020-12-30 10:00:00' }),
      acc('B6', { status: '已受理' }),
    ];
    expect(ids(await run(rows, '2021-07-11'))).toEqual(['B6']);
  });

  it('is high when overdue more than 30 days or a death is involved', async () => {
    const rows = [acc('C1'), acc('C2', { deaths: 1 })];
    // deadline 03-15: as-of 04-14 → 30 days overdue (medium), 04-15 → 31 (high)
    let out = await run(rows, '2021-04-14');
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['C1', 'medium'], ['C2', 'high']]);
    out = await run(rows, '2021-04-15');
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['C1', 'high'], ['C2', 'high']]);
  });

  it('names no officer in the evidence when none is recorded, and orders subjects', async () => {
    const out = await run([acc('Z9', { officer_id: null }), acc('D1')], '2021-07-11');
    expect(ids(out)).toEqual(['D1', 'Z9']);
    expect(out[1].evidence).toEqual([{ kind: 'accident', id: 'Z9' }]);
  });
  it('counts from the date of a scene end on a public holiday (05-01 is day 0 → 05-18, make-up 05-08 counts)', async () => {
    const a = acc('E1', { occurred_at: '2021-05-01 07:00:00', scene_done_at: '2021-05-01 23:59:59' });
    expect(await run([a], '2021-05-18')).toEqual([]);
    expect(ids(await run([a], '2021-05-19'))).toEqual(['E1']);
  });

  it('takes a recorded appraisal conclusion as an appraisal when 是否检验鉴定 is empty', async () => {
    // scene 03-01 + 10 wd = 03-15 would have passed; conclusion 05-06 + 5 wd = 05-12 has not on 05-12
    const a = acc('E2', { appraisal: null, appraisal_done_at: '2021-05-06 15:00:00' });
    expect(await run([a], '2021-05-12')).toEqual([]);
    expect(ids(await run([a], '2021-05-13'))).toEqual(['E2']);
    // no appraisal recorded at all: the base deadline
    expect(ids(await run([acc('E3', { appraisal: null })], '2021-03-16'))).toEqual(['E3']);
  });
});

import { describe, it, expect } from 'vitest';
import { runRule, H1_2021 } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './liability-change.ts';

const acc = (id: string, o: Partial<NewRow<'accidents'>> = {}): NewRow<'accidents'> => ({
  accident_id: id, occurred_at: '2021-03-01 08:00:00', unit_code: 'U1', procedure: '一般程序', status: '已认定',
  officer_id: 'P1', determined_at: '2021-03-05 10:00:00', liability_changes: 1, change_reason: '其他', ...o,
});

async function run(rows: NewRow<'accidents'>[]) {
  return runRule(rule, { accidents: rows }, H1_2021);
}

describe('liability-change (RULES Part 4)', () => {
  it('flags a change whose reason is empty, 其他, 当事人协商, a bare 重新认定 or anything without 复核', async () => {
    const out = await run([
      acc('A1', { change_reason: null }),
      acc('A2', { change_reason: '其他' }),
      acc('A3', { change_reason: '当事人协商' }),
      acc('A4', { change_reason: '重新认定' }),
      acc('A5', { change_reason: '当事人提供新证据' }),
      acc('A6', { change_reason: '未经复核直接重新认定' }),
    ]);
    expect(out.map((f) => f.subject_id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(out[0]).toMatchObject({ unit: 'U1', severity: 'medium', rule: 'liability-changed-without-review',
      evidence: [{ kind: 'accident', id: 'A1' }, { kind: 'officer', id: 'P1' }] });
  });

  it('exempts reasons that mention the review', async () => {
    const out = await run([
      acc('B1', { change_reason: '复核' }),
      acc('B2', { change_reason: '复核后重新认定' }),
      acc('B3', { change_reason: '根据复核结论重新认定' }),
      acc('B4', { change_reason: '上级复核' }),
    ]);
    expect(out).toEqual([]);
  });

  it('ignores unchanged determinations and accidents outside the period', async () => {
    const out = await run([
      acc('C1', { liability_changes: 0, change_reason: null }),
      acc('C2', { liability_changes: null, change_reason: '其他' }),
      acc('C3', { occurred_at: '2020-12-31 23:59:59' }),
    ]);
    expect(out).toEqual([]);
  });

  it('is high when changed two or more times', async () => {
    const out = await run([acc('D1', { liability_changes: 2, change_reason: '重新认定' }), acc('D2')]);
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['D1', 'high'], ['D2', 'medium']]);
    expect(out[0].title).toContain('2 次');
  });
  it('flags a reason that mentions 复核 only to say none was asked for or held', async () => {
    const out = await run([
      acc('E1', { change_reason: '当事人未申请复核，双方协商后重新认定' }),
      acc('E2', { change_reason: '未提出复核申请，重新认定' }),
      acc('E3', { change_reason: '无需复核，直接变更' }),
      acc('E4', { change_reason: '经复核，撤销原认定重新认定' }),
    ]);
    expect(out.map((f) => f.subject_id)).toEqual(['E1', 'E2', 'E3']);
  });
});

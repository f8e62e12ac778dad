import { describe, it, expect } from 'vitest';
import { runRule, H1_2021, type Fixture } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './irregular-business.ts';

const biz = (id: string, o: Partial<NewRow<'business'>> = {}): NewRow<'business'> => ({
  flow_id: id, kind: '变更登记', plate: '晋K10001', plate_type: '02', unit_code: 'U1', channel: '窗口',
  accepted_at: '2021-03-03 09:00:00', acceptor_id: 'A', approver_id: 'B', completed_at: '2021-03-03 10:00:00', status: '办结', ...o,
});
const reg = (id: string, o: Partial<NewRow<'business'>> = {}) => biz(id, { kind: '注册登记', inspector_id: 'C', inspected_at: '2021-03-03 09:30:00', ...o });
const sticker = (id: string, o: Partial<NewRow<'business'>> = {}) => biz(id, { kind: '核发检验合格标志', plate: `晋K${id}`, ...o });
const vio = (id: string, plate: string, o: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: id, plate, plate_type: '02', occurred_at: '2021-03-01 08:00:00', code: '1625', source: '非现场', status: '未处理', ...o,
});

async function run(data: Fixture) {
  return runRule(rule, data, H1_2021);
}
const ids = (fs: { subject_id: string }[]) => fs.map((f) => f.subject_id);

describe('irregular-business (RULES Part 5)', () => {
  it('(a) flags a window transaction accepted and approved by one person; inspector = acceptor is fine', async () => {
    const out = await run({ business: [
      biz('F1', { acceptor_id: 'A', approver_id: 'A' }),
      reg('F2', { acceptor_id: 'A', approver_id: 'B', inspector_id: 'A' }),
      reg('F3', { acceptor_id: 'A', approver_id: 'B', inspector_id: 'B' }),
      biz('F4', { channel: '自助机', acceptor_id: null, approver_id: 'B' }),
      biz('F5', { channel: '互联网', acceptor_id: 'A', approver_id: 'A' }),
    ] });
    expect(ids(out)).toEqual(['F1']);
    expect(out[0]).toMatchObject({ unit: 'U1', severity: 'medium', rule: 'business-accept-approve-same',
      evidence: [{ kind: 'business', id: 'F1' }, { kind: 'officer', id: 'A' }] });
  });

  it('(b) flags window acceptance between 20:00 and 07:00 but not internet/self-service at night', async () => {
    const out = await run({ business: [
      biz('N1', { accepted_at: '2021-03-03 20:00:00' }),
      biz('N2', { accepted_at: '2021-03-03 06:59:00' }),
      biz('N3', { accepted_at: '2021-03-03 19:59:59' }),
      biz('N4', { accepted_at: '2021-03-03 07:00:00' }),
      biz('N5', { accepted_at: '2021-03-03 23:30:00', channel: '互联网', acceptor_id: null }),
      biz('N6', { accepted_at: '2021-03-03 02:10:00', channel: '自助机', acceptor_id: null }),
    ] });
    expect(ids(out)).toEqual(['N1', 'N2']);
    expect(out[0].rule).toBe('business-window-night');
    expect(out[0].title).toContain('20:00');
  });

  it('(c) flags 注册/转移 办结 without inspector or time, or inspected after completion; other kinds and 退办 not', async () => {
    const out = await run({ business: [
      reg('C1', { inspector_id: null }),
      reg('C2', { inspected_at: null }),
      reg('C3', { kind: '转移登记', inspected_at: '2021-03-03 10:05:00' }),
      reg('C4'),
      reg('C5', { kind: '转移登记', inspected_at: '2021-03-03 10:00:00' }), // same minute as completion
      biz('C6', { kind: '变更登记', inspector_id: null }),
      biz('C7', { kind: '注销登记' }),
      reg('C8', { inspector_id: null, status: '退办' }),
      reg('C9', { inspector_id: null, status: '受理中', completed_at: null }),
    ] });
    expect(ids(out)).toEqual(['C1', 'C2', 'C3']);
    expect(out.every((f) => f.rule === 'business-no-prior-inspection')).toBe(true);
  });

  it('(d) flags a sticker with a 49 h old unprocessed violation, not a 47 h old one; exactly 48 h counts', async () => {
    const business = [
      sticker('S49', { accepted_at: '2021-03-03 09:00:00' }),
      sticker('S47', { accepted_at: '2021-03-03 09:00:00' }),
      sticker('S48', { accepted_at: '2021-03-03 09:00:00' }),
    ];
    const violations = [
      vio('V49', '晋KS49', { occurred_at: '2021-03-01 08:00:00' }),
      vio('V47', '晋KS47', { occurred_at: '2021-03-01 10:00:00' }),
      vio('V48', '晋KS48', { occurred_at: '2021-03-01 09:00:00' }),
    ];
    const out = await run({ business, violations });
    expect(ids(out)).toEqual(['S48', 'S49']);
    expect(out[1]).toMatchObject({ rule: 'business-sticker-outstanding-violations', evidence: [
      { kind: 'business', id: 'S49' }, { kind: 'officer', id: 'A' }, { kind: 'officer', id: 'B' },
      { kind: 'violation', id: 'V49' }, { kind: 'vehicle', id: '晋KS49/02' }] });
  });

  it('(d) ignores voided violations, violations processed before acceptance, other vehicles, and 退办', async () => {
    const business = [
      sticker('D1'), sticker('D2'), sticker('D3'), sticker('D4', { status: '退办' }), sticker('D5'), sticker('D6'),
    ];
    const violations = [
      vio('W1', '晋KD1', { status: '已作废', voided_at: '2021-03-10 10:00:00' }),
      vio('W1b', '晋KD1', { status: '已撤销' }),
      vio('W2', '晋KD2', { status: '已处理', processed_at: '2021-03-02 10:00:00' }),
      vio('W3', '晋KD3', { plate_type: '52' }), // same number, another vehicle
      vio('W4', '晋KD4'),
      vio('W5', '晋KD5', { status: '已处理', processed_at: '2021-03-04 10:00:00' }), // processed after acceptance: outstanding then
      vio('W6', '晋KD6', { status: '已处理', processed_at: '2021-03-03 08:59:00' }),
    ];
    const out = await run({ business, violations });
    expect(ids(out)).toEqual(['D5']);
    expect(out[0].evidence).toContainEqual({ kind: 'violation', id: 'W5' });
  });

  it('merges several clauses into one warning per transaction', async () => {
    const out = await run({ business: [reg('M1', { acceptor_id: 'A', approver_id: 'A', accepted_at: '2021-03-03 21:00:00', completed_at: '2021-03-03 21:30:00', inspector_id: null, inspected_at: null })] });
    expect(out).toHaveLength(1);
    expect(out[0].rule).toBe('business-accept-approve-same+business-window-night+business-no-prior-inspection');
    expect(out[0].score).toBeGreaterThan(0.9);
  });

  it('only looks at transactions accepted in the period', async () => {
    const out = await run({ business: [biz('P1', { acceptor_id: 'A', approver_id: 'A', accepted_at: '2020-12-31 10:00:00' }),
      biz('P2', { acceptor_id: 'A', approver_id: 'A', accepted_at: '2021-07-01 10:00:00' })] });
    expect(out).toEqual([]);
  });
  it('(a)/(b) take a transaction with no 办理渠道 but a 受理人 as a window one (internet/self-service have no 受理人)', async () => {
    const out = await run({ business: [
      biz('C1', { channel: null, acceptor_id: 'A', approver_id: 'A' }),
      biz('C2', { channel: null, accepted_at: '2021-03-03 22:15:00' }),
      biz('C3', { channel: null, acceptor_id: null, approver_id: 'B', accepted_at: '2021-03-03 23:15:00' }),
      biz('C4', { channel: null }),
    ] });
    expect(out.map((f) => [f.subject_id, f.rule])).toEqual([['C1', 'business-accept-approve-same'], ['C2', 'business-window-night']]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { makeContext } from './context.ts';
import { deviceLabel, inPeriod, scoreRamp, toFindings } from './sql.ts';

const GOOD = {
  subject_kind: 'device', subject_id: 'D1', unit: null, severity: 'medium', score: 0.7, rule: 'r', title: 't',
  evidence: [{ kind: 'device', id: 'D1' }],
};

describe('the shape check every finding passes', () => {
  it('keeps a well-formed row, clamps and rounds the score (DECIMAL arrives as text), drops evidence without an id', () => {
    const [f] = toFindings([{ ...GOOD, score: '1.2', evidence: [{ kind: 'device', id: 'D1' }, { kind: 'officer', id: null }, { kind: 'officer', id: '' }] }]);
    expect(f).toEqual({ ...GOOD, score: 1 });
    expect(toFindings([{ ...GOOD, score: 0.123456 }])[0].score).toBe(0.123);
  });

  it.each([
    ['subject_kind', { subject_kind: 'car' }],
    ['subject_id', { subject_id: null }],
    ['unit', { unit: 5 }],
    ['severity', { severity: 'urgent' }],
    ['score', { score: 'NaN' }],
    ['rule', { rule: '' }],
    ['title', { title: null }],
    ['evidence', { evidence: 'D1' }],
    ['evidence kind', { evidence: [{ kind: 'car', id: 'x' }] }],
    ['evidence id', { evidence: [{ kind: 'device', id: 7 }] }],
  ])('refuses a row with a bad %s, saying which field', (field, change) => {
    expect(() => toFindings([{ ...GOOD, ...change }])).toThrow(`malformed finding (${field})`);
  });
});

describe('SQL helpers of the rules', () => {
  let store: Store;
  beforeAll(async () => { store = await openStore(':memory:'); });
  afterAll(() => store.close());

  it('inPeriod is [from, to + 1 day) as the context binds it', async () => {
    const ctx = makeContext(store, { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' });
    const rows = await store.all<{ t: string; inside: boolean }>(
      `SELECT t::VARCHAR AS t, ${inPeriod('t')} AS inside FROM (VALUES (TIMESTAMP '2020-12-31 23:59:59'), (TIMESTAMP '2021-01-01 00:00:00'),
         (TIMESTAMP '2021-06-30 23:59:59'), (TIMESTAMP '2021-07-01 00:00:00')) v(t) ORDER BY t`, { from: ctx.params.from, to_excl: ctx.params.to_excl });
    expect(rows.map((r) => r.inside)).toEqual([false, true, true, false]);
  });

  it('scoreRamp runs from 0.7 at the warning mark to 0.95 at the high mark, and no further', async () => {
    const rows = await store.all<{ s: number }>(`SELECT ${scoreRamp('x', 3, 8)} AS s FROM (VALUES (3), (5), (8), (20)) v(x) ORDER BY x`);
    expect(rows.map((r) => Math.round(Number(r.s) * 1000) / 1000)).toEqual([0.7, 0.8, 0.95, 0.95]);
  });

  it('deviceLabel names a device by kind, id and name, leaving out what is unknown', async () => {
    const rows = await store.all<{ a: string; b: string }>(
      `SELECT ${deviceLabel('id', 'name', 'kind')} AS a, ${deviceLabel('id', 'name')} AS b
       FROM (VALUES ('D1', '东环路口', '超速'), ('D2', NULL, NULL)) v(id, name, kind) ORDER BY id`);
    expect(rows).toEqual([{ a: '超速设备 D1（东环路口）', b: '设备 D1（东环路口）' }, { a: '设备 D2', b: '设备 D2' }]);
  });
});

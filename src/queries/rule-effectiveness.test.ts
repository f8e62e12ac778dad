// 规则成效 against a scripted history: dispatches, findings both ways, returns, a late verification, a closing and
// a recurrence — pinned by hand, and equal to the figures rebuilt by replaying each item's audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/db.ts';
import { act } from '../supervise/act.ts';
import type { User } from '../supervise/access.ts';
import { auditOf } from '../supervise/audit.ts';
import { createItems, type NewItem } from '../supervise/sync.ts';
import { ruleEffectiveness, type EffectivenessRow } from './rule-effectiveness.ts';

const SUP: User = { username: 'duban', role: 'supervisor', unit: null };
const U1: User = { username: 'dd1', role: 'brigade', unit: 'U1' };
const U2: User = { username: 'dd2', role: 'brigade', unit: 'U2' };
let today = '2026-03-02';
const clock = { now: () => new Date(`${today}T10:00:00+08:00`) };

const item = (category: string, id: string, unit: string, evidence = [{ kind: 'accident', id }]): NewItem =>
  ({ category, subject: { kind: 'accident', id }, unit, severity: 'medium', title: `${category} ${id}`, evidence });

async function step(day: string, user: User, key: string, action: string, fields: Record<string, unknown> = {}): Promise<void> {
  today = day;
  const r = await act(store, user, key, action, fields, clock);
  expect(r, `${day} ${key} ${action}`).toMatchObject({ ok: true });
}

let store: Store;
const K1 = 'case-shelving|accident|A1';
const K2 = 'case-shelving|accident|A2';
const K3 = 'device-complaints|accident|A3';

beforeAll(async () => {
  store = await openStore(':memory:');
  today = '2026-03-02';
  await createItems(store, 'run', [item('case-shelving', 'A1', 'U1'), item('case-shelving', 'A2', 'U2'), item('device-complaints', 'A3', 'U1'), item('case-shelving', 'A4', 'U1')], 'system', clock);
  // K1: 属实, rectified, returned once, closed after 5 days.
  await step('2026-03-02', SUP, K1, 'dispatch', { deadline_days: 10 });
  await step('2026-03-03', U1, K1, 'receive');
  await step('2026-03-03', U1, K1, 'verify', { finding: '属实', note: '情况属实' });
  await step('2026-03-04', U1, K1, 'submit', { measures: '已整改' });
  await step('2026-03-05', SUP, K1, 'return', { reason: '措施不具体' });
  await step('2026-03-06', U1, K1, 'submit', { measures: '已整改，附说明' });
  await step('2026-03-07', SUP, K1, 'approve');
  // K2: 不属实, verified after its one-day deadline (overdue), closed after 9 days.
  await step('2026-03-02', SUP, K2, 'dispatch', { deadline_days: 1 });
  await step('2026-03-10', U2, K2, 'receive');
  await step('2026-03-10', U2, K2, 'verify', { finding: '不属实', note: '记录有误' });
  await step('2026-03-11', SUP, K2, 'approve');
  // K3: 不属实, returned, then 属实; closed; found again with new evidence (recurs) and dispatched again.
  await step('2026-03-02', SUP, K3, 'dispatch', { deadline_days: 10 });
  await step('2026-03-03', U1, K3, 'receive');
  await step('2026-03-03', U1, K3, 'verify', { finding: '不属实', note: '无此事' });
  await step('2026-03-04', SUP, K3, 'return', { reason: '核查不实' });
  await step('2026-03-05', U1, K3, 'verify', { finding: '属实', note: '确有其事' });
  await step('2026-03-05', U1, K3, 'submit', { measures: '已整改' });
  await step('2026-03-09', SUP, K3, 'approve');
  today = '2026-04-01';
  await createItems(store, 'run', [item('device-complaints', 'A3', 'U1', [{ kind: 'accident', id: 'A3' }, { kind: 'accident', id: 'A3b' }])], 'system', clock);
  await step('2026-04-02', SUP, K3, 'dispatch', { deadline_days: 5 });
  // K4: never dispatched.
});
afterAll(() => store.close());

const row = (rows: EffectivenessRow[], category: string, unit: string | null) => rows.find((r) => r.category === category && r.unit === unit);

/** The figures rebuilt by replaying each item's audit log in order, as a person reading it would count. */
async function rebuilt(from: string, to: string, asOf: string): Promise<Map<string, Omit<EffectivenessRow, 'category' | 'unit' | 'false_share' | 'median_days_to_close'> & { days: number[] }>> {
  const items = await store.all<{ item_key: string; category: string; unit: string }>("SELECT item_key, category, unit FROM items WHERE source = 'run'");
  const out = new Map<string, Omit<EffectivenessRow, 'category' | 'unit' | 'false_share' | 'median_days_to_close'> & { days: number[] }>();
  for (const it of items) {
    const history = await auditOf(store, it.item_key);
    for (const key of [`${it.category}|${it.unit}`, `${it.category}|`]) {
      const f = out.get(key) ?? { dispatched: 0, verified: 0, true_findings: 0, false_findings: 0, returned: 0, overdue: 0, recurred: 0, closed: 0, days: [] };
      let lastDispatch: string | null = null;
      history.forEach((e, i) => {
        const day = e.at.slice(0, 10);
        if (e.action === 'dispatch') lastDispatch = day;
        if (day < from || day > to) return;
        if (e.action === 'dispatch') {
          f.dispatched++;
          const reached = history.slice(i + 1).find((x) => x.to === 'review')?.at.slice(0, 10) ?? asOf;
          if (String(e.fields.deadline) < reached) f.overdue++;
        }
        if (e.action === 'verify') { f.verified++; if (e.fields.finding === '属实') f.true_findings++; else f.false_findings++; }
        if (e.action === 'return') f.returned++;
        if (e.action === 'recur') f.recurred++;
        if (e.action === 'approve' && lastDispatch) { f.closed++; f.days.push((Date.parse(day) - Date.parse(lastDispatch)) / 86_400_000); }
      });
      out.set(key, f);
    }
  }
  return out;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('规则成效', () => {
  it('counts the scripted history per category and unit, and per category', async () => {
    const r = await ruleEffectiveness(store, SUP, { from: '2026-03-01', to: '2026-04-30', today: '2026-04-30' });
    expect(row(r.rows, 'case-shelving', null)).toEqual({
      category: 'case-shelving', unit: null, dispatched: 2, verified: 2, true_findings: 1, false_findings: 1, false_share: 0.5,
      returned: 1, overdue: 1, recurred: 0, closed: 2, median_days_to_close: 7 });
    expect(row(r.rows, 'case-shelving', 'U2')).toMatchObject({ dispatched: 1, false_findings: 1, overdue: 1, closed: 1, median_days_to_close: 9 });
    // K3: two verifications (不属实 then 属实), one return, closed after 7 days, recurred and dispatched again; that
    // second dispatch is past its deadline by 2026-04-30 without reaching review.
    expect(row(r.rows, 'device-complaints', 'U1')).toMatchObject({
      dispatched: 2, verified: 2, true_findings: 1, false_findings: 1, returned: 1, recurred: 1, closed: 1, overdue: 1, median_days_to_close: 7 });
  });

  it('counts only what happened in the period', async () => {
    const r = await ruleEffectiveness(store, SUP, { from: '2026-04-01', to: '2026-04-30', today: '2026-04-30' });
    expect(r.rows.map((x) => [x.category, x.unit])).toEqual([['device-complaints', null], ['device-complaints', 'U1']]);
    expect(row(r.rows, 'device-complaints', null)).toMatchObject({ dispatched: 1, verified: 0, false_share: null, recurred: 1, closed: 0, median_days_to_close: null });
  });

  it('equals the figures rebuilt from the audit log', async () => {
    for (const [from, to, asOf] of [['2026-03-01', '2026-04-30', '2026-04-30'], ['2026-03-03', '2026-03-05', '2026-03-20'], ['2026-04-02', '2026-04-02', '2026-04-03']]) {
      const page = await ruleEffectiveness(store, SUP, { from, to, today: asOf });
      const oracle = await rebuilt(from, to, asOf);
      for (const [key, f] of oracle) {
        const [category, unit] = key.split('|');
        const got = row(page.rows, category, unit || null);
        const { days, ...counts } = f;
        if (Object.values(counts).every((n) => n === 0)) { expect(got, key).toBeUndefined(); continue; }
        expect(got, `${from}…${to} ${key}`).toMatchObject({ ...counts, median_days_to_close: median(days) });
      }
    }
  });

  it('a brigade sees its own unit only', async () => {
    const r = await ruleEffectiveness(store, U2, { from: '2026-03-01', to: '2026-04-30', today: '2026-04-30' });
    expect(r.rows.map((x) => [x.category, x.unit])).toEqual([['case-shelving', null], ['case-shelving', 'U2']]);
  });

  it('marks a category whose 不属实 share over the window passes the setting, given enough verifications', async () => {
    const base = { from: '2026-03-01', to: '2026-04-30', today: '2026-04-30' };
    expect((await ruleEffectiveness(store, SUP, base)).flagged).toEqual([]);
    const loose = { windowDays: 90, minVerified: 2, falseShare: 0.3 };
    expect((await ruleEffectiveness(store, SUP, base, loose)).flagged.map((f) => [f.category, f.false_share])).toEqual([['case-shelving', 0.5], ['device-complaints', 0.5]]);
    // The window ends today. 30 days to 2026-04-01 hold all four verifications; to 2026-04-05 only case-shelving's
    // 不属实 of 03-10 (device-complaints' fall before 03-07); to 2026-04-12 none.
    const flagged = async (day: string) => (await ruleEffectiveness(store, SUP, { ...base, today: day }, { windowDays: 30, minVerified: 1, falseShare: 0.3 })).flagged.map((f) => f.category);
    expect(await flagged('2026-04-01')).toEqual(['case-shelving', 'device-complaints']);
    expect(await flagged('2026-04-05')).toEqual(['case-shelving']);
    expect(await flagged('2026-04-12')).toEqual([]);
  });
});

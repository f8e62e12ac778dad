import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { Store } from '../store/db.ts';
import type { Warning } from '../analyze/merge.ts';
import { monthsOf, riskFromWarnings, riskScore, type RiskReport } from './risk.ts';
import { DEFAULT_RISK_SETTINGS, mergeRiskSettings } from './risk-settings.ts';

const period = { from: '2021-01-01', to: '2021-03-31', asOf: '2021-04-10' };
const w = (category: Warning['category'], kind: string, id: string, severity: Warning['severity'], evidence: Warning['evidence'] = []): Warning =>
  ({ category, subject: { kind, id }, unit: 'U1', severity, score: 0.9, rule: 'r', title: `${category} ${id}`, evidence });

describe('officer risk from warnings', () => {
  let store: Store;
  let r: RiskReport;
  beforeAll(async () => {
    store = await fixtureStore({
      units: [{ unit_code: 'U1', unit_name: '甲大队' }],
      officers: [
        { officer_id: 'WEARER', name: '甲', unit_code: 'U1' }, { officer_id: 'DELETER', name: '乙', unit_code: 'U1' },
        { officer_id: 'TICKETER', name: '丙', unit_code: 'U1' }, { officer_id: 'REVIEWER', name: '丁', unit_code: 'U1' },
        { officer_id: 'VOIDER', name: '戊', unit_code: 'U1' }, { officer_id: 'QUIET', name: '己', unit_code: 'U1' },
      ],
      videos: [{ video_id: 'VID', officer_id: 'WEARER', started_at: '2021-02-03 08:00:00', ended_at: '2021-02-03 09:00:00', status: '已删除', deleted_at: '2021-02-10 08:00:00', deleted_by: 'DELETER' }],
      violations: [
        { violation_id: 'ONSITE', plate: 'A', plate_type: '02', occurred_at: '2021-01-05 10:00:00', code: '1', source: '现场', officer_id: 'TICKETER', status: '已处理' },
        { violation_id: 'CAMERA', plate: 'A', plate_type: '02', occurred_at: '2021-01-06 10:00:00', code: '1', source: '非现场', reviewer_id: 'REVIEWER', status: '已处理' },
        { violation_id: 'VOID1', plate: 'B', plate_type: '02', occurred_at: '2021-02-01 10:00:00', code: '1', source: '非现场', status: '已作废', voided_by: 'VOIDER', voided_at: '2021-03-02 10:00:00' },
        { violation_id: 'VOID2', plate: 'B', plate_type: '02', occurred_at: '2021-02-02 10:00:00', code: '1', source: '非现场', status: '已作废', voided_by: 'VOIDER', voided_at: '2021-04-05 10:00:00' },
      ],
      opinions: [
        { opinion_id: 'C1', received_on: '2021-03-01', unit_code: 'U1', kind: '投诉', officer_id: 'TICKETER' },
        { opinion_id: 'C2', received_on: '2021-05-01', unit_code: 'U1', kind: '投诉', officer_id: 'TICKETER' },
        { opinion_id: 'C3', received_on: '2021-03-01', unit_code: 'U1', kind: '意见建议', officer_id: 'TICKETER' },
      ],
    });
    r = await riskFromWarnings(store, period, [
      w('bodycam-deletion', 'video', 'VID', 'medium', [{ kind: 'video', id: 'VID' }, { kind: 'officer', id: 'WEARER' }, { kind: 'officer', id: 'DELETER' }]),
      w('code-mismatch', 'violation', 'ONSITE', 'medium'),
      w('duplicate-penalty', 'violation', 'ONSITE', 'medium'),
      w('code-mismatch', 'violation', 'CAMERA', 'medium'),
      w('favor-voiding', 'officer', 'VOIDER', 'high', [{ kind: 'officer', id: 'VOIDER' }, { kind: 'violation', id: 'VOID1' }, { kind: 'violation', id: 'VOID2' }]),
      w('device-volume', 'device', 'DEV', 'high'),
    ]);
  });
  afterAll(() => store.close());

  const get = (id: string) => r.officers.find((o) => o.officer_id === id)!;

  it('counts a deletion for the deleter, an on-site ticket for its officer, a camera capture for nobody', () => {
    expect(get('DELETER').counts['bodycam-deletion']).toBe(1);
    expect(get('WEARER').warnings).toEqual([]);
    expect(get('TICKETER').counts).toMatchObject({ 'code-mismatch': 1, 'duplicate-penalty': 1 });
    expect(get('REVIEWER').warnings).toEqual([]);
  });

  it('scores weight × severity, plus the repeat points, plus complaints of the period', () => {
    const s = DEFAULT_RISK_SETTINGS;
    expect(get('TICKETER').complaints.map((c) => c.opinion_id)).toEqual(['C1']);
    expect(get('TICKETER').score).toBe(Math.round((s.weights['code-mismatch'] * 0.8 + s.weights['duplicate-penalty'] * 0.8 + s.repeat + s.complaint) * 100) / 100);
    expect(get('VOIDER').score).toBe(s.weights['favor-voiding']);
    expect(riskScore([1, 2, 3], 2, { ...s, repeat: 1, complaint: 0.5 })).toBe(9);
  });

  it('ranks by score, lists every officer, and puts each warning in the month of its act', () => {
    expect(r.officers.map((o) => o.officer_id)).toEqual(['VOIDER', 'TICKETER', 'DELETER', 'QUIET', 'REVIEWER', 'WEARER']);
    expect(r.officers.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(get('DELETER').months.map((m) => m.warnings)).toEqual([0, 1, 0]);
    // The last void was recorded after the period (before the as-of date): shown in the period's last month.
    expect(get('VOIDER').months.map((m) => m.warnings)).toEqual([0, 0, 1]);
    expect(r.units).toEqual([expect.objectContaining({ unit: 'U1', officers: 6, officersAtRisk: 3, complaints: 1 })]);
  });

  it('lists the months of a period across a year end', () => {
    expect(monthsOf({ from: '2020-11-15', to: '2021-02-01' })).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
  });

  it('takes weight overrides by name and refuses unknown keys and bad values', () => {
    const ok = mergeRiskSettings({ weights: { 'bodycam-late-upload': 2 }, repeat: 0 });
    expect(ok.ok && ok.settings.weights['bodycam-late-upload']).toBe(2);
    expect(ok.ok && ok.settings.weights['favor-voiding']).toBe(DEFAULT_RISK_SETTINGS.weights['favor-voiding']);
    for (const bad of [{ weights: { nope: 1 } }, { repeat: -1 }, { repeat: '1' }, { extra: 1 }, [1]]) {
      const m = mergeRiskSettings(bad);
      expect(m.ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './device-complaints.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };

const devices: NewRow<'devices'>[] = ['C1', 'C2', 'C3', 'C4'].map((id) => ({ device_id: id, name: `路口${id}`, kind: '闯红灯', unit_code: `U${id}` }));
let seq = 0;
const op = (device_id: string | null, received_on = '2021-03-01', extra: Partial<NewRow<'opinions'>> = {}): NewRow<'opinions'> => ({
  opinion_id: `O${String(++seq).padStart(4, '0')}`, received_on, unit_code: 'UX', channel: '12345热线', kind: '投诉',
  device_id, content: '抓拍不合理', ...extra,
});
const times = (n: number, f: () => NewRow<'opinions'>): NewRow<'opinions'>[] => Array.from({ length: n }, f);

async function run(opinions: NewRow<'opinions'>[]) {
  return runRule(rule, { devices, opinions }, PERIOD);
}

describe('device-complaints (RULES Part 11)', () => {
  it('two complaints are not flagged; three are medium; eight are high', async () => {
    const c2 = times(2, () => op('C1'));
    const c3 = times(3, () => op('C2'));
    const c8 = times(8, () => op('C3'));
    const out = await run([...c2, ...c3, ...c8]);
    expect(out.map((f) => [f.subject_id, f.severity, f.unit])).toEqual([['C2', 'medium', 'UC2'], ['C3', 'high', 'UC3']]);
    expect(out[0].evidence).toEqual([{ kind: 'device', id: 'C2' }, ...c3.map((o) => ({ kind: 'opinion', id: o.opinion_id }))]);
    expect(out[0].title).toContain('3 次');
    expect(out[1].title).toContain('8 次');
  });

  it('seven complaints are still medium', async () => {
    const out = await run(times(7, () => op('C1')));
    expect(out.map((f) => f.severity)).toEqual(['medium']);
  });

  it('意见建议 naming the device are not counted', async () => {
    const out = await run([...times(2, () => op('C1')), ...times(3, () => op('C1', '2021-03-02', { kind: '意见建议', channel: '座谈会' }))]);
    expect(out).toEqual([]);
  });

  it('complaints about officers (no device) are not counted, whatever the unit', async () => {
    const out = await run([...times(2, () => op('C1')), ...times(5, () => op(null, '2021-03-02', { officer_id: 'P1', unit_code: 'UC1' }))]);
    expect(out).toEqual([]);
  });

  it('complaints received outside the period are not counted; the period ends are included', async () => {
    const outside = [op('C1', '2020-12-31'), op('C1', '2021-07-01')];
    expect(await run([...outside, op('C1', '2021-01-01')])).toEqual([]);
    const edges = await run([op('C4', '2021-01-01'), op('C4', '2021-06-30'), op('C4', '2021-04-01')]);
    expect(edges.map((f) => f.subject_id)).toEqual(['C4']);
  });

  it('counts by the device named, not by the unit that heard the complaint', async () => {
    const out = await run([op('C1', '2021-02-01', { unit_code: 'A' }), op('C1', '2021-02-02', { unit_code: 'B' }), op('C1', '2021-02-03', { unit_code: 'C' })]);
    expect(out.map((f) => [f.subject_id, f.unit])).toEqual([['C1', 'UC1']]);
  });
});

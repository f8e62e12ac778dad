import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './device-volume.ts';

const PERIOD = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' };

/** Devices given as [id, kind, count, first capture date?]; the captures are spread a few hours apart. */
function data(spec: [string, string, number, string?][], status: (i: number) => string = () => '已处理') {
  const devices: NewRow<'devices'>[] = [];
  const violations: NewRow<'violations'>[] = [];
  let seq = 0;
  for (const [id, kind, n, start] of spec) {
    devices.push({ device_id: id, name: `设备${id}`, kind, unit_code: `U${id}` });
    const t0 = new Date(`${start ?? '2021-01-02'}T00:00:00Z`).getTime();
    for (let i = 0; i < n; i++) {
      const ts = new Date(t0 + i * 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      violations.push({ violation_id: `V${String(++seq).padStart(6, '0')}`, plate: `晋K${seq}`, plate_type: '02', occurred_at: ts, code: '1625', source: '非现场', device_id: id, status: status(i) });
    }
  }
  return { devices, violations };
}
const red = (prefix: string, counts: number[]): [string, string, number][] => counts.map((n, i) => [`${prefix}${i}`, '闯红灯', n]);

async function run(d: { devices: NewRow<'devices'>[]; violations: NewRow<'violations'>[] }) {
  return runRule(rule, d, PERIOD);
}

describe('device-volume (RULES Part 12)', () => {
  it('natural spread (5× the median) is not flagged', async () => {
    expect(await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 50]]))).toEqual([]);
  });

  it('7× both medians is flagged medium; just under 7× is not', async () => {
    const out = await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 70]]));
    expect(out.map((f) => [f.subject_id, f.severity, f.unit])).toEqual([['X', 'medium', 'UX']]);
    expect(out[0].evidence).toEqual([{ kind: 'device', id: 'X' }]);
    expect(out[0].title).toContain('抓拍 70 起');
    expect(out[0].title).toContain('同类设备中位数 10 的 7.0 倍');
    expect(out[0].title).toContain('全部设备中位数 10 的 7.0 倍');
    expect(await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 69]]))).toEqual([]);
  });

  it('10× is high', async () => {
    const out = await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 100]]));
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['X', 'high']]);
  });

  it('captures of any status count', async () => {
    const out = await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 70]], (i) => (i % 3 === 0 ? '已作废' : '已处理')));
    expect(out.map((f) => f.subject_id)).toEqual(['X']);
  });

  it('with fewer than 5 same-kind peers, the peers are all devices with captures', async () => {
    // S1 has a single same-kind peer (S2, 60): against it S1 would be 1.7×; against all others (median 10) it is 10×.
    const out = await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['S1', '区间测速', 100], ['S2', '区间测速', 60]]));
    expect(out.map((f) => [f.subject_id, f.severity])).toEqual([['S1', 'high']]);
    expect(out[0].title).toContain('同类不足 5 台');
  });

  it('also needs 7× the overall median: an outlier of a quiet kind among busy devices is not flagged', async () => {
    // P-kind peers median 5 → 7×; but the overall median is 40.
    const spec: [string, string, number][] = [
      ...[0, 1, 2, 3, 4].map((i): [string, string, number] => [`P${i}`, '违法停车', 5]), ['PX', '违法停车', 35],
      ...[0, 1, 2, 3, 4, 5, 6].map((i): [string, string, number] => [`B${i}`, '闯红灯', 40]),
    ];
    expect(await run(data(spec))).toEqual([]);
  });

  it('an even number of peers uses the mean of the two middle counts', async () => {
    // same-kind peers 10,10,10,20,20,20 → median 15; overall (13 devices incl. X) → 15.
    const spec: [string, string, number][] = [...red('R', [10, 10, 10, 20, 20, 20]), ...[0, 1, 2, 3, 4, 5].map((i): [string, string, number] => [`Y${i}`, '压实线', 15])];
    const hit = await run(data([...spec, ['X', '闯红灯', 105]]));
    expect(hit.map((f) => f.subject_id)).toEqual(['X']);
    expect(hit[0].title).toContain('同类设备中位数 15 的 7.0 倍');
    expect(await run(data([...spec, ['X', '闯红灯', 104]]))).toEqual([]);
  });

  it('a device in service for part of the period is not scaled up per day', async () => {
    // 15 captures in the last two weeks would be ~18× per day in service; over the period it is 1.5×.
    expect(await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['N', '闯红灯', 15, '2021-06-28']]))).toEqual([]);
  });

  it('captures outside the period are not counted', async () => {
    expect(await run(data([...red('R', [10, 10, 10, 10, 10, 10]), ['X', '闯红灯', 100, '2020-12-20']]))).toEqual([]);
  });
});

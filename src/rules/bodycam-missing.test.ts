import { describe, it, expect } from 'vitest';
import { runRule, H1_2021, type Fixture } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './bodycam-missing.ts';

const units = [
  { unit_code: 'U1', unit_name: '榆次交警大队', kind: '县区大队' },
  { unit_code: 'U2', unit_name: '太谷交警大队', kind: '县区大队' },
  { unit_code: 'U9', unit_name: '法制科', kind: '支队部门' },
];
const officers = [
  { officer_id: 'P1', name: '张三', unit_code: 'U1' },
  { officer_id: 'P2', name: '李四', unit_code: 'U2' },
  { officer_id: 'P3', name: '王五', unit_code: 'U1' },
];

const ticket = (id: string, at: string, extra: Partial<NewRow<'violations'>> = {}): NewRow<'violations'> => ({
  violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: at, code: '1240', source: '现场',
  officer_id: 'P1', status: '已处理', handling_unit: 'U2', ...extra,
});
const video = (id: string, officer: string, start: string, end: string, extra: Partial<NewRow<'videos'>> = {}): NewRow<'videos'> => ({
  video_id: id, officer_id: officer, started_at: start, ended_at: end, uploaded_at: end, status: '正常', ...extra,
});
const accident = (id: string, extra: Partial<NewRow<'accidents'>> = {}): NewRow<'accidents'> => ({
  accident_id: id, occurred_at: '2021-03-01 09:00:00', unit_code: 'U2', procedure: '一般程序', status: '已认定',
  officer_id: 'P1', reported_at: '2021-03-01 09:05:00', scene_done_at: '2021-03-01 11:00:00', ...extra,
});

async function run(data: Fixture) {
  return runRule(rule, { units, officers, violations: [], accidents: [], videos: [], ...data }, H1_2021);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('bodycam-missing: on-site tickets', () => {
  it('flags an on-site ticket with no recording at all, with the officer unit and evidence', async () => {
    const f = await run({ violations: [ticket('V1', '2021-03-01 10:00:00')] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_kind: 'violation', subject_id: 'V1', unit: 'U1', rule: 'ticket-no-video', severity: 'medium',
      evidence: [{ kind: 'violation', id: 'V1' }, { kind: 'officer', id: 'P1' }],
    });
    expect(f[0].title).toContain('张三');
  });

  it('is covered by the co-officer recording filed under the ticket', async () => {
    const f = await run({
      violations: [ticket('V1', '2021-03-01 10:00:00')],
      videos: [video('W1', 'P2', '2021-03-05 08:00:00', '2021-03-05 08:10:00', { linked_id: 'V1' })],
    });
    expect(f).toEqual([]);
  });

  it('own recording ending 29 min before the ticket covers it; 31 min does not', async () => {
    const f = await run({
      violations: [ticket('V1', '2021-03-01 10:00:00'), ticket('V2', '2021-03-02 10:00:00')],
      videos: [
        video('W1', 'P1', '2021-03-01 09:00:00', '2021-03-01 09:31:00'),
        video('W2', 'P1', '2021-03-02 09:00:00', '2021-03-02 09:29:00'),
      ],
    });
    expect(ids(f)).toEqual(['V2']);
  });

  it('own recording starting 29 min after the ticket span ends covers; 31 min after does not', async () => {
    const f = await run({
      violations: [ticket('V1', '2021-03-01 10:00:00'), ticket('V2', '2021-03-02 10:00:00')],
      videos: [
        video('W1', 'P1', '2021-03-01 10:41:00', '2021-03-01 11:00:00'),
        video('W2', 'P1', '2021-03-02 10:43:00', '2021-03-02 11:00:00'),
      ],
    });
    expect(ids(f)).toEqual(['V2']);
  });

  it('own recording spanning the whole ticket covers it, whatever its tag, link, upload or deletion', async () => {
    const f = await run({
      violations: [ticket('V1', '2021-03-01 10:00:00')],
      videos: [video('W1', 'P1', '2021-03-01 08:00:00', '2021-03-01 12:00:00', {
        tag: '巡逻执勤', linked_id: 'A-OTHER', uploaded_at: null, status: '已删除', deleted_at: '2021-03-02 00:00:00',
      })],
    });
    expect(f).toEqual([]);
  });

  it('a recording by another officer at the same time, not filed under the ticket, does not cover it', async () => {
    const f = await run({
      violations: [ticket('V1', '2021-03-01 10:00:00')],
      videos: [video('W1', 'P2', '2021-03-01 09:55:00', '2021-03-01 10:20:00')],
    });
    expect(ids(f)).toEqual(['V1']);
  });

  it('a voided on-site ticket still needs a recording', async () => {
    const f = await run({ violations: [ticket('V1', '2021-03-01 10:00:00', { status: '已作废', voided_by: 'P3' })] });
    expect(ids(f)).toEqual(['V1']);
    expect(f[0].title).toContain('已作废');
  });

  it('non-site camera captures are exempt', async () => {
    const f = await run({ violations: [ticket('V1', '2021-03-01 10:00:00', { source: '非现场', officer_id: null, device_id: 'D1' })] });
    expect(f).toEqual([]);
  });

  it('only tickets whose start is in the period', async () => {
    const f = await run({
      violations: [ticket('V0', '2020-12-31 23:59:00'), ticket('V1', '2021-06-30 23:59:00'), ticket('V2', '2021-07-01 00:00:00')],
    });
    expect(ids(f)).toEqual(['V1']);
  });

  it('an on-site ticket naming no officer falls back to the handling unit', async () => {
    const f = await run({ violations: [ticket('V1', '2021-03-01 10:00:00', { officer_id: null })] });
    expect(f[0]).toMatchObject({ subject_id: 'V1', unit: 'U2', evidence: [{ kind: 'violation', id: 'V1' }] });
  });
});

describe('bodycam-missing: attended accidents', () => {
  it('flags an attended accident with no recording; unit is the officer unit, not the accident unit', async () => {
    const f = await run({ accidents: [accident('A1')] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_kind: 'accident', subject_id: 'A1', unit: 'U1', rule: 'accident-no-video',
      evidence: [{ kind: 'accident', id: 'A1' }, { kind: 'officer', id: 'P1' }],
    });
  });

  it('arrival = reported + 15 min: own recording ending 29 min before 09:20 covers, 31 min before does not', async () => {
    const covered = await run({ accidents: [accident('A1')], videos: [video('W1', 'P1', '2021-03-01 08:00:00', '2021-03-01 08:51:00')] });
    expect(covered).toEqual([]);
    const not = await run({ accidents: [accident('A1')], videos: [video('W1', 'P1', '2021-03-01 08:00:00', '2021-03-01 08:49:00')] });
    expect(ids(not)).toEqual(['A1']);
  });

  it('arrival = scene end − 5 min when that is earlier than reported + 15 min', async () => {
    // reported 10:55, scene done 11:00 → arrival 10:55 (not 11:10); recording ending 10:26 covers, 10:24 does not
    const a = accident('A1', { reported_at: '2021-03-01 10:55:00', scene_done_at: '2021-03-01 11:00:00' });
    expect(await run({ accidents: [a], videos: [video('W1', 'P1', '2021-03-01 10:00:00', '2021-03-01 10:26:00')] })).toEqual([]);
    expect(ids(await run({ accidents: [a], videos: [video('W1', 'P1', '2021-03-01 10:00:00', '2021-03-01 10:24:00')] }))).toEqual(['A1']);
  });

  it('a recording starting up to 30 min after scene end covers; later does not', async () => {
    expect(await run({ accidents: [accident('A1')], videos: [video('W1', 'P1', '2021-03-01 11:30:00', '2021-03-01 11:40:00')] })).toEqual([]);
    expect(ids(await run({ accidents: [accident('A1')], videos: [video('W1', 'P1', '2021-03-01 11:31:00', '2021-03-01 11:40:00')] }))).toEqual(['A1']);
  });

  it('the assistant officer recording filed under the accident covers it; unfiled it does not', async () => {
    const a = accident('A1', { assistant_id: 'P2' });
    expect(await run({ accidents: [a], videos: [video('W1', 'P2', '2021-03-01 09:20:00', '2021-03-01 11:00:00', { linked_id: 'A1' })] })).toEqual([]);
    expect(ids(await run({ accidents: [a], videos: [video('W1', 'P2', '2021-03-01 09:20:00', '2021-03-01 11:00:00')] }))).toEqual(['A1']);
  });

  it('an accident without 主办民警 (settled by the parties) is exempt, also with an empty string', async () => {
    const f = await run({ accidents: [accident('A1', { officer_id: null, procedure: '简易程序' }), accident('A2', { officer_id: '' })] });
    expect(f).toEqual([]);
  });

  it('an accident without 勘查结束时间 is not an attended act', async () => {
    expect(await run({ accidents: [accident('A1', { scene_done_at: null })] })).toEqual([]);
  });

  it('simple-procedure accidents with an officer are acts too', async () => {
    expect(ids(await run({ accidents: [accident('A1', { procedure: '简易程序' })] }))).toEqual(['A1']);
  });

  it('an accident is in the period by its arrival time', async () => {
    const a = accident('A1', { occurred_at: '2020-12-31 23:50:00', reported_at: '2020-12-31 23:50:00', scene_done_at: '2021-01-01 02:00:00' });
    const b = accident('A2', { occurred_at: '2020-12-31 23:30:00', reported_at: '2020-12-31 23:40:00', scene_done_at: '2021-01-01 02:00:00' });
    expect(ids(await run({ accidents: [a, b] }))).toEqual(['A1']);
  });
});

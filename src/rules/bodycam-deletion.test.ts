import { describe, it, expect } from 'vitest';
import { runRule } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { rule } from './bodycam-deletion.ts';

const officers = [
  { officer_id: 'P1', name: '张三', unit_code: 'U1' },
  { officer_id: 'P2', name: '李四', unit_code: 'U2' },
];
const video = (id: string, extra: Partial<NewRow<'videos'>> = {}): NewRow<'videos'> => ({
  video_id: id, officer_id: 'P1', started_at: '2021-01-10 09:00:00', ended_at: '2021-01-10 10:00:00',
  uploaded_at: '2021-01-10 12:00:00', status: '已删除', deleted_at: '2021-03-01 08:00:00', deleted_by: 'P2', ...extra,
});

async function run(videos: NewRow<'videos'>[], period = { from: '2021-01-01', to: '2021-06-30', asOf: '2021-07-11' }) {
  return runRule(rule, { officers, videos }, period);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('bodycam-deletion', () => {
  it('flags a patrol recording deleted after 7 weeks, citing video, wearer and deleter; unit is the wearer unit', async () => {
    const f = await run([video('W1')]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      subject_kind: 'video', subject_id: 'W1', unit: 'U1', severity: 'medium', rule: 'video-deleted-early',
      evidence: [{ kind: 'video', id: 'W1' }, { kind: 'officer', id: 'P1' }, { kind: 'officer', id: 'P2' }],
    });
    expect(f[0].title).toContain('李四');
  });

  it('6 months minus a day is flagged; exactly 6 months and later are not', async () => {
    const f = await run([
      video('W1', { deleted_at: '2021-07-09 10:00:00', ended_at: '2021-01-10 10:00:00' }),
      video('W2', { started_at: '2021-01-09 09:00:00', ended_at: '2021-01-09 10:00:00', deleted_at: '2021-07-09 10:00:00' }),
      video('W3', { started_at: '2021-01-08 09:00:00', ended_at: '2021-01-08 10:00:00', deleted_at: '2021-07-09 10:00:00' }),
      video('W4', { deleted_at: '2021-07-10 09:59:59' }),
    ]);
    expect(ids(f)).toEqual(['W1', 'W4']);
  });

  it('months are calendar months from 结束时间, not 开始时间', async () => {
    // started 2020-12-31 is out of scope; a recording starting 2021-01-31 23:00 and ending 2021-02-01 01:00
    // is kept until 2021-08-01 01:00, so a deletion on 2021-07-05 is early even though start + 6 months = 07-31
    const f = await run([video('W1', { started_at: '2021-01-31 23:00:00', ended_at: '2021-02-01 01:00:00', deleted_at: '2021-07-05 00:00:00' })]);
    expect(ids(f)).toEqual(['W1']);
  });

  it('an evidence recording (filed under a case) deleted after a year is flagged high', async () => {
    const f = await run(
      [video('W1', { linked_id: 'V123', deleted_at: '2022-02-01 00:00:00' })],
      { from: '2021-01-01', to: '2021-06-30', asOf: '2022-03-01' },
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject_id: 'W1', severity: 'high', rule: 'evidence-video-deleted' });
    expect(f[0].title).toContain('V123');
  });

  it('a patrol recording from the previous year deleted in the period is out of scope and old enough', async () => {
    const f = await run([video('W1', { started_at: '2020-05-01 09:00:00', ended_at: '2020-05-01 10:00:00', deleted_at: '2021-03-01 00:00:00' })]);
    expect(f).toEqual([]);
  });

  it('a recording from the previous year that is evidence is out of scope (scope is by 开始时间)', async () => {
    const f = await run([video('W1', { started_at: '2020-12-31 23:00:00', ended_at: '2021-01-01 00:30:00', linked_id: 'A1' })]);
    expect(f).toEqual([]);
  });

  it('recordings that are not deleted are never flagged, evidence or not', async () => {
    const f = await run([video('W1', { status: '正常', deleted_at: null, deleted_by: null }), video('W2', { status: '正常', deleted_at: null, linked_id: 'V1' })]);
    expect(f).toEqual([]);
  });

  it('a deletion recorded after T but before the as-of date counts; one on or after the as-of date does not', async () => {
    const f = await run([
      video('W1', { started_at: '2021-06-20 09:00:00', ended_at: '2021-06-20 10:00:00', deleted_at: '2021-07-05 10:00:00' }),
      video('W2', { started_at: '2021-06-20 09:00:00', ended_at: '2021-06-20 10:00:00', deleted_at: '2021-07-11 10:00:00' }),
    ]);
    expect(ids(f)).toEqual(['W1']);
  });

  it('a self-deletion names the officer once; a deletion with no recorded time is early when the as-of date is within 6 months', async () => {
    const f = await run([
      video('W1', { deleted_by: 'P1' }),
      video('W2', { started_at: '2021-03-01 09:00:00', ended_at: '2021-03-01 10:00:00', deleted_at: null }),
      // ended 2021-01-05: by the as-of date 2021-07-11 it was over 6 months old, so the deletion may have been lawful
      video('W3', { started_at: '2021-01-05 09:00:00', ended_at: '2021-01-05 10:00:00', deleted_at: null }),
    ]);
    expect(ids(f)).toEqual(['W1', 'W2']);
    expect(f[0].evidence).toEqual([{ kind: 'video', id: 'W1' }, { kind: 'officer', id: 'P1' }]);
  });
  it('month-end arithmetic: ended 08-31 is kept until 02-28 (clamped); deleted 02-27 is early, 02-28 is not', async () => {
    const period = { from: '2021-07-01', to: '2021-12-31', asOf: '2022-04-01' };
    const f = await run([
      video('M1', { started_at: '2021-08-31 09:00:00', ended_at: '2021-08-31 10:00:00', deleted_at: '2022-02-28 09:59:59' }),
      video('M2', { started_at: '2021-08-31 09:00:00', ended_at: '2021-08-31 10:00:00', deleted_at: '2022-02-28 10:00:00' }),
      video('M3', { started_at: '2021-08-31 09:00:00', ended_at: '2021-08-31 10:00:00', deleted_at: '2022-03-02 10:00:00' }),
    ], period);
    expect(ids(f)).toEqual(['M1']);
  });

  it('a recording with an empty 存储状态 but a recorded 删除时间 was deleted', async () => {
    const f = await run([video('N1', { status: null }), video('N2', { status: null, deleted_at: null, deleted_by: null }), video('N3', { status: '正常', deleted_at: null, deleted_by: null })]);
    expect(ids(f)).toEqual(['N1']);
  });
});

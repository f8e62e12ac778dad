import { describe, it, expect } from 'vitest';
import { fixtureStore, runRule, H1_2021 } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import { makeContext } from './context.ts';
import { rule } from './bodycam-late-upload.ts';

const officers = [{ officer_id: 'P1', name: '张三', unit_code: 'U1' }];
const video = (id: string, extra: Partial<NewRow<'videos'>> = {}): NewRow<'videos'> => ({
  video_id: id, officer_id: 'P1', started_at: '2021-03-01 09:00:00', ended_at: '2021-03-01 10:00:00',
  uploaded_at: '2021-03-01 12:00:00', status: '正常', ...extra,
});

async function run(videos: NewRow<'videos'>[]) {
  return runRule(rule, { officers, videos }, H1_2021);
}
const ids = (f: { subject_id: string }[]) => f.map((x) => x.subject_id);

describe('bodycam-late-upload', () => {
  it('23h59m after the end is on time, exactly 24h is on time, 24h01m is late', async () => {
    const f = await run([
      video('W1', { uploaded_at: '2021-03-02 09:59:00' }),
      video('W2', { uploaded_at: '2021-03-02 10:00:00' }),
      video('W3', { uploaded_at: '2021-03-02 10:01:00' }),
    ]);
    expect(ids(f)).toEqual(['W3']);
    expect(f[0]).toMatchObject({
      subject_kind: 'video', unit: 'U1', severity: 'medium', rule: 'video-uploaded-late',
      evidence: [{ kind: 'video', id: 'W3' }, { kind: 'officer', id: 'P1' }],
    });
  });

  it('a long recording is measured from its end: uploaded 20 h after it ended is on time', async () => {
    const f = await run([video('W1', { started_at: '2021-03-01 00:00:00', ended_at: '2021-03-01 20:00:00', uploaded_at: '2021-03-02 16:00:00' })]);
    expect(f).toEqual([]);
  });

  it('more than 72 h late is high; 72 h exactly is medium', async () => {
    const f = await run([
      video('W1', { uploaded_at: '2021-03-04 10:00:00' }),
      video('W2', { uploaded_at: '2021-03-04 10:01:00' }),
    ]);
    expect(f.map((x) => [x.subject_id, x.severity])).toEqual([['W1', 'medium'], ['W2', 'high']]);
  });

  it('not uploaded past the deadline before the as-of date is flagged; still within the deadline is not', async () => {
    const f = await run([
      video('W1', { uploaded_at: null }),
      // ends 2021-06-30 23:00 → deadline 07-01 23:00 < as-of 07-11 00:00
      video('W2', { started_at: '2021-06-30 22:00:00', ended_at: '2021-06-30 23:00:00', uploaded_at: null }),
    ]);
    expect(ids(f)).toEqual(['W1', 'W2']);
    expect(f[0]).toMatchObject({ rule: 'video-not-uploaded', severity: 'high' });
  });

  it('not uploaded, deadline falling on or after the as-of date 00:00, is not yet late', async () => {
    const store = await fixtureStore({ officers, videos: [
      video('W1', { started_at: '2021-07-09 23:00:00', ended_at: '2021-07-10 00:00:00', uploaded_at: null }),
      video('W2', { started_at: '2021-07-09 22:00:00', ended_at: '2021-07-09 23:59:00', uploaded_at: null }),
    ] });
    try {
      const f = await rule.run(makeContext(store, { from: '2021-07-01', to: '2021-07-10', asOf: '2021-07-11' }));
      expect(ids(f)).toEqual(['W2']);
      expect(f[0].severity).toBe('medium');
    } finally {
      store.close();
    }
  });

  it('only recordings started in the period', async () => {
    const f = await run([
      video('W0', { started_at: '2020-12-31 23:00:00', ended_at: '2021-01-01 01:00:00', uploaded_at: '2021-01-05 00:00:00' }),
      video('W1', { started_at: '2021-06-30 23:00:00', ended_at: '2021-07-01 01:00:00', uploaded_at: '2021-07-05 00:00:00' }),
      video('W2', { started_at: '2021-07-01 00:00:00', ended_at: '2021-07-01 01:00:00', uploaded_at: '2021-07-05 00:00:00' }),
    ]);
    expect(ids(f)).toEqual(['W1']);
  });

  it('deletion or linking does not excuse a late upload', async () => {
    const f = await run([video('W1', { uploaded_at: '2021-03-03 10:00:00', status: '已删除', deleted_at: '2021-04-01 00:00:00', linked_id: 'V1' })]);
    expect(ids(f)).toEqual(['W1']);
  });
});

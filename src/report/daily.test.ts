import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { NewRow } from '../contract/tables.ts';
import type { Store } from '../store/db.ts';
import { dailyReport, type DailyReport } from './daily.ts';
import { dailyHtml, dailyText, writeDailyXlsx } from './daily-render.ts';

const D = '2021-03-15';
const units = [
  { unit_code: 'U1', unit_name: '甲大队', kind: '县区大队' },
  { unit_code: 'U2', unit_name: '乙大队', kind: '县区大队' },
  { unit_code: 'FZ', unit_name: '法制科', kind: '支队部门' },
];
const officers = [
  { officer_id: 'P1', name: '张三', unit_code: 'U1' },
  { officer_id: 'P2', name: '李四', unit_code: 'U2' },
  { officer_id: 'P3', name: '王<五>', unit_code: 'U2' },
];
const video = (id: string, officer: string, started: string, ended: string, extra: Partial<NewRow<'videos'>> = {}): NewRow<'videos'> =>
  ({ video_id: id, officer_id: officer, started_at: started, ended_at: ended, uploaded_at: null, status: '正常', ...extra });
const ticket = (id: string, officer: string, at: string): NewRow<'violations'> =>
  ({ violation_id: id, plate: '晋K00001', plate_type: '02', occurred_at: at, code: '1039', source: '现场', officer_id: officer, status: '已处理' });

const videos: NewRow<'videos'>[] = [
  // Upload deadlines (end + 24 h): exactly on the boundary is on time; one minute past is late; never uploaded is late.
  video('ON-TIME', 'P1', '2021-03-14 09:00:00', '2021-03-14 10:00:00', { uploaded_at: '2021-03-15 10:00:00' }),
  video('LATE-1MIN', 'P1', '2021-03-14 10:00:00', '2021-03-14 11:00:00', { uploaded_at: '2021-03-15 11:01:00' }),
  video('NEVER', 'P2', '2021-03-14 11:30:00', '2021-03-14 12:00:00'),
  // Ends on D: its deadline is on D + 1, so it is not late on D even though it is never uploaded.
  video('ENDS-ON-D', 'P2', '2021-03-15 09:00:00', '2021-03-15 10:00:00'),
  // Deletions on D: inside the six-month retention (listed), past it (not), evidence of any age (listed), the day before (not).
  video('DEL-EARLY', 'P1', '2021-01-10 08:00:00', '2021-01-10 09:00:00', { uploaded_at: '2021-01-10 12:00:00', status: '已删除', deleted_at: '2021-03-15 16:00:00', deleted_by: 'P2' }),
  video('DEL-OLD', 'P1', '2020-08-01 08:00:00', '2020-08-01 09:00:00', { uploaded_at: '2020-08-01 12:00:00', status: '已删除', deleted_at: '2021-03-15 16:05:00', deleted_by: 'P2' }),
  video('DEL-EVIDENCE', 'P2', '2019-05-01 08:00:00', '2019-05-01 09:00:00', { uploaded_at: '2019-05-01 12:00:00', linked_id: 'V-OLD', status: '已删除', deleted_at: '2021-03-15 17:00:00', deleted_by: 'P2' }),
  video('DEL-YESTERDAY', 'P1', '2021-02-01 08:00:00', '2021-02-01 09:00:00', { uploaded_at: '2021-02-01 12:00:00', status: '已删除', deleted_at: '2021-03-14 16:00:00', deleted_by: 'P1' }),
  // Covers T-COVERED (own recording overlapping the ticket).
  video('COVER', 'P3', '2021-03-15 14:00:00', '2021-03-15 14:30:00', { uploaded_at: '2021-03-15 18:00:00' }),
];
const violations = [
  ticket('T-BARE', 'P3', '2021-03-15 08:00:00'),
  ticket('T-COVERED', 'P3', '2021-03-15 14:10:00'),
  ticket('T-YESTERDAY', 'P3', '2021-03-14 08:00:00'),
];

describe('the daily report', () => {
  let store: Store;
  let r: DailyReport;
  let dir: string;
  beforeAll(async () => {
    store = await fixtureStore({ units, officers, videos, violations });
    r = await dailyReport(store, D);
    dir = await mkdtemp(join(tmpdir(), 'yanpan-daily-'));
  });
  afterAll(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ids = (rep: DailyReport, section: string) => rep.units.flatMap((u) => u.items.filter((i) => i.section === section).map((i) => i.subject.id)).sort();

  it('judges the day at its end', () => expect(r.asOf).toBe('2021-03-16'));

  it('lists a late upload one minute past the deadline, not one exactly on it, and a recording never uploaded', () => {
    expect(ids(r, 'late')).toEqual(['LATE-1MIN', 'NEVER']);
  });

  it('lists a recording on the day its deadline passes, not the day it was made', async () => {
    const next = await dailyReport(store, '2021-03-16');
    expect(ids(next, 'late')).toEqual(['ENDS-ON-D']);
  });

  it('lists deletions made on the day inside the retention period or of evidence, not after retention', () => {
    expect(ids(r, 'deleted')).toEqual(['DEL-EARLY', 'DEL-EVIDENCE']);
  });

  it('lists acts of the day without a recording', () => {
    expect(ids(r, 'missing')).toEqual(['T-BARE']);
  });

  it('groups by unit, counts, and names the officers with their roles', () => {
    expect(r.units.map((u) => [u.unit, u.counts])).toEqual([
      ['U1', { missing: 0, late: 1, deleted: 1 }],
      ['U2', { missing: 1, late: 1, deleted: 1 }],
    ]);
    expect(r.totals).toEqual({ missing: 1, late: 2, deleted: 2 });
    const del = r.units[0].items.find((i) => i.subject.id === 'DEL-EARLY')!;
    expect(del.officers).toEqual([{ id: 'P1', name: '张三', role: '佩戴民警' }, { id: 'P2', name: '李四', role: '删除人' }]);
    expect(del.at).toBe('2021-03-15 16:00');
    const late = r.units[0].items.find((i) => i.subject.id === 'LATE-1MIN')!;
    expect(late.at).toBe('2021-03-15 11:00');
    expect(r.units[1].items.find((i) => i.subject.id === 'T-BARE')!.officers).toEqual([{ id: 'P3', name: '王<五>', role: '执勤民警' }]);
  });

  it('renders text, escaped HTML and an XLSX with one row per item', async () => {
    expect(dailyText(r)).toContain('乙大队（U2）：执法无视频 1，视频超时上传 1，视频违规删除 1');
    const html = dailyHtml(r);
    expect(html).toContain('王&lt;五&gt;');
    expect(html).not.toContain('王<五>');
    expect(html).not.toMatch(/https?:\/\//);
    const file = join(dir, 'd.xlsx');
    await writeDailyXlsx(r, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + 5);
    expect(ws.getRow(2).getCell(6).value).toBe('LATE-1MIN');
  });

  it('says so when the day is clean', async () => {
    const quiet = await dailyReport(store, '2021-06-01');
    expect(quiet.units).toEqual([]);
    expect(dailyText(quiet)).toContain('当日无');
  });
});

import { describe, it, expect } from 'vitest';
import { openStore } from '../store/db.ts';
import { addWorkingDays, calendarSql, isWorkdayByPackage, materializeCalendar, packageSpecialDays, scheduleYears, setOverride, uncoveredYears } from './calendar.ts';

const DAYS_2021 = async () => {
  const s = await openStore(':memory:');
  await materializeCalendar(s, '2021-01-01', '2021-12-31');
  const rows = await s.all<{ day: string; is_workday: boolean; workday_no: number }>('SELECT * FROM calendar ORDER BY day');
  return { s, byDay: new Map(rows.map((r) => [r.day, r])) };
};

describe('working-day calendar (RULES 0.3)', () => {
  it('reads the State Council schedule from chinese-days: 2021 make-up days and holidays', () => {
    const sp = packageSpecialDays();
    expect(sp.get('2021-02-07')).toBe(true);
    expect(sp.get('2021-02-20')).toBe(true);
    expect(sp.get('2021-04-25')).toBe(true);
    expect(sp.get('2021-05-08')).toBe(true);
    for (const d of ['2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17', '2021-05-03', '2021-10-07']) expect(sp.get(d)).toBe(false);
    expect(scheduleYears()).toContain(2021);
    expect(isWorkdayByPackage('2021-02-07')).toBe(true); // Sunday, make-up day
    expect(isWorkdayByPackage('2021-02-06')).toBe(false); // ordinary Saturday
    expect(isWorkdayByPackage('2021-02-16')).toBe(false); // Tuesday in Spring Festival
    expect(isWorkdayByPackage('2021-03-03')).toBe(true); // ordinary Wednesday
  });

  it('materialises calendar(day, is_workday, workday_no) with make-up days working and holidays off', async () => {
    const { s, byDay } = await DAYS_2021();
    expect(byDay.size).toBe(365);
    expect(byDay.get('2021-02-07')!.is_workday).toBe(true); // Sunday make-up
    expect(byDay.get('2021-02-20')!.is_workday).toBe(true); // Saturday make-up
    for (let d = 11; d <= 17; d++) expect(byDay.get(`2021-02-${d}`)!.is_workday).toBe(false);
    for (let d = 1; d <= 5; d++) expect(byDay.get(`2021-05-0${d}`)!.is_workday).toBe(false);
    expect(byDay.get('2021-04-25')!.is_workday).toBe(true);
    expect(byDay.get('2021-05-08')!.is_workday).toBe(true);
    for (let d = 1; d <= 7; d++) expect(byDay.get(`2021-10-0${d}`)!.is_workday).toBe(false);
    expect(byDay.get('2021-03-06')!.is_workday).toBe(false); // ordinary Saturday
    // workday_no: cumulative count; 2021-01-01..03 New Year holiday, 01-04 (Mon) is the first working day
    expect(byDay.get('2021-01-03')!.workday_no).toBe(0);
    expect(byDay.get('2021-01-04')!.workday_no).toBe(1);
    expect(byDay.get('2021-02-10')!.workday_no).toBe(byDay.get('2021-02-17')!.workday_no);
    expect(byDay.get('2021-02-18')!.workday_no).toBe(byDay.get('2021-02-10')!.workday_no + 1);
    // 2021 had 250 working days
    expect(byDay.get('2021-12-31')!.workday_no).toBe(250);
    s.close();
  });

  it('counts N working days strictly after the date, skipping a holiday and counting a make-up day', async () => {
    const s = await openStore(':memory:');
    expect(await addWorkingDays(s, '2021-02-05', 1)).toBe('2021-02-07'); // Friday → Sunday make-up day
    expect(await addWorkingDays(s, '2021-02-09', 10)).toBe('2021-03-01'); // 10,(11–17 off),18,19,20(Sat make-up),22,23,24,25,26,3/1
    expect(await addWorkingDays(s, '2021-04-28', 5)).toBe('2021-05-08'); // 29,30,(5/1–5 off),6,7,8(Sat make-up)
    expect(await addWorkingDays(s, '2021-02-13', 1)).toBe('2021-02-18'); // from inside a holiday
    expect(await addWorkingDays(s, '2021-09-30', 1)).toBe('2021-10-08');
    s.close();
  });

  it('lets calendar_overrides win over the package (an administrator extends the schedule)', async () => {
    const s = await openStore(':memory:');
    await setOverride(s, '2021-03-03', false, '地方调整：停工一天');
    await setOverride(s, '2021-03-06', true, '补班');
    await setOverride(s, '2021-02-16', true, '测试：节日改上班');
    await materializeCalendar(s, '2021-02-01', '2021-03-31');
    const rows = await s.all<{ day: string; is_workday: boolean }>(
      "SELECT day, is_workday FROM calendar WHERE day IN ('2021-03-03','2021-03-06','2021-02-16','2021-02-15') ORDER BY day");
    expect(rows).toEqual([
      { day: '2021-02-15', is_workday: false },
      { day: '2021-02-16', is_workday: true },
      { day: '2021-03-03', is_workday: false },
      { day: '2021-03-06', is_workday: true },
    ]);
    expect(await addWorkingDays(s, '2021-03-02', 1)).toBe('2021-03-04');
    expect(await addWorkingDays(s, '2021-03-05', 1)).toBe('2021-03-06');
    // a year the package does not know becomes covered by overrides
    expect(await uncoveredYears(s, '2099-01-01', '2099-12-31')).toEqual([2099]);
    await setOverride(s, '2099-01-01', false, '元旦');
    expect(await uncoveredYears(s, '2099-01-01', '2099-12-31')).toEqual([]);
    s.close();
  });

  it('is usable as a CTE', async () => {
    const s = await openStore(':memory:');
    const [r] = await s.all<{ n: number }>(`WITH calendar AS (${calendarSql('2021-10-01', '2021-10-31')}) SELECT count(*) FILTER (WHERE is_workday) AS n FROM calendar`);
    expect(r.n).toBe(17); // Oct 2021: 21 weekdays − 5 holiday weekdays (1, 4–7) + make-up Saturday 10-09
    s.close();
  });
});

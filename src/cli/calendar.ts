// `yanpan calendar`: the working-day schedule in force (State Council schedule from chinese-days, plus
// the administrator's overrides), and the commands to add next year's days before the package knows them.
import { openStore } from '../store/db.ts';
import { isWorkdayByPackage, packageSpecialDays, scheduleYears, setOverride } from '../calendar/calendar.ts';
import { parseDay } from '../time/index.ts';
import { table } from './output.ts';

const WORK = new Set(['班', '上班', '工作日', 'work', 'workday']);
const REST = new Set(['休', '休息', '节假日', 'holiday', 'rest']);

export async function calendarShow(dbPath: string, yearArg: string | undefined): Promise<number> {
  const year = Number(yearArg ?? new Date().getFullYear());
  if (!Number.isInteger(year)) { process.stderr.write(`--year 应为年份，而不是 ${yearArg}\n`); return 2; }
  const store = await openStore(dbPath);
  try {
    const overrides = await store.all<{ day: string; is_workday: boolean; note: string | null }>(
      'SELECT day, is_workday, note FROM calendar_overrides WHERE year(day) = $1 ORDER BY day', [year]);
    const rows = new Map<string, [string, string, string]>();
    for (const [d, work] of packageSpecialDays()) if (d.startsWith(`${year}-`)) rows.set(d, [d, work ? '调休上班' : '放假', '国务院安排（chinese-days）']);
    for (const o of overrides) rows.set(o.day, [o.day, o.is_workday ? '上班' : '放假', `管理员设置${o.note ? `：${o.note}` : ''}`]);
    const list = [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (!scheduleYears().includes(year) && !overrides.length) {
      process.stdout.write(`注意：${year} 年的放假安排尚未收录，除周末外均按工作日计算；请用 yanpan calendar set 补充。\n`);
    }
    process.stdout.write(list.length ? `${table(['日期', '安排', '来源'], list)}\n` : `${year} 年没有特殊安排。\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function calendarSet(dbPath: string, dayArg: string, kind: string, note: string | undefined): Promise<number> {
  const day = parseDay(dayArg);
  if (!day) { process.stderr.write(`不是有效日期：${dayArg}\n`); return 2; }
  const isWork = WORK.has(kind) ? true : REST.has(kind) ? false : null;
  if (isWork === null) { process.stderr.write(`安排应为 班（上班）或 休（放假），而不是 ${kind}\n`); return 2; }
  const store = await openStore(dbPath);
  try {
    await setOverride(store, day, isWork, note ?? null);
    const byPackage = isWorkdayByPackage(day);
    process.stdout.write(`${day} 设为${isWork ? '工作日' : '休息日'}${byPackage === isWork ? '（与国务院安排相同）' : ''}\n`);
    return 0;
  } finally {
    store.close();
  }
}

export async function calendarUnset(dbPath: string, dayArg: string): Promise<number> {
  const day = parseDay(dayArg);
  if (!day) { process.stderr.write(`不是有效日期：${dayArg}\n`); return 2; }
  const store = await openStore(dbPath);
  try {
    await store.run('DELETE FROM calendar_overrides WHERE day = $1::DATE', [day]);
    process.stdout.write(`已取消 ${day} 的管理员设置\n`);
    return 0;
  } finally {
    store.close();
  }
}

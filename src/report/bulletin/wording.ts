// How figures are said in a Chinese government bulletin: 上升/下降, 万元, 第二季度, 2021年6月30日.

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A percentage with one decimal, e.g. 12.5%. */
export const pct = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(1)}%`;

/** "上升3起、12.5%" / "下降2人" / "持平"; the percentage only when the base is not zero. */
export function change(now: number, before: number, unit: string): string {
  const d = now - before;
  if (d === 0) return '持平';
  const word = d > 0 ? '上升' : '下降';
  return before > 0 ? `${word}${Math.abs(d)}${unit}、${pct(Math.abs(d), before)}` : `${word}${Math.abs(d)}${unit}`;
}

/** A short signed change for a table cell: +3 / −2 / 0. */
export const delta = (now: number, before: number): string => (now - before > 0 ? `+${now - before}` : now - before < 0 ? `−${before - now}` : '0');

/** Yuan as 万元 with two decimals. */
export const wan = (yuan: number): string => (yuan / 10000).toFixed(2);

export const dateZh = (day: string): string => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
export const monthDayZh = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
export const quarterZh = (month: string): string => `${month.slice(0, 4)}年第${NUMERALS[Math.floor((Number(month.slice(5)) - 1) / 3)]}季度`;

/** 甲、乙和丙 */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

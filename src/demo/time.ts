// Wall-clock time for the demo. All times are local (Asia/Shanghai) wall-clock values; we keep them as
// seconds since 1970-01-01 00:00 *of the wall clock* (UTC arithmetic on local times), and days as
// day numbers since 1970-01-01. No time zone conversion ever happens.
import chineseDays from 'chinese-days';
const cdIsWorkday: (d: string) => boolean = (chineseDays as unknown as { isWorkday: (d: string) => boolean }).isWorkday;

export const MIN = 60;
export const HOUR = 3600;
export const DAY = 86400;

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad date ${iso} (YYYY-MM-DD expected)`);
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCMonth() !== +m[2] - 1) throw new Error(`bad date ${iso}`);
  return t / 86400000;
}

const isoCache = new Map<number, string>();
export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86400000).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

export function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the first day of the month `n` months after the month of `day`. */
export function monthStart(day: number, n = 0): number {
  const { y, m } = ymd(day);
  return Date.UTC(y, m - 1 + n, 1) / 86400000;
}

/** t + n calendar months (same day-of-month and time; clamped to the month's last day). */
export function addMonthsSec(t: number, n: number): number {
  const day = Math.floor(t / DAY);
  const tod = t - day * DAY;
  const { y, m, d } = ymd(day);
  const first = Date.UTC(y, m - 1 + n, 1) / 86400000;
  const { y: y2, m: m2 } = ymd(first);
  const last = Date.UTC(y2, m2, 0) / 86400000;
  return (Math.min(first + d - 1, last)) * DAY + tod;
}

export function at(day: number, h: number, mi = 0, s = 0): number {
  return day * DAY + h * HOUR + mi * MIN + s;
}

const wdCache = new Map<number, boolean>();
/** Official working day (State Council schedule via chinese-days: holidays off, make-up days on). */
export function isWorkday(day: number): boolean {
  let w = wdCache.get(day);
  if (w === undefined) {
    w = cdIsWorkday(isoDay(day));
    wdCache.set(day, w);
  }
  return w;
}

/** The n-th day strictly after `day` that `counts`. */
function nthDayAfter(day: number, n: number, counts: (d: number) => boolean): number {
  let d = day;
  for (let k = 0; k < n;) if (counts(++d)) k++;
  return d;
}

/** The n-th working day strictly after `day` (RULES 0.3). */
export const addWorkdays = (day: number, n: number): number => nthDayAfter(day, n, isWorkday);

/** The n-th Monday–Friday strictly after `day`, ignoring holidays (naive weekday arithmetic). */
export const addWeekdaysNaive = (day: number, n: number): number => nthDayAfter(day, n, (d) => weekday(d) !== 0 && weekday(d) !== 6);

// ---- formatting -------------------------------------------------------------------------------

let todSec: string[] | null = null;
let todMin: string[] | null = null;
const p2 = (n: number) => (n < 10 ? '0' + n : '' + n);
function tods(): string[] {
  if (!todSec) {
    todSec = new Array(DAY);
    for (let s = 0; s < DAY; s++) todSec[s] = p2(Math.floor(s / 3600)) + ':' + p2(Math.floor(s / 60) % 60) + ':' + p2(s % 60);
  }
  return todSec;
}
function todm(): string[] {
  if (!todMin) {
    todMin = new Array(1440);
    for (let m = 0; m < 1440; m++) todMin[m] = p2(Math.floor(m / 60)) + ':' + p2(m % 60);
  }
  return todMin;
}

export type TsStyle = 'dash' | 'slash' | 'iso' | 'minute';
export type DateStyle = 'dash' | 'slash' | 'compact';

const dayStyled = new Map<string, string>();
export function fmtDate(day: number, style: DateStyle = 'dash'): string {
  const key = style + day;
  let s = dayStyled.get(key);
  if (s === undefined) {
    const iso = isoDay(day);
    s = style === 'dash' ? iso : style === 'slash' ? iso.replace(/-/g, '/') : iso.replace(/-/g, '');
    dayStyled.set(key, s);
  }
  return s;
}

export function fmtTs(t: number, style: TsStyle = 'dash'): string {
  const sec = Math.round(t);
  const day = Math.floor(sec / DAY);
  const tod = sec - day * DAY;
  switch (style) {
    case 'dash': return fmtDate(day, 'dash') + ' ' + tods()[tod];
    case 'slash': return fmtDate(day, 'slash') + ' ' + tods()[tod];
    case 'iso': return fmtDate(day, 'dash') + 'T' + tods()[tod];
    case 'minute': return fmtDate(day, 'dash') + ' ' + todm()[Math.floor(tod / 60)];
  }
}

// Local time: Beijing (Asia/Shanghai, UTC+8 all year, no daylight saving), as the contract's dates are.
// The clock is a parameter so tests and the benchmark can fix "today"; the product passes the system clock.
// Pure (no Node modules): the console imports it too.

export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

const BEIJING_MS = 8 * 3600_000;

/** 'YYYY-MM-DDTHH:MM:SS.mmm+08:00': the moment as a Beijing wall-clock time. */
export function localStamp(d: Date): string {
  return `${new Date(d.getTime() + BEIJING_MS).toISOString().slice(0, 23)}+08:00`;
}

/** Today in Beijing, 'YYYY-MM-DD'. */
export const today = (clock: Clock = systemClock): string => localStamp(clock.now()).slice(0, 10);

/** The Beijing day of a moment, 'YYYY-MM-DD'. */
export const localDay = (d: Date): string => localStamp(d).slice(0, 10);

/**
 * A moment as people read it: Beijing time, 'YYYY-MM-DD HH:mm'. Takes a Date or a stamp; a stamp with a
 * zone (…Z, …+08:00) is converted, one without (the contract's local times) is already Beijing time and
 * is only cut to the minute. Anything unreadable is returned as it is, never 'Invalid Date'.
 */
export function minuteStamp(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  if (typeof at === 'string' && !/(Z|[+-]\d\d:?\d\d)$/.test(at.trim())) {
    const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)/.exec(at.trim());
    return m ? `${m[1]} ${m[2]}` : at;
  }
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  return localStamp(d).slice(0, 16).replace('T', ' ');
}

/** A moment's Beijing clock time, 'HH:mm' (「锁定至 10:15」). */
export const minuteOfDay = (at: Date | string | null | undefined): string => minuteStamp(at).slice(11, 16);

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

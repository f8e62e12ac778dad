// Local time (Asia/Shanghai, as the contract's dates are). The clock is a parameter so tests and the
// benchmark can fix "today"; the product passes the system clock.
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

const LOCAL = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** 'YYYY-MM-DDTHH:MM:SS.mmm+08:00' */
export function localStamp(d: Date): string {
  const p = Object.fromEntries(LOCAL.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${String(d.getUTCMilliseconds()).padStart(3, '0')}+08:00`;
}

/** 'YYYY-MM-DD' */
export const localDay = (d: Date): string => localStamp(d).slice(0, 10);

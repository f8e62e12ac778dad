import { describe, expect, it } from 'vitest';
import { addDays, addMonths, checkDay, daySpan, daysIn, lastDay, localStamp, minuteOfDay, minuteStamp, monthSpan, parseDay, parseMonth, today } from './index.ts';

describe('today in Beijing', () => {
  it('is the UTC+8 day of the clock\'s moment, all year (no daylight saving)', () => {
    expect(today({ now: () => new Date('2021-07-10T15:59:59.999Z') })).toBe('2021-07-10');
    expect(today({ now: () => new Date('2021-07-10T16:00:00.000Z') })).toBe('2021-07-11');
    expect(today({ now: () => new Date('2021-12-31T16:30:00Z') })).toBe('2022-01-01');
    expect(localStamp(new Date('2021-03-01T01:02:03.045Z'))).toBe('2021-03-01T09:02:03.045+08:00');
  });
});

describe('the day parser', () => {
  it('takes calendar days from 1990 to 2099 in the usual spellings, canonical out', () => {
    expect(parseDay('2021-07-11')).toBe('2021-07-11');
    expect(parseDay(' 2021/07/11 ')).toBe('2021-07-11');
    expect(parseDay('20210711')).toBe('2021-07-11');
    expect(parseDay('1990-01-01')).toBe('1990-01-01');
    expect(parseDay('2099-12-31')).toBe('2099-12-31');
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
  });
  it('refuses what is no day, and days outside 1990–2099, saying which', () => {
    for (const bad of ['2021-02-30', '2023-02-29', '2021-13-01', '2021-00-10', '2021-7-1', '', 'x', '0000-01-01', 'x'.repeat(100_000), '2021-07-11T00:00']) {
      expect(parseDay(bad), bad.slice(0, 20)).toBeNull();
    }
    expect(checkDay('9999-12-31')).toEqual({ ok: false, why: 'out-of-range', day: '9999-12-31' });
    expect(checkDay('1989/12/31')).toEqual({ ok: false, why: 'out-of-range', day: '1989-12-31' });
    expect(checkDay('0000-01-01')).toMatchObject({ ok: false, why: 'out-of-range' });
    expect(checkDay('2021-02-30')).toEqual({ ok: false, why: 'not-a-date' });
  });
});

describe('the month parser', () => {
  it('takes YYYY-MM from 1990-01 to 2099-12 only', () => {
    expect(parseMonth('2021-06')).toBe('2021-06');
    expect(parseMonth(' 2021-06 ')).toBe('2021-06');
    for (const bad of ['9999-12', '1989-12', '2100-01', '2021-13', '2021-00', '2021-6', '', 'x', '0000-01', '2021-06-01', '9'.repeat(5000)]) {
      expect(parseMonth(bad), bad.slice(0, 20)).toBeNull();
    }
  });
  it('does month arithmetic across years and knows February', () => {
    expect(addMonths('2021-01', -1)).toBe('2020-12');
    expect(addMonths('2021-12', 13)).toBe('2023-01');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2100-02')).toBe('2100-02-28');
    expect(lastDay('2000-02')).toBe('2000-02-29');
    expect(daysIn('2021-04')).toBe(30);
  });
});

describe('the period convention: from inclusive, toExclusive exclusive', () => {
  it('turns an inclusive last day into the exclusive bound, and a month into its span', () => {
    expect(daySpan('2021-01-01', '2021-06-30')).toEqual({ from: '2021-01-01', toExclusive: '2021-07-01' });
    expect(monthSpan('2021-12')).toEqual({ from: '2021-12-01', toExclusive: '2022-01-01' });
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
  });
});

describe('a moment as people read it', () => {
  it('shows Beijing time to the minute, whatever zone the stamp carries', () => {
    expect(minuteStamp('2026-12-07T11:16:51.050+08:00')).toBe('2026-12-07 11:16');
    expect(minuteStamp('2026-12-07T03:16:51.050Z')).toBe('2026-12-07 11:16');
    expect(minuteStamp('2026-12-06T20:05:00Z')).toBe('2026-12-07 04:05');
    expect(minuteStamp(new Date('2026-12-07T02:15:00Z'))).toBe('2026-12-07 10:15');
    expect(minuteOfDay('2026-12-07T02:15:00.000Z')).toBe('10:15');
  });
  it('keeps a zoneless local time as it is, cut to the minute; never says Invalid Date', () => {
    expect(minuteStamp('2021-03-15 08:00:00')).toBe('2021-03-15 08:00');
    expect(minuteStamp('2021-03-15T08:00:59.999')).toBe('2021-03-15 08:00');
    expect(minuteStamp('')).toBe('');
    expect(minuteStamp(null)).toBe('');
    expect(minuteStamp('nonsense')).toBe('nonsense');
  });
});

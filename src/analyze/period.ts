// The period and as-of arguments, checked at the boundary with messages a supervisor can act on.

export interface Period { readonly from: string; readonly to: string; readonly asOf: string }
export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' (also YYYY/MM/DD, YYYYMMDD) → canonical 'YYYY-MM-DD', or null when it is no calendar date. */
export function parseDay(text: string): string | null {
  const s = text.trim().replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3').replace(/\//g, '-');
  const m = DATE.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? s : null;
}

/** Today in Asia/Shanghai (UTC+8, no daylight saving). */
export const todayInChina = (now: Date = new Date()): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function checkPeriod(from: string, to: string, asOf: string | undefined): PeriodResult {
  const f = parseDay(from);
  if (!f) return { ok: false, error: `--from 不是有效日期：${from}（应为 YYYY-MM-DD）` };
  const t = parseDay(to);
  if (!t) return { ok: false, error: `--to 不是有效日期：${to}（应为 YYYY-MM-DD）` };
  if (f > t) return { ok: false, error: `期间开始 ${f} 晚于期间结束 ${t}` };
  const a = asOf === undefined ? todayInChina() : parseDay(asOf);
  if (!a) return { ok: false, error: `--as-of 不是有效日期：${asOf}（应为 YYYY-MM-DD）` };
  return { ok: true, period: { from: f, to: t, asOf: a } };
}

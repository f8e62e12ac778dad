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

// The days an analysis can name. Beyond them the rules' date arithmetic (a day after the period, deadlines
// in working days) leaves what DuckDB's dates hold, and no export of these systems is dated there.
export const FIRST_DAY = '1990-01-01';
export const LAST_DAY = '2099-12-31';

export function checkPeriod(from: string, to: string, asOf: string | undefined): PeriodResult {
  const day = (option: string, text: string): { ok: true; day: string } | { ok: false; error: string } => {
    const d = parseDay(text);
    if (!d) return { ok: false, error: `${option} 不是有效日期：${text}（应为 YYYY-MM-DD）` };
    if (d < FIRST_DAY || d > LAST_DAY) return { ok: false, error: `${option} 超出支持的日期范围：${d}（应在 ${FIRST_DAY} 至 ${LAST_DAY} 之间）` };
    return { ok: true, day: d };
  };
  const f = day('--from', from);
  if (!f.ok) return f;
  const t = day('--to', to);
  if (!t.ok) return t;
  if (f.day > t.day) return { ok: false, error: `期间开始 ${f.day} 晚于期间结束 ${t.day}` };
  const a = asOf === undefined ? { ok: true as const, day: todayInChina() } : day('--as-of', asOf);
  if (!a.ok) return a;
  // Deadlines are judged as of that day: before the period starts, nothing in it could be judged.
  if (a.day < f.day) return { ok: false, error: `判定基准日 ${a.day} 早于期间开始 ${f.day}` };
  return { ok: true, period: { from: f.day, to: t.day, asOf: a.day } };
}

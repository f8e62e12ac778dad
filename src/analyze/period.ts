// The period and as-of arguments, checked at the boundary with messages a supervisor can act on.
import { checkDay, FIRST_DAY, LAST_DAY, today } from '../time/index.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface Period { readonly from: string; readonly to: string; readonly asOf: string }
/** A period that does not pass is `invalid`: the request as given names days that cannot be one. */
export type PeriodResult = { ok: true; period: Period } | Failure;

/** What the caller calls the three days in its messages: the command line's options, or a request's fields. */
export interface PeriodNames { readonly from: string; readonly to: string; readonly asOf: string }
export const OPTION_NAMES: PeriodNames = { from: '--from', to: '--to', asOf: '--as-of' };
export const FIELD_NAMES: PeriodNames = { from: 'from', to: 'to', asOf: 'as_of' };

export function checkPeriod(from: string, to: string, asOf: string | undefined, names: PeriodNames = OPTION_NAMES): PeriodResult {
  const day = (option: string, text: string): { ok: true; day: string } | Failure => {
    const d = checkDay(text);
    if (d.ok) return d;
    if (d.why === 'out-of-range') return failure('invalid', `${option} 超出支持的日期范围：${d.day}（应在 ${FIRST_DAY} 至 ${LAST_DAY} 之间）`);
    return failure('invalid', `${option} 不是有效日期：${text.slice(0, 40)}（应为 YYYY-MM-DD）`);
  };
  const f = day(names.from, from);
  if (!f.ok) return f;
  const t = day(names.to, to);
  if (!t.ok) return t;
  if (f.day > t.day) return failure('invalid', `期间开始 ${f.day} 晚于期间结束 ${t.day}`);
  const a = asOf === undefined ? { ok: true as const, day: today() } : day(names.asOf, asOf);
  if (!a.ok) return a;
  // Deadlines are judged as of that day: before the period starts, nothing in it could be judged.
  if (a.day < f.day) return failure('invalid', `判定基准日 ${a.day} 早于期间开始 ${f.day}`);
  return { ok: true, period: { from: f.day, to: t.day, asOf: a.day } };
}

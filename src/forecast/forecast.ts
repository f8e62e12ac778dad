// 形势研判: next month's accidents per unit (contract §5), from the accidents that occurred before the
// month's first day only, and the store of every forecast made (table forecasts).
import { transaction, type Store } from '../store/db.ts';
import { loadHistory, monthCalendars } from './history.ts';
import { fitHistory, forecastTotal, forecastUnits, type UnitForecast } from './model.ts';
import { firstDay, monthIndex, monthOf } from '../time/index.ts';
import { failure, type Failure } from '../contract/failure.ts';

export interface ForecastLine { unit: string; month: string; expected: number; low: number; high: number }

/** The citywide total: the sum of the units' expected counts and its own 80 % interval (model.ts forecastTotal). */
export interface ForecastTotal { expected: number; low: number; high: number }

export type ForecastResult =
  | { ok: true; month: string; historyFrom: string; historyTo: string; lines: ForecastLine[]; total: ForecastTotal }
  // Not enough history on file for the month: a `conflict` with the data as they stand (more imported, it may work).
  | Failure;

/** The forecast for `month` ('YYYY-MM'), not stored. */
export async function forecastMonth(store: Store, month: string): Promise<ForecastResult> {
  const target = monthIndex(month);
  const h = await loadHistory(store, firstDay(month));
  if (h.last < h.first) return failure('conflict', `${month} 之前没有完整月份的事故数据，无法研判`);
  const calendars = await monthCalendars(store, h.first, target);
  const fitted = fitHistory(h, h.last, calendars);
  if (!fitted) return failure('conflict', `${month} 之前没有事故数据，无法研判`);
  const calendar = calendars.get(target);
  if (!calendar) return failure('conflict', `${month} 的日历无法读取，无法研判`); // monthCalendars covers every month up to the target
  const lines = forecastUnits(fitted, target, calendar).map((f: UnitForecast) => ({ unit: f.unit, month, expected: f.expected, low: f.low, high: f.high }));
  return { ok: true, month, historyFrom: monthOf(h.first), historyTo: monthOf(h.last), lines, total: forecastTotal(fitted, target, calendar) };
}

/** JSON lines exactly as contract §5: unit, month, expected, low, high. */
export function forecastJsonl(lines: readonly ForecastLine[]): string {
  return lines.map((l) => JSON.stringify({ unit: l.unit, month: l.month, expected: l.expected, low: l.low, high: l.high }) + '\n').join('');
}

/** Store a forecast; returns its id. Every forecast made is kept (the bulletin compares them with what happened). */
export async function saveForecast(store: Store, r: Extract<ForecastResult, { ok: true }>): Promise<number> {
  return transaction(store, async () => {
    const [{ id }] = await store.all<{ id: number }>('SELECT coalesce(max(forecast_id), 0) + 1 AS id FROM forecasts');
    for (const l of r.lines) {
      await store.run(
      `INSERT INTO forecasts (forecast_id, made_at, month, unit_code, expected, low, high, history_from, history_to)
       VALUES ($1, current_localtimestamp(), $2, $3, $4, $5, $6, $7, $8)`,
        [id, l.month, l.unit, l.expected, l.low, l.high, r.historyFrom, r.historyTo],
      );
    }
    return id;
  });
}

/**
 * Forecast and store each month from `from` to `to` ('YYYY-MM', inclusive), each from the accidents
 * before it: what a detachment that forecast every month would have on file (the demo does this so its
 * bulletin can show how right past forecasts were). Months without enough history are skipped.
 */
export async function storeMonthlyForecasts(store: Store, from: string, to: string): Promise<number> {
  let stored = 0;
  for (let m = monthIndex(from); m <= monthIndex(to); m++) {
    const r = await forecastMonth(store, monthOf(m));
    if (r.ok) { await saveForecast(store, r); stored++; }
  }
  return stored;
}

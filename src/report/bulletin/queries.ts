// Every figure of the monthly bulletin comes from one of these named queries. The bulletin test runs
// the same functions against the database and compares their answers with the document's text, so
// a number in the document is never typed, and never computed a second way.
import { effectivenessSettings, ruleEffectiveness, type EffectivenessReport } from '../../queries/rule-effectiveness.ts';
import type { Store } from '../../store/db.ts';
import { addDays, addMonths, firstDay, lastDay } from '../../time/index.ts';
// Overdue as the supervision module defines it (contract §4), one definition for the console and the bulletin.
import { OVERDUE_SQL } from '../../supervise/items.ts';

/** [from, to) of a month as timestamps. */
const span = (month: string) => ({ from: firstDay(month), to: firstDay(addMonths(month, 1)) });

export async function tableExists(store: Store, name: string): Promise<boolean> {
  const rows = await store.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = $1 AND table_schema = 'main'", [name]);
  return rows[0].n > 0;
}

export interface AccidentTotals { month: string; accidents: number; deaths: number; injuries: number; loss: number }

/** Accidents (both procedures), deaths, injuries and direct loss (yuan) of a month. */
export async function accidentTotals(store: Store, month: string): Promise<AccidentTotals> {
  const [r] = await store.all<Omit<AccidentTotals, 'month'>>(
    `SELECT count(*)::INTEGER AS accidents, coalesce(sum(deaths), 0)::INTEGER AS deaths,
            coalesce(sum(injuries), 0)::INTEGER AS injuries, coalesce(sum(loss), 0)::DOUBLE AS loss
     FROM accidents WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP`, span(month));
  return { month, ...r };
}

/** Whether the accident data reach back to the start of `month` (a comparison with it is meaningful). */
export async function accidentsReachBack(store: Store, month: string): Promise<boolean> {
  const [r] = await store.all<{ lo: string | null }>('SELECT min(occurred_at)::VARCHAR AS lo FROM accidents');
  return r.lo !== null && r.lo.slice(0, 10) <= firstDay(month).replace(/-01$/, '-03');
}

export interface UnitAccidents { unit: string; name: string; accidents: number; deaths: number; injuries: number; previous: number }

/** Per unit (管辖单位): the month's accidents, deaths, injuries and the previous month's accidents; units with either. */
export async function accidentsByUnit(store: Store, month: string): Promise<UnitAccidents[]> {
  return store.all<UnitAccidents>(
    `WITH cur AS (SELECT unit_code, count(*) AS n, sum(coalesce(deaths, 0)) AS d, sum(coalesce(injuries, 0)) AS i
                  FROM accidents WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP GROUP BY 1),
          prev AS (SELECT unit_code, count(*) AS n FROM accidents
                   WHERE occurred_at >= $pfrom::TIMESTAMP AND occurred_at < $from::TIMESTAMP GROUP BY 1)
     SELECT coalesce(cur.unit_code, prev.unit_code) AS unit, coalesce(u.unit_name, coalesce(cur.unit_code, prev.unit_code)) AS name,
            coalesce(cur.n, 0)::INTEGER AS accidents, coalesce(cur.d, 0)::INTEGER AS deaths, coalesce(cur.i, 0)::INTEGER AS injuries,
            coalesce(prev.n, 0)::INTEGER AS previous
     FROM cur FULL JOIN prev ON prev.unit_code = cur.unit_code
     LEFT JOIN units u ON u.unit_code = coalesce(cur.unit_code, prev.unit_code)
     ORDER BY accidents DESC, unit`,
    { ...span(month), pfrom: firstDay(addMonths(month, -1)) });
}

export interface Share { label: string; accidents: number; deaths: number }

/** The month's accidents grouped by a column (road, form, weather), largest first; blanks as 未填写. */
async function accidentsBy(store: Store, month: string, column: 'road' | 'form' | 'weather', limit: number): Promise<Share[]> {
  return store.all<Share>(
    `SELECT coalesce(NULLIF(trim(${column}), ''), '未填写') AS label, count(*)::INTEGER AS accidents, coalesce(sum(deaths), 0)::INTEGER AS deaths
     FROM accidents WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
     GROUP BY 1 ORDER BY accidents DESC, deaths DESC, label LIMIT ${Math.trunc(limit)}`, span(month));
}
export const accidentsByRoad = (store: Store, month: string) => accidentsBy(store, month, 'road', 5);
export const accidentsByForm = (store: Store, month: string) => accidentsBy(store, month, 'form', 5);
export const accidentsByWeather = (store: Store, month: string) => accidentsBy(store, month, 'weather', 5);

/** The month's accidents per hour of day, 0–23 (every hour present). */
export async function accidentsByHour(store: Store, month: string): Promise<number[]> {
  const rows = await store.all<{ h: number; n: number }>(
    `SELECT hour(occurred_at)::INTEGER AS h, count(*)::INTEGER AS n FROM accidents
     WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP GROUP BY 1`, span(month));
  const out = new Array<number>(24).fill(0);
  for (const r of rows) out[r.h] = r.n;
  return out;
}

/** Monthly accident totals for the 12 months ending with `month` (the trend chart). */
export async function accidentTrend(store: Store, month: string): Promise<{ month: string; accidents: number; deaths: number }[]> {
  const from = addMonths(month, -11);
  const rows = await store.all<{ month: string; accidents: number; deaths: number }>(
    `SELECT strftime(occurred_at, '%Y-%m') AS month, count(*)::INTEGER AS accidents, coalesce(sum(deaths), 0)::INTEGER AS deaths
     FROM accidents WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP GROUP BY 1`,
    { from: firstDay(from), to: firstDay(addMonths(month, 1)) });
  return Array.from({ length: 12 }, (_, i) => addMonths(from, i)).map((m) => rows.find((r) => r.month === m) ?? { month: m, accidents: 0, deaths: 0 });
}

/** The analysis run the bulletin reports: the latest whose period starts on or before the month's end. */
export async function reportRun(store: Store, month: string): Promise<{ run_id: number; period_from: string; period_to: string; settings_version: number | null } | null> {
  const rows = await store.all<{ run_id: number; period_from: string; period_to: string; settings_version: number | null }>(
    `SELECT run_id, period_from::VARCHAR AS period_from, period_to::VARCHAR AS period_to, settings_version FROM runs
     WHERE period_from <= $end::DATE ORDER BY run_id DESC LIMIT 1`, { end: lastDay(month) });
  return rows[0] ?? null;
}

/** 规则成效 per category over the 90 days to `asOf` (queries/rule-effectiveness.ts), as a supervisor sees it. Null without the tables. */
export async function effectivenessByCategory(store: Store, asOf: string): Promise<EffectivenessReport | null> {
  if (!(await tableExists(store, 'items'))) return null;
  const settings = await effectivenessSettings(store);
  const from = addDays(asOf, -(settings.windowDays - 1));
  const r = await ruleEffectiveness(store, { username: 'bulletin', role: 'supervisor', unit: null }, { from, to: asOf, today: asOf }, settings);
  return { ...r, rows: r.rows.filter((x) => x.unit === null) };
}

export interface BlackSpot { id: string; unit: string; name: string; title: string; accidents: number }

/** The run's blackspot warnings with the number of their evidence accidents that occurred in the month. */
export async function monthBlackspots(store: Store, runId: number, month: string): Promise<BlackSpot[]> {
  return store.all<BlackSpot>(
    `WITH w AS (SELECT subject_id, unit, title, evidence FROM warnings WHERE run_id = $run AND category = 'blackspot'),
          ev AS (SELECT w.subject_id, unnest(from_json(w.evidence, '[{"kind":"VARCHAR","id":"VARCHAR"}]')) AS e FROM w)
     SELECT w.subject_id AS id, w.unit, coalesce(u.unit_name, w.unit) AS name, w.title,
            (SELECT count(*) FROM ev JOIN accidents a ON a.accident_id = ev.e.id
             WHERE ev.subject_id = w.subject_id AND ev.e.kind = 'accident'
               AND a.occurred_at >= $from::TIMESTAMP AND a.occurred_at < $to::TIMESTAMP)::INTEGER AS accidents
     FROM w LEFT JOIN units u ON u.unit_code = w.unit
     ORDER BY accidents DESC, id`, { run: runId, ...span(month) });
}

export interface CategoryCount { category: string; total: number; high: number; fresh: number }

/**
 * The run's warnings per category: total, high severity, and new (a warning key that the previous run
 * did not have; with no previous run every warning is new).
 */
export async function warningsByCategory(store: Store, runId: number): Promise<CategoryCount[]> {
  return store.all<CategoryCount>(
    `WITH prev AS (SELECT max(run_id) AS id FROM runs WHERE run_id < $run),
          old AS (SELECT warning_key FROM warnings WHERE run_id = (SELECT id FROM prev))
     SELECT category, count(*)::INTEGER AS total, count(*) FILTER (WHERE severity = 'high')::INTEGER AS high,
            count(*) FILTER (WHERE warning_key NOT IN (SELECT warning_key FROM old))::INTEGER AS fresh
     FROM warnings WHERE run_id = $run GROUP BY 1 ORDER BY total DESC, category`, { run: runId });
}

export interface UnitWarnings { unit: string; name: string; total: number; high: number }

export async function warningsByUnit(store: Store, runId: number): Promise<UnitWarnings[]> {
  return store.all<UnitWarnings>(
    `SELECT w.unit, coalesce(u.unit_name, w.unit) AS name, count(*)::INTEGER AS total,
            count(*) FILTER (WHERE severity = 'high')::INTEGER AS high
     FROM warnings w LEFT JOIN units u ON u.unit_code = w.unit WHERE run_id = $run
     GROUP BY ALL ORDER BY total DESC, w.unit`, { run: runId });
}

export interface SeriousWarning { category: string; name: string; title: string; score: number }

/** The most serious warnings: high severity, highest score first. */
export async function seriousWarnings(store: Store, runId: number, limit = 5): Promise<SeriousWarning[]> {
  return store.all<SeriousWarning>(
    `SELECT w.category, coalesce(u.unit_name, w.unit) AS name, w.title, w.score FROM warnings w LEFT JOIN units u ON u.unit_code = w.unit
     WHERE run_id = $run AND severity = 'high' ORDER BY score DESC, warning_key LIMIT ${Math.trunc(limit)}`, { run: runId });
}

/** Supervision items flagged 复发 (closed, then found again by a later run). Null without the supervision tables. */
export async function recurredItems(store: Store): Promise<number | null> {
  if (!(await tableExists(store, 'items'))) return null;
  const [r] = await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM items WHERE recurred');
  return r.n;
}

export interface UnitProgress { unit: string; name: string; dispatched: number; verified: number; confirmed: number; rectified: number; overdue: number }


/** Per unit: items dispatched, verified, found 属实, rectified (属实 and closed), overdue on `today`. Null without the tables. */
export async function supervisionProgress(store: Store, today: string): Promise<UnitProgress[] | null> {
  if (!(await tableExists(store, 'items'))) return null;
  return store.all<UnitProgress>(
    `SELECT i.unit, coalesce(u.unit_name, i.unit) AS name,
            count(*) FILTER (WHERE i.status <> 'pending')::INTEGER AS dispatched,
            count(*) FILTER (WHERE i.finding IS NOT NULL)::INTEGER AS verified,
            count(*) FILTER (WHERE i.finding = '属实')::INTEGER AS confirmed,
            count(*) FILTER (WHERE i.finding = '属实' AND i.status = 'closed')::INTEGER AS rectified,
            count(*) FILTER (WHERE ${OVERDUE_SQL('i')})::INTEGER AS overdue
     FROM items i LEFT JOIN units u ON u.unit_code = i.unit
     GROUP BY ALL HAVING count(*) FILTER (WHERE i.status <> 'pending') > 0
     ORDER BY overdue DESC, dispatched DESC, i.unit`, { today });
}

export interface UnitOpinions { unit: string; name: string; opinions: number }

/** Opinions heard (类型 意见建议, RULES 16) per unit from the quarter's start to the month's end; every unit listed. */
export async function opinionsByUnit(store: Store, month: string): Promise<UnitOpinions[]> {
  const q = Math.floor((Number(month.slice(5)) - 1) / 3) * 3 + 1;
  const from = `${month.slice(0, 4)}-${String(q).padStart(2, '0')}-01`;
  return store.all<UnitOpinions>(
    `SELECT u.unit_code AS unit, u.unit_name AS name,
            (SELECT count(*) FROM opinions o WHERE trim(o.unit_code) = u.unit_code AND trim(o.kind) = '意见建议'
               AND o.received_on >= $from::DATE AND o.received_on <= $to::DATE)::INTEGER AS opinions
     FROM units u ORDER BY opinions DESC, u.unit_code`, { from, to: lastDay(month) });
}

export interface SampleSummary { sample_id: number; kind: string; drawn: number; checked: number; problems: number }

/** Spot checks drawn in the month, records checked so far and those found 不合格. Null without the spot-check tables. */
export async function spotChecks(store: Store, month: string): Promise<SampleSummary[] | null> {
  if (!(await tableExists(store, 'samples')) || !(await tableExists(store, 'sample_findings'))) return null;
  return store.all<SampleSummary>(
    `SELECT s.sample_id, s.kind, s.drawn::INTEGER AS drawn,
            (SELECT count(*) FROM sample_findings f WHERE f.sample_id = s.sample_id)::INTEGER AS checked,
            (SELECT count(*) FROM sample_findings f WHERE f.sample_id = s.sample_id AND f.verdict = '不合格')::INTEGER AS problems
     FROM samples s WHERE s.month = $month ORDER BY s.sample_id`, { month });
}

export interface ForecastError {
  month: string; expected: number; actual: number; mae: number; covered: number; units: number;
  /**
   * What a clerk's forecast would have missed by: each unit's mean of the 12 months before, as the MAE of
   * the same units. Null when the accidents on file do not reach 12 months before the month.
   */
  mean12Mae: number | null;
}

/**
 * How far the stored forecasts of the `n` months up to `month` were off: for each month, the latest
 * forecast made from a history ending before it, against the accidents that then occurred, and against
 * the mean of each unit's 12 months before it.
 */
export async function forecastErrors(store: Store, month: string, n = 12): Promise<ForecastError[]> {
  return store.all<ForecastError>(
    `WITH pick AS (SELECT month, max(forecast_id) AS id FROM forecasts
                   WHERE month > $lo AND month <= $month AND history_to < month GROUP BY 1),
          f AS (SELECT f.* FROM forecasts f JOIN pick p ON p.id = f.forecast_id AND p.month = f.month),
          act AS (SELECT unit_code, strftime(occurred_at, '%Y-%m') AS month, count(*) AS n FROM accidents
                  WHERE occurred_at >= $from::TIMESTAMP - INTERVAL 12 MONTH AND occurred_at < $to::TIMESTAMP GROUP BY 1, 2),
          since AS (SELECT min(occurred_at) AS first FROM accidents),
          cell AS (
            SELECT f.month, f.unit_code, f.expected, f.low, f.high,
                   coalesce((SELECT a.n FROM act a WHERE a.unit_code = f.unit_code AND a.month = f.month), 0) AS actual,
                   (SELECT coalesce(sum(a.n), 0) FROM act a WHERE a.unit_code = f.unit_code AND a.month < f.month
                      AND a.month >= strftime(CAST(f.month || '-01' AS DATE) - INTERVAL 12 MONTH, '%Y-%m')) / 12.0 AS mean12,
                   (SELECT first FROM since) <= CAST(f.month || '-01' AS DATE) - INTERVAL 12 MONTH + INTERVAL 3 DAY AS has12
            FROM f)
     SELECT month, round(sum(expected), 1)::DOUBLE AS expected, sum(actual)::INTEGER AS actual,
            round(avg(abs(expected - actual)), 2)::DOUBLE AS mae,
            count(*) FILTER (WHERE actual BETWEEN low AND high)::INTEGER AS covered, count(*)::INTEGER AS units,
            CASE WHEN bool_and(has12) THEN round(avg(abs(mean12 - actual)), 2)::DOUBLE END AS mean12Mae
     FROM cell GROUP BY 1 ORDER BY 1`,
    { lo: addMonths(month, -n), month, from: firstDay(addMonths(month, -n + 1)), to: firstDay(addMonths(month, 1)) });
}

/** Unit names by code. */
export async function unitNames(store: Store): Promise<Map<string, string>> {
  const rows = await store.all<{ unit_code: string; unit_name: string }>('SELECT unit_code, unit_name FROM units');
  return new Map(rows.map((r) => [r.unit_code, r.unit_name]));
}

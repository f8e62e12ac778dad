// Who can be drawn in a spot check of one month. Documents (法律文书): the penalty decisions of processed
// violations (已处理 with a 决定书编号, by 处理时间) and the liability determinations of accidents (by
// 认定时间). Videos (执法视频): the body-camera recordings started in the month. Each record's stratum is
// the unit that answers for it (RULES.md 0.9 order, then the 法制 department).
import { inIdList, type Store } from '../store/db.ts';
import { fallbackUnit } from '../analyze/run.ts';
import type { PopulationRecord } from './draw.ts';
import { inlineDates } from '../rules/sql.ts';
import { monthSpan, parseMonth } from '../time/index.ts';

export const SAMPLE_KINDS = ['documents', 'videos'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

/** One record of the population, with the fields a checker needs to find it in the source system. */
export interface PopulationRow extends PopulationRecord {
  readonly unit_name: string | null;
  /** 文书类型 / 视频 */
  readonly doc_type: string;
  /** 决定书编号 for a penalty; the accident or video id otherwise. */
  readonly doc_no: string | null;
  /** The time the document was issued, or the recording started. */
  readonly at: string | null;
  readonly officer_id: string | null;
  readonly officer_name: string | null;
  readonly summary: string;
}

const QUERIES: Record<SampleKind, string> = {
  documents: `
    SELECT COALESCE(NULLIF(trim(v.handling_unit), ''), NULLIF(trim(o.unit_code), ''), NULLIF(trim(d.unit_code), ''), $fallback) AS unit,
           'violation' AS kind, v.violation_id AS id, '处罚决定书' AS doc_type, trim(v.decision_no) AS doc_no,
           strftime(v.processed_at, '%Y-%m-%d %H:%M') AS at, NULLIF(trim(v.handler_id), '') AS officer_id,
           concat_ws('，', v.plate, '代码 ' || v.code, '罚款 ' || CAST(v.fine AS VARCHAR) || ' 元', '记 ' || CAST(v.points AS VARCHAR) || ' 分', v.channel) AS summary
    FROM violations v
    LEFT JOIN officers o ON o.officer_id = v.officer_id
    LEFT JOIN devices d ON d.device_id = v.device_id
    WHERE v.status = '已处理' AND NULLIF(trim(v.decision_no), '') IS NOT NULL
      AND v.processed_at >= $from::TIMESTAMP AND v.processed_at < $to_excl::TIMESTAMP
    UNION ALL
    SELECT COALESCE(NULLIF(trim(a.unit_code), ''), $fallback), 'accident', a.accident_id, '事故认定书', a.accident_id,
           strftime(a.determined_at, '%Y-%m-%d %H:%M'), NULLIF(trim(a.officer_id), ''),
           concat_ws('，', a.procedure, a.form, '死亡 ' || CAST(COALESCE(a.deaths, 0) AS VARCHAR), '受伤 ' || CAST(COALESCE(a.injuries, 0) AS VARCHAR), a.status)
    FROM accidents a
    WHERE a.status IN ('已认定', '已结案')
      AND a.determined_at >= $from::TIMESTAMP AND a.determined_at < $to_excl::TIMESTAMP`,
  videos: `
    SELECT COALESCE(NULLIF(trim(o.unit_code), ''), $fallback) AS unit, 'video' AS kind, v.video_id AS id,
           '执法记录仪视频' AS doc_type, v.video_id AS doc_no, strftime(v.started_at, '%Y-%m-%d %H:%M') AS at,
           NULLIF(trim(v.officer_id), '') AS officer_id,
           concat_ws('，', v.tag, '时长 ' || CAST(round(epoch(v.ended_at - v.started_at) / 60.0) AS BIGINT) || ' 分钟',
                     '关联 ' || NULLIF(trim(v.linked_id), ''), v.status) AS summary
    FROM videos v
    LEFT JOIN officers o ON o.officer_id = v.officer_id
    WHERE v.started_at >= $from::TIMESTAMP AND v.started_at < $to_excl::TIMESTAMP`,
};

const populationSql = (kind: SampleKind, month: string, select: string, where = 'true'): string => {
  const m = parseMonth(month);
  if (!m) throw new Error(`programmer error: unchecked month ${month}`);
  const span = monthSpan(m);
  // The month's bounds as constants (inlineDates), so that DuckDB skips the row groups outside it.
  return inlineDates(`
    WITH p AS (${QUERIES[kind]})
    SELECT ${select}
    FROM p LEFT JOIN units u ON u.unit_code = p.unit LEFT JOIN officers o ON o.officer_id = p.officer_id
    WHERE ${where}
    ORDER BY p.kind, p.id`, { from: span.from, to_excl: span.toExclusive });
};

/**
 * The month's population: each record's stratum (unit), kind and id, in (kind, id) order. Only what the draw
 * needs: a month of a city's penalty decisions is some 190,000 records, and reading every display field of each
 * into JavaScript took 3.5 s against 0.9 s; the drawn few are described afterwards (describeRecords).
 */
export async function loadPopulation(store: Store, kind: SampleKind, month: string): Promise<PopulationRecord[]> {
  return store.all<PopulationRecord>(populationSql(kind, month, 'p.unit, p.kind, p.id'), { fallback: await fallbackUnit(store) });
}

/** The fields a checker needs for each of `records` that is in the month's population, by `kind:id`. */
export async function describeRecords(store: Store, kind: SampleKind, month: string, records: readonly Pick<PopulationRecord, 'kind' | 'id'>[]): Promise<Map<string, PopulationRow>> {
  const rows = await store.all<PopulationRow>(populationSql(kind, month, 'p.*, u.unit_name, o.name AS officer_name', inIdList("p.kind || ':' || p.id", 'keys')), {
    fallback: await fallbackUnit(store), keys: JSON.stringify(records.map((r) => `${r.kind}:${r.id}`)),
  });
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]));
}

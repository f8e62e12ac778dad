// The records around an evidence record (预警详情 → 周边记录): a licence → the penalties it took; an
// officer → the violations they voided; a device → its captures and the complaints about it; and so
// on, as a table of relations. They are reached through an item the user may see, and only for a
// record among that item's evidence. The records around it may belong to other units: a brigade user
// sees its own unit's (access.recordCondition) and the item's own evidence, and of the others only
// how many there are.
import { TABLES, type TableKey } from '../contract/tables.ts';
import { ident, inIdList, type Store } from '../store/db.ts';
import { recordCondition, type Scope } from '../supervise/access.ts';
import { EVIDENCE_SOURCE, type RecordRef } from '../contract/vocabulary.ts';

interface Relation {
  readonly zh: string;
  readonly table: TableKey;
  /** Condition on the table's columns; $id is the record's id ($plate, $plate_type for a vehicle), and the columns of `lookup`. */
  readonly where: string;
  readonly order: string;
  /**
   * A query of one row, run first, whose columns become parameters of `where` (no row: no neighbours). A value
   * looked up once and compared as a constant scans the table once; the same lookup as a subquery of `where`
   * made DuckDB join the table to itself (~2 s for a vehicle's tickets at a city-year).
   */
  readonly lookup?: string;
}

export const RELATIONS: Readonly<Record<string, readonly Relation[]>> = {
  license: [
    { zh: '该驾驶证接受处罚的违法记录', table: 'violations', where: 'license_no = $id', order: 'processed_at DESC NULLS LAST' },
    { zh: '该驾驶证的车驾管业务', table: 'business', where: 'license_no = $id', order: 'accepted_at DESC' },
  ],
  officer: [
    { zh: '该民警作废的违法记录', table: 'violations', where: 'voided_by = $id', order: 'voided_at DESC NULLS LAST' },
    { zh: '该民警处理的违法记录', table: 'violations', where: 'handler_id = $id OR officer_id = $id', order: 'occurred_at DESC' },
    { zh: '该民警主办的事故', table: 'accidents', where: 'officer_id = $id', order: 'occurred_at DESC' },
    { zh: '该民警的执法记录仪视频', table: 'videos', where: 'officer_id = $id', order: 'started_at DESC' },
    { zh: '涉及该民警的投诉', table: 'opinions', where: 'officer_id = $id', order: 'received_on DESC' },
  ],
  device: [
    { zh: '该设备抓拍的违法记录', table: 'violations', where: 'device_id = $id', order: 'occurred_at DESC' },
    { zh: '涉及该设备的意见与投诉', table: 'opinions', where: 'device_id = $id', order: 'received_on DESC' },
  ],
  vehicle: [
    { zh: '该车的违法记录', table: 'violations', where: 'plate = $plate AND plate_type = $plate_type', order: 'occurred_at DESC' },
    { zh: '该车的车驾管业务', table: 'business', where: 'plate = $plate AND plate_type = $plate_type', order: 'accepted_at DESC' },
  ],
  violation: [
    { zh: '关联的执法记录仪视频', table: 'videos', where: 'linked_id = $id', order: 'started_at' },
    { zh: '同一车辆的其他违法记录', table: 'violations', lookup: 'SELECT plate, plate_type FROM violations WHERE violation_id = $id AND plate IS NOT NULL AND plate_type IS NOT NULL LIMIT 1',
      where: 'violation_id <> $id AND plate = $plate AND plate_type = $plate_type', order: 'occurred_at DESC' },
  ],
  accident: [
    { zh: '关联的执法记录仪视频', table: 'videos', where: 'linked_id = $id', order: 'started_at' },
    { zh: '主办民警的执法记录仪视频（事故当日）', table: 'videos', where: 'officer_id IN (SELECT officer_id FROM accidents WHERE accident_id = $id) AND started_at::DATE IN (SELECT occurred_at::DATE FROM accidents WHERE accident_id = $id)', order: 'started_at' },
  ],
  video: [
    { zh: '视频关联的违法记录', table: 'violations', where: 'violation_id IN (SELECT linked_id FROM videos WHERE video_id = $id)', order: 'occurred_at' },
    { zh: '视频关联的事故', table: 'accidents', where: 'accident_id IN (SELECT linked_id FROM videos WHERE video_id = $id)', order: 'occurred_at' },
    { zh: '同一民警的其他视频', table: 'videos', where: 'video_id <> $id AND officer_id IN (SELECT officer_id FROM videos WHERE video_id = $id)', order: 'started_at DESC' },
  ],
  business: [
    { zh: '同一车辆的其他业务', table: 'business', where: 'flow_id <> $id AND plate IN (SELECT plate FROM business WHERE flow_id = $id)', order: 'accepted_at DESC' },
    { zh: '同一驾驶证的其他业务', table: 'business', where: 'flow_id <> $id AND license_no IN (SELECT license_no FROM business WHERE flow_id = $id)', order: 'accepted_at DESC' },
  ],
  opinion: [
    { zh: '涉及同一设备的其他意见', table: 'opinions', where: 'opinion_id <> $id AND device_id IN (SELECT device_id FROM opinions WHERE opinion_id = $id)', order: 'received_on DESC' },
    { zh: '涉及同一民警的其他意见', table: 'opinions', where: 'opinion_id <> $id AND officer_id IN (SELECT officer_id FROM opinions WHERE opinion_id = $id)', order: 'received_on DESC' },
  ],
  unit: [
    { zh: '该单位的民警', table: 'officers', where: 'unit_code = $id', order: 'officer_id' },
  ],
};

export const NEIGHBOUR_LIMIT = 200;

/** `total` records the user may see (the first NEIGHBOUR_LIMIT in `rows`); `others`: how many more belong to other units. */
export interface Neighbours { relation: string; table: TableKey; total: number; others: number; rows: Record<string, unknown>[] }

/**
 * The related records of one record of an item's evidence, each relation with its total and its first
 * NEIGHBOUR_LIMIT rows: those within `scope`, and any that are among the item's `evidence` (which the
 * item shows whole); the rest only counted.
 */
export async function neighbours(store: Pick<Store, 'all'>, scope: Scope, evidence: readonly RecordRef[], kind: string, id: string): Promise<Neighbours[]> {
  const relations = RELATIONS[kind] ?? [];
  const [plate, plateType] = kind === 'vehicle' ? splitVehicle(id) : [null, null];
  const out: Neighbours[] = [];
  for (const r of relations) {
    const params: Record<string, string> = kind === 'vehicle' ? { plate: plate ?? '', plate_type: plateType ?? '' } : { id };
    if (r.lookup) {
      const [found] = await store.all<Record<string, unknown>>(r.lookup, params);
      if (!found) continue;
      for (const [k, v] of Object.entries(found)) params[k] = String(v);
    }
    const own = recordCondition(scope, r.table, 'x');
    // The item's evidence of this table, by its plain id column (a vehicle's two-part id is never a neighbour).
    const source = Object.entries(EVIDENCE_SOURCE).find(([, s]) => s.table === r.table && !s.id.includes("'"));
    const evidenceIds = source ? evidence.filter((e) => e.kind === source[0]).map((e) => e.id) : [];
    const visible = source && evidenceIds.length && !scope.all ? `(${own.sql} OR ${inIdList(`x.${ident(source[1].id)}`, 'evidence_ids')})` : own.sql;
    const p = { ...params, ...own.params, ...(visible.includes('$evidence_ids') ? { evidence_ids: JSON.stringify(evidenceIds) } : {}) };
    const cols = TABLES[r.table].columns.map((c) => `x.${ident(c.key)}`).join(', ');
    // One scan of the table for both counts and the first rows the user may see (the counts come even when those are none).
    const found = await store.all<Record<string, unknown> & { __n: number; __all: number; __row: boolean | null }>(
      `WITH m AS MATERIALIZED (SELECT ${cols}, (${visible}) AS __v FROM ${ident(r.table)} x WHERE ${r.where}),
         c AS (SELECT count(*) FILTER (WHERE __v) AS __n, count(*) AS __all FROM m)
       SELECT c.__n, c.__all, s.* FROM c LEFT JOIN (SELECT * EXCLUDE (__v), true AS __row FROM m WHERE __v ORDER BY ${r.order} LIMIT ${NEIGHBOUR_LIMIT}) s ON true
       ORDER BY ${r.order}`, p);
    const n = Number(found[0]?.__n ?? 0), all = Number(found[0]?.__all ?? 0);
    if (all === 0) continue;
    const rows = found.filter((x) => x.__row).map(({ __n, __all, __row, ...row }) => row);
    out.push({ relation: r.zh, table: r.table, total: n, others: all - n, rows });
  }
  return out;
}

/** A vehicle's evidence id is "plate/plate_type" (its two-part key). */
function splitVehicle(id: string): [string, string] {
  const i = id.lastIndexOf('/');
  return i < 0 ? [id, ''] : [id.slice(0, i), id.slice(i + 1)];
}

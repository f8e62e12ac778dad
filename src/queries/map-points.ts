// The 地图 page: black spots (事故多发点段, subject id "lon,lat") and the cameras that have warnings, as
// points with their item, for the user's scope. Points without coordinates are counted, not drawn.
import type { Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from '../supervise/access.ts';

export interface MapPoint {
  key: string; lon: number; lat: number; title: string; category: string; severity: string; status: string; unit: string; unit_name: string | null;
  /** The camera's id and name (cameras only). */
  device_id: string | null; name: string | null;
}

export interface MapPoints { blackspots: MapPoint[]; devices: MapPoint[]; unplaced: number }

export async function mapPoints(store: Pick<Store, 'all'>, user: User): Promise<MapPoints> {
  const scope = unitCondition(scopeOf(user), 'i.unit');
  const rows = await store.all<MapPoint & { lon: number | null; lat: number | null; kind: string }>(
    `SELECT i.item_key AS key, i.subject_kind AS kind, i.title, i.category, i.severity, i.status, i.unit, n.unit_name,
       CASE WHEN i.subject_kind = 'location' THEN TRY_CAST(split_part(i.subject_id, ',', 1) AS DOUBLE) ELSE d.lon END AS lon,
       CASE WHEN i.subject_kind = 'location' THEN TRY_CAST(split_part(i.subject_id, ',', 2) AS DOUBLE) ELSE d.lat END AS lat,
       d.device_id, d.name
     FROM items i
     LEFT JOIN devices d ON i.subject_kind = 'device' AND d.device_id = i.subject_id
     LEFT JOIN units n ON n.unit_code = i.unit
     WHERE (i.subject_kind = 'location' OR i.subject_kind = 'device') AND ${scope.sql}
     ORDER BY i.item_key`, scope.params);
  const placed = rows.filter((r): r is typeof r & { lon: number; lat: number } => r.lon !== null && r.lat !== null && Number.isFinite(r.lon) && Number.isFinite(r.lat));
  const point = ({ kind: _kind, ...p }: (typeof placed)[number]): MapPoint => p;
  return {
    blackspots: placed.filter((r) => r.kind === 'location').map(point),
    devices: placed.filter((r) => r.kind === 'device').map(point),
    unplaced: rows.length - placed.length,
  };
}

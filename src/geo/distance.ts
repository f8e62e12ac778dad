// Great-circle distance, the one formula of the project: the blackspot rule (RULES 15.1 asks for
// great-circle distance on WGS-84 coordinates), the demo that plants its clusters, and its scoring.

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6371008.8;

/** Haversine distance in metres between (lon1, lat1) and (lon2, lat2), degrees. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, a)));
}

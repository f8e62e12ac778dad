// 设备抓拍量异常 device-volume (subject: device) — RULES.md Part 12.
//
// 12.1 Measure. The number of capture records (any status) by the device with 违法时间 in the period.
//      Use the total over the period. Do not scale up per day in service (a device in service for only
//      part of the period is not unusual).
// 12.2 Peers. Devices of the same 设备类型 (kind) with at least one capture in the period, excluding the
//      device itself. If there are fewer than 5 such peers, the peers are all devices with captures.
// 12.3 Warning. The count is at least 7 times the median of its peers, and also at least 7 times the
//      median of all devices with captures. (Natural spread reaches about 4–6 times the median.)
// 12.4 Evidence. The device, its count, the peer median and the overall median. Severity: high at 10
//      times or more.
//
// Choices (docs/RULES-NOTES.md):
// - A capture is a violation record naming a device (采集设备 not blank), whatever its status or 采集方式.
//   A device id that is not in the registry has no kind: it is compared with all devices (fallback).
// - Medians are DuckDB median() over DOUBLE counts, i.e. the continuous median: for an even number of
//   values it is the mean of the two middle values (e.g. peers 10,10,20,20 → 15).
// - Fallback peers ("all devices with captures") exclude the device itself, like same-kind peers; the
//   overall median of 12.3 is over all devices with captures, the device itself included (the text says
//   "all devices").
// - "High at 10 times": the count is at least 10 × both medians (the smaller of the two ratios ≥ 10).
// - A device that has no peer at all (the only device with captures) is not judged.
import { deviceLabel, inPeriod, scoreRamp } from './sql.ts';
import type { Rule } from './types.ts';

const fmt = (x: string): string =>
  `CASE WHEN ${x} = floor(${x}) THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE printf('%.1f', ${x}) END`;

export const rule: Rule = {
  category: 'device-volume',
  needs: ['violations'],
  uses: ['devices'],
  async run(ctx) {
    const { minPeers, ratio, highRatio: high } = ctx.settings.deviceVolume;
    const sql = `
      -- Counted per device id as recorded first, then trimmed and summed per device: trim() runs on a few
      -- hundred ids, not on every capture. The blank id is dropped by a test on the group (an aggregate of its
      -- one trimmed id): a test of the id itself DuckDB would push back below both aggregates onto every capture.
      WITH raw AS (
        SELECT v.device_id, count(*) AS n
        FROM violations v
        WHERE v.device_id IS NOT NULL AND ${inPeriod('v.occurred_at')}  /* 12.1 */
        GROUP BY 1
      ),
      cnt AS (
        SELECT trim(device_id) AS device_id, CAST(sum(n) AS DOUBLE) AS n
        FROM raw
        GROUP BY 1
        HAVING min(trim(device_id)) <> ''
      ),
      dev AS (
        SELECT c.device_id, c.n, d.kind, d.name, d.unit_code
        FROM cnt c LEFT JOIN devices d ON d.device_id = c.device_id
      ),
      overall AS (SELECT median(n) AS m FROM dev),
      same AS (  /* 12.2 */
        SELECT a.device_id, count(b.device_id) AS k, median(b.n) AS m
        FROM dev a LEFT JOIN dev b ON b.kind = a.kind AND b.device_id <> a.device_id
        GROUP BY a.device_id
      ),
      everyone AS (
        SELECT a.device_id, count(b.device_id) AS k, median(b.n) AS m
        FROM dev a LEFT JOIN dev b ON b.device_id <> a.device_id
        GROUP BY a.device_id
      ),
      judged AS (
        SELECT d.device_id, d.n, d.kind, d.name, d.unit_code,
               (s.k < ${minPeers}) AS fallback,
               CASE WHEN s.k < ${minPeers} THEN e.m ELSE s.m END AS peer_m,
               CASE WHEN s.k < ${minPeers} THEN e.k ELSE s.k END AS peer_k,
               o.m AS all_m
        FROM dev d JOIN same s USING (device_id) JOIN everyone e USING (device_id) CROSS JOIN overall o
      ),
      hits AS (
        SELECT *, n / peer_m AS r_peer, n / all_m AS r_all, least(n / peer_m, n / all_m) AS r
        FROM judged
        WHERE peer_k > 0 AND n >= ${ratio} * peer_m AND n >= ${ratio} * all_m  /* 12.3 */
      )
      SELECT 'device' AS subject_kind, device_id AS subject_id, unit_code AS unit,
             CASE WHEN r >= ${high} THEN 'high' ELSE 'medium' END AS severity,
             ${scoreRamp('r', ratio, high)} AS score,
             'device-volume-outlier' AS rule,
             ${deviceLabel('device_id', 'name', 'kind')} ||
               '期间抓拍 ' || CAST(CAST(n AS BIGINT) AS VARCHAR) || ' 起，为' ||
               CASE WHEN fallback THEN '全部其他设备（同类不足 ${minPeers} 台）' ELSE '同类设备' END ||
               '中位数 ' || ${fmt('peer_m')} || ' 的 ' || printf('%.1f', r_peer) || ' 倍、全部设备中位数 ' ||
               ${fmt('all_m')} || ' 的 ' || printf('%.1f', r_all) || ' 倍' AS title,
             [{'kind': 'device', 'id': device_id}] AS evidence
      FROM hits
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};

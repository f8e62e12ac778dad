// 违规办理业务 irregular-business (subject: transaction 流水号) — RULES.md Part 5.
//
// 5.1 Scope. Transactions accepted (受理时间) in the period.
// 5.2 Warnings. Each clause alone is enough.
//   (a) One person accepts and approves: 办理渠道 窗口, and 受理人 = 审核人 (both present).
//   (b) Window at night: 办理渠道 窗口 and 受理时间 between 20:00 and 07:00.
//   (c) No or after-the-fact inspection: 注册登记 or 转移登记 with status 办结 where 查验员 or 查验时间
//       is empty, or 查验时间 is later than 办结时间.
//   (d) Sticker with outstanding violations: 核发检验合格标志 with status 办结 for a vehicle that, at
//       受理时间, had a violation that occurred at least 48 hours before acceptance, was not processed
//       by then (still 未处理, or 处理时间 later than 受理时间), and is still a valid penalty today
//       (已作废/已撤销 never count).
// 5.3 Exempt. 互联网 and 自助机 channels for (a) and (b) (a missing acceptor is no fault); the 查验员
//   may be the acceptor or approver; other business kinds need no 查验; 退办 / 受理中 are not checked
//   for (c) and (d).
// 5.4 Evidence. The transaction and the officers involved; for (d) also the outstanding violation(s)
//   and the vehicle. unit = 办理单位.
//
// One warning per transaction (0.7): clauses are merged, rule = the clause ids joined by '+'.
// A transaction with no 办理渠道 but a 受理人 is a window one (互联网/自助机 have no 受理人, 5.3).
// Night = hour of 受理时间 ≥ 20 or < 7 (20:00:00 is night, 07:00:00 is not). A violation 已处理 with
// no 处理时间 is taken as processed. The vehicle is matched on (plate, plate_type); when the
// transaction names no plate type, on the plate alone. Severity (RULES silent): medium.
import { inPeriod } from './sql.ts';
import type { Finding, Rule, RuleContext } from './types.ts';

export const rule: Rule = {
  category: 'irregular-business',
  needs: ['business'],
  uses: ['violations'],
  async run(ctx: RuleContext): Promise<Finding[]> {
    const { nightStartHour: nightStart, nightEndHour: nightEnd, violationLagHours: lag } = ctx.settings.irregularBusiness;
    const sql = `
      WITH b AS (
        -- A window transaction: 办理渠道 窗口, or no 办理渠道 recorded but a 受理人 (互联网/自助机 have none, 5.3).
        SELECT *, coalesce(channel = '窗口', acceptor_id IS NOT NULL) AS is_window FROM business
        WHERE ${inPeriod('accepted_at')}  /* 5.1 */
      ),
      outstanding AS (  /* 5.2(d) */
        SELECT b.flow_id,
               count(*) AS n_vio,
               min(v.plate_type) AS v_plate_type,
               list({'kind': 'violation', 'id': v.violation_id} ORDER BY v.violation_id) AS ev
        -- The violations that can be outstanding (未处理 or 已处理) are picked by a CASE on the status, which DuckDB
        -- evaluates at a fraction of the cost of the OR of two equalities it would otherwise test on every violation.
        FROM b JOIN (SELECT plate, plate_type, occurred_at, status, processed_at, violation_id FROM violations
                     WHERE CASE status WHEN '未处理' THEN true WHEN '已处理' THEN true ELSE false END) v
          ON v.plate = b.plate AND (b.plate_type IS NULL OR v.plate_type = b.plate_type)
        WHERE b.kind = '核发检验合格标志' AND b.status = '办结'
          AND v.occurred_at <= b.accepted_at - INTERVAL ${lag} HOUR
          AND (v.status = '未处理' OR v.processed_at > b.accepted_at)
        GROUP BY b.flow_id
      ),
      flags AS (
        SELECT b.*,
               coalesce(b.is_window AND b.acceptor_id = b.approver_id, false) AS fa,  /* 5.2(a) */
               coalesce(b.is_window AND (hour(b.accepted_at) >= ${nightStart} OR hour(b.accepted_at) < ${nightEnd}), false) AS fb,  /* 5.2(b) */
               coalesce(b.kind IN ('注册登记', '转移登记') AND b.status = '办结'
                 AND (b.inspector_id IS NULL OR b.inspected_at IS NULL), false) AS fc_missing,  /* 5.2(c) */
               coalesce(b.kind IN ('注册登记', '转移登记') AND b.status = '办结'
                 AND b.inspector_id IS NOT NULL AND b.inspected_at > b.completed_at, false) AS fc_late,
               o.flow_id IS NOT NULL AS fd, o.n_vio, o.v_plate_type, o.ev AS vio_ev
        FROM b LEFT JOIN outstanding o USING (flow_id)
      ),
      hit AS (
        SELECT *, fc_missing OR fc_late AS fc FROM flags WHERE fa OR fb OR fc_missing OR fc_late OR fd
      )
      SELECT 'business' AS subject_kind,
             flow_id AS subject_id,
             unit_code AS unit,
             'medium' AS severity,
             greatest(CASE WHEN fa THEN 0.9 ELSE 0 END, CASE WHEN fb THEN 0.85 ELSE 0 END,
                      CASE WHEN fc_missing THEN 0.9 WHEN fc_late THEN 0.85 ELSE 0 END, CASE WHEN fd THEN 0.85 ELSE 0 END)
               + 0.05 * ((fa::INT + fb::INT + fc::INT + fd::INT) - 1) AS score,
             array_to_string(list_filter([
               CASE WHEN fa THEN 'business-accept-approve-same' END,
               CASE WHEN fb THEN 'business-window-night' END,
               CASE WHEN fc THEN 'business-no-prior-inspection' END,
               CASE WHEN fd THEN 'business-sticker-outstanding-violations' END], x -> x IS NOT NULL), '+') AS rule,
             '业务 ' || flow_id || '（' || kind || coalesce('，' || channel, '') || coalesce('，' || plate, '') || '）：'
               || array_to_string(list_filter([
                    CASE WHEN fa THEN '受理人与审核人同为 ' || acceptor_id END,
                    CASE WHEN fb THEN '窗口于夜间 ' || strftime(accepted_at, '%H:%M') || ' 受理' END,
                    CASE WHEN fc_missing THEN '未经查验即办结' END,
                    CASE WHEN fc_late THEN '查验时间 ' || strftime(inspected_at, '%m-%d %H:%M') || ' 晚于办结时间 ' || strftime(completed_at, '%m-%d %H:%M') END,
                    CASE WHEN fd THEN '车辆受理时有 ' || n_vio || ' 起超过 ${lag} 小时未处理的违法仍核发检验合格标志' END],
                  x -> x IS NOT NULL), '；') AS title,
             [{'kind': 'business', 'id': flow_id}]
               || list_transform(list_sort(list_distinct([acceptor_id, approver_id, inspector_id])), x -> {'kind': 'officer', 'id': x})
               || CASE WHEN fd THEN vio_ev || [{'kind': 'vehicle', 'id': plate || '/' || coalesce(plate_type, v_plate_type)}] ELSE [] END AS evidence
      FROM hit
      ORDER BY subject_id`;
    return ctx.findings(sql);
  },
};

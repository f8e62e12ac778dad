-- 督办事项的发生日：同步时存入 items.day，总览与事项列表按期间筛选时直接读取
-- The day the misconduct behind an item happened (src/supervise/item-day.ts says how it is found) was resolved from
-- the item's evidence on every 总览 request: at a city-year that joins 100,000 items to millions of records each
-- time. syncRun and createItems now store it (sync.ts); this fills it in for the items of an existing database,
-- with the same query as item-day.ts's itemDaySql (src/supervise/item-day.test.ts checks that the two agree).
ALTER TABLE items ADD COLUMN IF NOT EXISTS day DATE;

UPDATE items SET day = d.day FROM (WITH ev AS MATERIALIZED (
      SELECT item_key, e.kind AS kind, e.id AS id
      FROM (SELECT i.item_key, unnest(from_json(i.evidence, '[{"kind":"VARCHAR","id":"VARCHAR"}]')) AS e FROM items i WHERE true)
    ), days AS (SELECT ev.item_key, min(x.occurred_at)::DATE AS day FROM ev JOIN violations x ON ev.kind = 'violation' AND x.violation_id = ev.id GROUP BY ev.item_key UNION ALL SELECT ev.item_key, min(x.occurred_at)::DATE AS day FROM ev JOIN accidents x ON ev.kind = 'accident' AND x.accident_id = ev.id GROUP BY ev.item_key UNION ALL SELECT ev.item_key, min(x.started_at)::DATE AS day FROM ev JOIN videos x ON ev.kind = 'video' AND x.video_id = ev.id GROUP BY ev.item_key UNION ALL SELECT ev.item_key, min(x.accepted_at)::DATE AS day FROM ev JOIN business x ON ev.kind = 'business' AND x.flow_id = ev.id GROUP BY ev.item_key UNION ALL SELECT ev.item_key, min(x.received_on)::DATE AS day FROM ev JOIN opinions x ON ev.kind = 'opinion' AND x.opinion_id = ev.id GROUP BY ev.item_key)
    SELECT i.item_key,
      CASE WHEN i.subject_kind = 'unit-quarter' AND regexp_matches(i.subject_id, '/\d{4}Q[1-4]$')
        THEN make_date(CAST(regexp_extract(i.subject_id, '/(\d{4})Q', 1) AS INTEGER), CAST(regexp_extract(i.subject_id, 'Q([1-4])$', 1) AS INTEGER) * 3 - 2, 1)
        ELSE coalesce(min(d.day), any_value(r.period_to), TRY_CAST(left(i.created_at, 10) AS DATE)) END AS day
    FROM items i LEFT JOIN days d USING (item_key) LEFT JOIN runs r ON r.run_id = i.first_run
    WHERE true
    GROUP BY i.item_key, i.subject_kind, i.subject_id, i.created_at) d
WHERE items.item_key = d.item_key;

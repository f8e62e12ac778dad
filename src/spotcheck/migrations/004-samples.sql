-- 抽查：样本、样本记录、检查结果
-- Each drawn sample with everything needed to redraw it, the records drawn, and the checkers' findings
-- read back from the filled checklist.

CREATE TABLE IF NOT EXISTS samples (
    sample_id BIGINT PRIMARY KEY, created_at TIMESTAMP NOT NULL, month VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    rate DOUBLE NOT NULL, min_per_unit INTEGER NOT NULL, seed BIGINT NOT NULL, generator VARCHAR NOT NULL,
    population_sha256 VARCHAR NOT NULL, population BIGINT NOT NULL, drawn BIGINT NOT NULL, strata VARCHAR NOT NULL,
    out_file VARCHAR);

CREATE TABLE IF NOT EXISTS sample_rows (
    sample_id BIGINT NOT NULL, unit_code VARCHAR NOT NULL, record_kind VARCHAR NOT NULL, record_id VARCHAR NOT NULL,
    draw_order INTEGER NOT NULL, PRIMARY KEY (sample_id, record_kind, record_id));

CREATE TABLE IF NOT EXISTS sample_findings (
    sample_id BIGINT NOT NULL, record_kind VARCHAR NOT NULL, record_id VARCHAR NOT NULL, unit_code VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL, problem VARCHAR, note VARCHAR, checker VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
    file VARCHAR, item_key VARCHAR, PRIMARY KEY (sample_id, record_kind, record_id));

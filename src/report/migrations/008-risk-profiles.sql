-- 风险画像：按数据版本保存的默认期间画像（导入与分析之后预先算好，请求只读取）
-- report/risk-store.ts keeps the profile of the period the 风险画像 page opens on, made after each import and
-- each analysis by the process that owns the database, so that the page's first request reads it instead of
-- running the period's analysis. data_version is the last import's id: a profile of an older one is never read.
CREATE TABLE IF NOT EXISTS risk_profiles (
    period_from DATE NOT NULL, period_to DATE NOT NULL, as_of DATE NOT NULL,
    data_version BIGINT NOT NULL,
    settings VARCHAR NOT NULL,          -- the rules' settings and the risk figures (JSON) it was made with
    made_at VARCHAR NOT NULL,           -- Beijing time
    report VARCHAR NOT NULL);           -- the RiskReport as JSON

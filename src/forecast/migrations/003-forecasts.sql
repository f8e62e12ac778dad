-- 事故预测（形势研判）：每次预测的各单位期望值与 80% 区间；通报的可编辑设置

CREATE TABLE IF NOT EXISTS forecasts (
        forecast_id BIGINT NOT NULL, made_at TIMESTAMP NOT NULL, month VARCHAR NOT NULL, unit_code VARCHAR NOT NULL,
        expected DOUBLE NOT NULL, low BIGINT NOT NULL, high BIGINT NOT NULL, history_from VARCHAR, history_to VARCHAR);

CREATE TABLE IF NOT EXISTS bulletin_settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

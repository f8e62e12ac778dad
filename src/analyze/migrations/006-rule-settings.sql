-- 规则设置的版本：谁、何时、为何修改；每次分析记下所用的版本

CREATE TABLE IF NOT EXISTS rule_settings (
    version BIGINT PRIMARY KEY, created_at VARCHAR NOT NULL, created_by VARCHAR NOT NULL, reason VARCHAR NOT NULL,
    adopted BOOLEAN NOT NULL, settings VARCHAR NOT NULL);

ALTER TABLE runs ADD COLUMN IF NOT EXISTS settings_version BIGINT;

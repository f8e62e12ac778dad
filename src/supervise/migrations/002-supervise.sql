-- 督办：预警事项、审计日志、用户、会话、附件
-- Items are keyed by the warning key; the audit log is append-only (no code path updates or deletes it)
-- and hash-chained (each entry's hash covers the previous entry's hash), so `yanpan audit verify` can
-- prove that no entry was changed or removed.

CREATE TABLE IF NOT EXISTS items (
    item_key VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,            -- 'run' (an analysis warning) or another origin, e.g. 'spotcheck'
    category VARCHAR NOT NULL, subject_kind VARCHAR NOT NULL, subject_id VARCHAR NOT NULL,
    unit VARCHAR NOT NULL, severity VARCHAR NOT NULL, score DOUBLE NOT NULL,
    rule VARCHAR, title VARCHAR NOT NULL, evidence VARCHAR NOT NULL,   -- evidence: JSON [{kind,id}]
    status VARCHAR NOT NULL,
    version BIGINT NOT NULL,            -- +1 on every change: optimistic concurrency for clients
    recurred BOOLEAN NOT NULL DEFAULT false,
    resolved_in_data BOOLEAN NOT NULL DEFAULT false,
    finding VARCHAR,                    -- 属实 / 不属实 once verified
    deadline DATE,                      -- set on dispatch, in working days
    first_run BIGINT, last_run BIGINT,
    created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS audit (
    seq BIGINT PRIMARY KEY, logged_at VARCHAR NOT NULL, username VARCHAR NOT NULL, item_key VARCHAR,
    action VARCHAR NOT NULL, from_status VARCHAR, to_status VARCHAR, fields VARCHAR NOT NULL,
    prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL);

CREATE INDEX IF NOT EXISTS audit_item ON audit (item_key);

CREATE TABLE IF NOT EXISTS users (
    username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, unit VARCHAR,
    salt VARCHAR NOT NULL, hash VARCHAR NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
    failed_logins BIGINT NOT NULL DEFAULT 0, locked_until VARCHAR,
    created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL);

-- The id itself is never stored, only its SHA-256: a copy of the database gives no live session.
CREATE TABLE IF NOT EXISTS sessions (
    id_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, created_at VARCHAR NOT NULL, last_seen_ms BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS attachments (
    attachment_id VARCHAR PRIMARY KEY, item_key VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
    mime VARCHAR NOT NULL, size BIGINT NOT NULL, sha256 VARCHAR NOT NULL,
    uploaded_by VARCHAR NOT NULL, uploaded_at VARCHAR NOT NULL);

CREATE TABLE IF NOT EXISTS supervise_settings (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

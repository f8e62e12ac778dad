-- 安全：须改密码、姓名、按用户名计的登录失败、会话起始时间、安全审计日志
-- Issue 18: who must change their password, a display name, failed log-ins counted per name (known or
-- not, so both look the same), a session's absolute start, and the security log — append-only and
-- hash-chained like the audit log.

-- DuckDB cannot add a column with a constraint to an existing table: NULL reads as false.
ALTER TABLE users ADD COLUMN IF NOT EXISTS must_change BOOLEAN DEFAULT false;

ALTER TABLE users ADD COLUMN IF NOT EXISTS display_name VARCHAR;

CREATE TABLE IF NOT EXISTS login_failures (
    username VARCHAR PRIMARY KEY, failures BIGINT NOT NULL, locked_until VARCHAR);

-- The counters of users.failed_logins / locked_until move here (those columns are no longer read).
INSERT INTO login_failures SELECT username, failed_logins, locked_until FROM users
   WHERE failed_logins > 0 OR locked_until IS NOT NULL ON CONFLICT DO NOTHING;

ALTER TABLE sessions ADD COLUMN IF NOT EXISTS created_ms BIGINT;

UPDATE sessions SET created_ms = last_seen_ms WHERE created_ms IS NULL;

CREATE TABLE IF NOT EXISTS security_log (
    seq BIGINT PRIMARY KEY, logged_at VARCHAR NOT NULL, username VARCHAR NOT NULL, address VARCHAR NOT NULL,
    event VARCHAR NOT NULL, outcome VARCHAR NOT NULL, detail VARCHAR NOT NULL,
    prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL);

-- Failed-login counters, shared by every server instance on the database.
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start_ts BIGINT NOT NULL,
    blocked_until_ts BIGINT NOT NULL
);

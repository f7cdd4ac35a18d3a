-- Server instances and the sessions bound on them. A session is live while a
-- connection is bound to it (online) on an instance that is alive: one whose
-- heartbeat is recent. A session bound on an instance that died is detached,
-- so its user is never locked out for longer than the heartbeat's limit.
ALTER TABLE sessions ADD COLUMN instance_id BIGINT NOT NULL DEFAULT 0;

CREATE TABLE instances (
    id BIGINT PRIMARY KEY,
    heartbeat_ts BIGINT NOT NULL
);

CREATE INDEX sessions_instance ON sessions(instance_id) WHERE online <> 0;

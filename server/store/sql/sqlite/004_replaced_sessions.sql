-- Tokens of sessions ended by a takeover, so their connections are told
-- session_replaced (not auth_required) on any instance. Purged after the
-- session timeout.
CREATE TABLE replaced_sessions (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    replaced_ts BIGINT NOT NULL
);

-- Blocks and profiles (docs/protocol.md §3.34-3.35). A row of blocks: the
-- blocker no longer hears from the blocked user (friend requests and direct
-- messages refused, their group messages not fanned out to the blocker).
CREATE TABLE blocks (
    blocker_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    blocked_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    since_ts BIGINT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE INDEX blocks_blocked ON blocks(blocked_id);

-- A user's display name ('' when unset) and avatar (a small JPEG or PNG;
-- NULL when none). avatar_hash: hex SHA-256 of the bytes, '' when none.
CREATE TABLE profiles (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    display_name TEXT NOT NULL DEFAULT '',
    avatar BYTEA,
    avatar_type TEXT NOT NULL DEFAULT '',
    avatar_hash TEXT NOT NULL DEFAULT '',
    updated_ts BIGINT NOT NULL
);

-- Accounts, sessions and friendships. Never edit once shipped: add a new file.
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_ts BIGINT NOT NULL,
    last_seen_ts BIGINT
);

CREATE TABLE sessions (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    created_ts BIGINT NOT NULL,
    last_active_ts BIGINT NOT NULL,
    online SMALLINT NOT NULL DEFAULT 0
);

CREATE TABLE friendships (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    friend_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    since_ts BIGINT NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE friend_requests (
    from_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_ts BIGINT NOT NULL,
    PRIMARY KEY (from_id, to_id)
);

CREATE INDEX friend_requests_to ON friend_requests(to_id);

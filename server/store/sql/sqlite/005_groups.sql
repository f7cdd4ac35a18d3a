-- Groups with an administrator. group_receipts holds one row per message and
-- member it was fanned out to: it says who may see the message and when each
-- member received and read it.
CREATE TABLE chat_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    admin_id INTEGER NOT NULL,
    created_ts BIGINT NOT NULL
);

CREATE TABLE group_members (
    group_id INTEGER NOT NULL REFERENCES chat_groups(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_ts BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX group_members_user ON group_members(user_id);

CREATE TABLE group_receipts (
    msg_id BIGINT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    delivered_ts BIGINT,
    read_ts BIGINT,
    PRIMARY KEY (msg_id, user_id)
);

CREATE INDEX group_receipts_user ON group_receipts(user_id, msg_id);

-- Messages (kept for history) and per-user event inboxes (dropped once
-- acknowledged). users.last_seq hands out each inbox's increasing seq.
ALTER TABLE users ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;

CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    chat TEXT NOT NULL,
    sender_id BIGINT NOT NULL,
    recipient_id BIGINT,
    group_id BIGINT,
    client_id TEXT,
    body TEXT NOT NULL,
    ts BIGINT NOT NULL,
    delivered_ts BIGINT,
    read_ts BIGINT
);

CREATE INDEX messages_chat ON messages(chat, id);
CREATE UNIQUE INDEX messages_client_id ON messages(sender_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_unread ON messages(recipient_id, sender_id, id) WHERE read_ts IS NULL;

CREATE TABLE events (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    msg_id BIGINT,
    payload TEXT NOT NULL,
    PRIMARY KEY (user_id, seq)
);

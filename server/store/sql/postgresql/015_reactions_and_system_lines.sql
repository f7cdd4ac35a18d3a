-- Reactions: at most one emoji per user and message (react). A message
-- deleted with its chat takes its reactions with it.
CREATE TABLE reactions (
    msg_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    emoji TEXT NOT NULL,
    ts BIGINT NOT NULL,
    PRIMARY KEY (msg_id, user_id)
);

-- Group system lines (a membership change, rename or admin change): each is
-- a row of messages (sender: who made the change, empty body) for its place
-- and visibility in the group's history, described by its row here (the
-- `system` object of the protocol, as JSON text).
CREATE TABLE system_lines (
    msg_id BIGINT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    payload TEXT NOT NULL
);

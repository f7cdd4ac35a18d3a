-- The inbox as one B-tree keyed by (user_id, seq): an event is inserted and
-- deleted once, not once in the table and once in its primary key index.
CREATE TABLE events_by_user (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    msg_id BIGINT,
    payload TEXT NOT NULL,
    PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;

INSERT INTO events_by_user (user_id, seq, kind, msg_id, payload)
SELECT user_id, seq, kind, msg_id, payload FROM events;

DROP TABLE events;

ALTER TABLE events_by_user RENAME TO events;

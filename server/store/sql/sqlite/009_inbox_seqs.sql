-- Each inbox's seq counter in a narrow table of its own: every commit that
-- adds events updates the counters of their inboxes, and small rows keep
-- those updates to a few pages (the users rows carry a password hash).
CREATE TABLE inbox_seqs (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL
);

INSERT INTO inbox_seqs (user_id, last_seq) SELECT id, last_seq FROM users;

ALTER TABLE users DROP COLUMN last_seq;

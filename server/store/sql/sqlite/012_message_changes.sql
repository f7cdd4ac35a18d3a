-- Replies, forwards, edits and deletes for everyone (docs/protocol.md,
-- "Conversation features: the rules"). reply_to: the message this one
-- answers (same chat); forwarded: 1 for a copy made by `forward`;
-- edited_ts: when the text was last changed; deleted: 1 for a tombstone,
-- whose body is cleared (and whose file row is gone).
ALTER TABLE messages ADD COLUMN reply_to BIGINT;
ALTER TABLE messages ADD COLUMN forwarded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN edited_ts BIGINT;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

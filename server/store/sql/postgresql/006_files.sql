-- Files sent in chats. A row is an upload until file_end verifies it and
-- stores its message (msg_id set); only then may recipients download it.
-- The bytes live in file_chunks, one row per uploaded chunk (uncompressed),
-- keyed by the file's own offset, so no file is ever held whole in memory and
-- every instance on one database serves every file. Deleting the uploader,
-- the 1:1 recipient or the group deletes the file with its chunks.
CREATE TABLE files (
    id BIGSERIAL PRIMARY KEY,
    uploader_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    recipient_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    group_id BIGINT REFERENCES chat_groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    mime TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    created_ts BIGINT NOT NULL,
    updated_ts BIGINT NOT NULL,
    msg_id BIGINT
);

CREATE INDEX files_msg ON files(msg_id) WHERE msg_id IS NOT NULL;
CREATE INDEX files_unfinished ON files(updated_ts) WHERE msg_id IS NULL;
CREATE INDEX files_uploader ON files(uploader_id);
CREATE INDEX files_recipient ON files(recipient_id) WHERE recipient_id IS NOT NULL;
CREATE INDEX files_group ON files(group_id) WHERE group_id IS NOT NULL;

CREATE TABLE file_chunks (
    file_id BIGINT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    pos BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (file_id, pos)
);

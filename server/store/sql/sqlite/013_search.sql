-- Full-text search over messages.body (the `search` op): an FTS5 index with
-- the messages table as its content, accents folded by the tokenizer. The
-- triggers keep it in step with every INSERT, UPDATE and DELETE of a message,
-- whoever makes them (an edited text is found by its new words only; a
-- message deleted for everyone, its text cleared, by none). Each trigger's
-- body is on one line: migrations are split into statements at line ends.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    body, content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body); END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body); END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body); END;

INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

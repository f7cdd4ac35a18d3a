-- SQLite's forms of the statements that take a list as one JSON text
-- (json_each), overriding sql/queries.sql. [[user, n], ...] and the like.

-- name: reserve_seqs_bulk
UPDATE inbox_seqs SET last_seq = last_seq + (j.value ->> 1)
FROM json_each(:counts) AS j WHERE inbox_seqs.user_id = (j.value ->> 0)
RETURNING user_id, last_seq

-- name: set_last_seen_bulk
UPDATE users SET last_seen_ts = (j.value ->> 1)
FROM json_each(:seen) AS j WHERE users.id = (j.value ->> 0)

-- name: insert_events_bulk
INSERT INTO events (user_id, seq, kind, msg_id, payload)
SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value -> 4 FROM json_each(:rows)

-- name: deliver_acked_bulk
UPDATE messages SET delivered_ts = :ts
WHERE delivered_ts IS NULL AND group_id IS NULL AND id IN (
    SELECT e.msg_id FROM json_each(:acks) AS a JOIN events e
        ON e.user_id = (a.value ->> 0) AND e.seq <= (a.value ->> 1) AND e.kind = 'message')
RETURNING id, sender_id, recipient_id

-- name: deliver_acked_group_bulk
UPDATE group_receipts SET delivered_ts = :ts
WHERE delivered_ts IS NULL AND (user_id, msg_id) IN (
    SELECT e.user_id, e.msg_id FROM json_each(:acks) AS a JOIN events e
        ON e.user_id = (a.value ->> 0) AND e.seq <= (a.value ->> 1) AND e.kind = 'message')
RETURNING msg_id, 0, user_id

-- name: delete_acked_events_bulk
DELETE FROM events WHERE (user_id, seq) IN (
    SELECT e.user_id, e.seq FROM json_each(:acks) AS a JOIN events e
        ON e.user_id = (a.value ->> 0) AND e.seq <= (a.value ->> 1))

-- Full-text search (Store::searchMessages, store_search.cpp). The word
-- plan: driven by the FTS5 index in id order, newest first, in one chat or
-- (no chat given) in all, each match checked against what the caller may
-- see: their one-to-one messages, and in groups they are in, the messages
-- fanned out to them or their own (as group_history). The query is lazy
-- (it stops at the limit) as long as it has no FTS5 prefix term, whose
-- doclists FTS5 merges in full first: the store spells a prefix out as its
-- terms (search_next_term) when they are few.
-- name: search
SELECT m.id, m.sender_id, su.name, ru.name, m.group_id, m.body, m.ts, m.delivered_ts, m.read_ts
FROM messages_fts f JOIN messages m ON m.id = f.rowid
    LEFT JOIN users su ON su.id = m.sender_id LEFT JOIN users ru ON ru.id = m.recipient_id
WHERE messages_fts MATCH :query AND f.rowid < :before AND (COALESCE(:chat, '') = '' OR m.chat = :chat2)
    AND (CASE WHEN m.group_id IS NULL THEN m.sender_id = :me OR m.recipient_id = :me2
        ELSE EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = m.group_id AND gm.user_id = :me3)
            AND (m.sender_id = :me4 OR EXISTS (
                SELECT 1 FROM group_receipts v WHERE v.msg_id = m.id AND v.user_id = :me5)) END)
ORDER BY f.rowid DESC LIMIT :limit

-- The chat plan for one chat: its window of newest messages below the
-- cursor (the messages_chat index), newest first; fewer than the window
-- when the chat has nothing older.
-- name: search_chat_window_ids
SELECT id FROM messages WHERE chat = :chat AND id < :before ORDER BY id DESC LIMIT :window

-- Store::searchMessages matches the window against the index term by term
-- with the next two: a term's entries between two ids, newest first, up to
-- a number (read lazily: one seek into each segment of the index), and
-- whether one message has the term.
-- name: search_term_rows
SELECT rowid FROM messages_fts
WHERE messages_fts MATCH :term AND rowid <= :newest AND rowid >= :oldest
ORDER BY rowid DESC LIMIT :rows

-- name: search_term_has
SELECT 1 FROM messages_fts WHERE messages_fts MATCH :term AND rowid = :id

-- Then the messages of the window that matched (a JSON array of ids),
-- checked as above, newest first, up to the limit. Store::searchMessages
-- goes on with the word plan below the window when the window finds fewer.
-- name: search_chat_window
SELECT m.id, m.sender_id, su.name, ru.name, m.group_id, m.body, m.ts, m.delivered_ts, m.read_ts
FROM messages m
    LEFT JOIN users su ON su.id = m.sender_id LEFT JOIN users ru ON ru.id = m.recipient_id
WHERE m.id IN (SELECT value FROM json_each(:ids))
    AND (CASE WHEN m.group_id IS NULL THEN m.sender_id = :me OR m.recipient_id = :me2
        ELSE EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = m.group_id AND gm.user_id = :me3)
            AND (m.sender_id = :me4 OR EXISTS (
                SELECT 1 FROM group_receipts v WHERE v.msg_id = m.id AND v.user_id = :me5)) END)
ORDER BY m.id DESC LIMIT :limit

-- The index's first term at or after the first bound and below the second
-- (Store::searchMessages steps through the terms of a prefix with it). The
-- instance view stops at the term's first entry; the row view would count
-- all its documents first. (No placeholder names in these comments: Qt
-- takes them for placeholders.)
-- name: search_next_term
SELECT term FROM messages_fts_instances WHERE term >= :from AND term < :end LIMIT 1

-- PostgreSQL's forms of the statements that take a list as one JSON text,
-- overriding sql/queries.sql. [[user, n], ...] and the like.

-- name: reserve_seqs_bulk
WITH counts AS (
    SELECT (e ->> 0)::bigint AS id, (e ->> 1)::bigint AS n
    FROM json_array_elements(CAST(:counts AS json)) AS e),
locked AS (
    SELECT s.user_id FROM inbox_seqs s WHERE s.user_id IN (SELECT id FROM counts)
    ORDER BY s.user_id FOR NO KEY UPDATE)
UPDATE inbox_seqs s SET last_seq = s.last_seq + c.n FROM counts c
WHERE s.user_id = c.id AND s.user_id IN (SELECT user_id FROM locked)
RETURNING s.user_id, s.last_seq

-- name: set_last_seen_bulk
WITH seen AS (
    SELECT (e ->> 0)::bigint AS id, (e ->> 1)::bigint AS ts
    FROM json_array_elements(CAST(:seen AS json)) AS e),
locked AS (
    SELECT u.id FROM users u WHERE u.id IN (SELECT id FROM seen) ORDER BY u.id FOR NO KEY UPDATE)
UPDATE users u SET last_seen_ts = seen.ts FROM seen
WHERE u.id = seen.id AND u.id IN (SELECT id FROM locked)

-- name: insert_events_bulk
INSERT INTO events (user_id, seq, kind, msg_id, payload)
SELECT (e ->> 0)::bigint, (e ->> 1)::bigint, e ->> 2, (e ->> 3)::bigint, (e -> 4)::text
FROM json_array_elements(CAST(:rows AS json)) AS e

-- (Driven from the acknowledged events, each found through a primary key:
-- see Store::open for the planner settings that keep it so.)
-- name: deliver_acked_bulk
UPDATE messages m SET delivered_ts = :ts
FROM json_array_elements(CAST(:acks AS json)) AS a JOIN events e
    ON e.user_id = (a ->> 0)::bigint AND e.seq <= (a ->> 1)::bigint AND e.kind = 'message'
WHERE m.id = e.msg_id AND m.delivered_ts IS NULL AND m.group_id IS NULL
RETURNING m.id, m.sender_id, m.recipient_id

-- name: deliver_acked_group_bulk
UPDATE group_receipts r SET delivered_ts = :ts
FROM json_array_elements(CAST(:acks AS json)) AS a JOIN events e
    ON e.user_id = (a ->> 0)::bigint AND e.seq <= (a ->> 1)::bigint AND e.kind = 'message'
WHERE r.msg_id = e.msg_id AND r.user_id = e.user_id AND r.delivered_ts IS NULL
RETURNING r.msg_id, 0, r.user_id

-- name: delete_acked_events_bulk
DELETE FROM events e USING json_array_elements(CAST(:acks AS json)) AS a
WHERE e.user_id = (a ->> 0)::bigint AND e.seq <= (a ->> 1)::bigint

-- An instance is alive while its listening connection holds the advisory
-- lock (78780, its id) and its heartbeat is recent: a killed instance's
-- lock goes with its connection, so its sessions are detached at once.
-- name: session_of_user
SELECT s.token_hash, s.created_ts, s.last_active_ts, s.online, s.instance_id,
    CASE WHEN EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
        AND l.classid = 78780 AND l.objid = s.instance_id AND l.objsubid = 2)
    THEN i.heartbeat_ts END
FROM sessions s LEFT JOIN instances i ON i.id = s.instance_id WHERE s.user_id = :user

-- name: session_by_token
SELECT s.user_id, s.created_ts, s.last_active_ts, s.online, s.instance_id,
    CASE WHEN EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
        AND l.classid = 78780 AND l.objid = s.instance_id AND l.objsubid = 2)
    THEN i.heartbeat_ts END
FROM sessions s LEFT JOIN instances i ON i.id = s.instance_id WHERE s.token_hash = :token

-- name: friends_of
SELECT u.id, u.name, u.last_seen_ts, s.last_active_ts,
    CASE WHEN s.online <> 0 AND COALESCE(i.heartbeat_ts, 0) >= :live_since AND EXISTS (
        SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
            AND l.classid = 78780 AND l.objid = s.instance_id AND l.objsubid = 2)
    THEN 1 ELSE 0 END,
    COALESCE(p.display_name, ''), COALESCE(p.avatar_type, ''), COALESCE(p.avatar_hash, ''),
    COALESCE(LENGTH(p.avatar), 0)
FROM friendships f JOIN users u ON u.id = f.friend_id LEFT JOIN sessions s ON s.user_id = u.id
    LEFT JOIN instances i ON i.id = s.instance_id LEFT JOIN profiles p ON p.user_id = u.id
WHERE f.user_id = :user ORDER BY u.name_key

-- Full-text search (Store::searchMessages) through the GIN index of
-- 012_search.sql (the same expression, accents folded by palomar_fold),
-- newest first, in one chat or (no chat given) in all, each match
-- checked against what the caller may see: their one-to-one messages, and
-- in groups they are in, the messages fanned out to them or their own (as
-- group_history).
-- name: search
SELECT m.id, m.sender_id, su.name, ru.name, m.group_id, m.body, m.ts, m.delivered_ts, m.read_ts
FROM messages m LEFT JOIN users su ON su.id = m.sender_id LEFT JOIN users ru ON ru.id = m.recipient_id
WHERE to_tsvector('simple'::regconfig, palomar_fold(m.body))
        @@ to_tsquery('simple'::regconfig, palomar_fold(:query)) AND m.id < :before
    AND (COALESCE(:chat, '') = '' OR m.chat = :chat2)
    AND (CASE WHEN m.group_id IS NULL THEN m.sender_id = :me OR m.recipient_id = :me2
        ELSE EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = m.group_id AND gm.user_id = :me3)
            AND (m.sender_id = :me4 OR EXISTS (
                SELECT 1 FROM group_receipts v WHERE v.msg_id = m.id AND v.user_id = :me5)) END)
ORDER BY m.id DESC LIMIT :limit

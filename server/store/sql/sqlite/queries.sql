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

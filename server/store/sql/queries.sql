-- The statements of Store, shared by SQLite and PostgreSQL. A file
-- sql/<dialect>/queries.sql may override any block by repeating its name.
-- Each block starts with "-- name: NAME" and holds one statement.

-- name: user_by_key
SELECT id, name, password_hash, last_seen_ts FROM users WHERE name_key = :key

-- name: user_by_id
SELECT id, name, password_hash, last_seen_ts FROM users WHERE id = :id

-- name: insert_user
INSERT INTO users (name, name_key, password_hash, created_ts) VALUES (:name, :key, :hash, :ts)
ON CONFLICT (name_key) DO NOTHING RETURNING id

-- name: insert_inbox
INSERT INTO inbox_seqs (user_id, last_seq) VALUES (:id, 0)

-- name: delete_user
DELETE FROM users WHERE id = :id

-- name: touch_last_seen
UPDATE users SET last_seen_ts = :ts WHERE id = :id

-- name: last_seq
SELECT last_seq FROM inbox_seqs WHERE user_id = :id

-- name: session_of_user
SELECT s.token_hash, s.created_ts, s.last_active_ts, s.online, s.instance_id, i.heartbeat_ts
FROM sessions s LEFT JOIN instances i ON i.id = s.instance_id WHERE s.user_id = :user

-- name: session_by_token
SELECT s.user_id, s.created_ts, s.last_active_ts, s.online, s.instance_id, i.heartbeat_ts
FROM sessions s LEFT JOIN instances i ON i.id = s.instance_id WHERE s.token_hash = :token

-- name: put_session
INSERT INTO sessions (user_id, token_hash, created_ts, last_active_ts, online, instance_id)
VALUES (:user, :token, :ts, :ts2, :online, :instance)
ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_ts = excluded.created_ts,
    last_active_ts = excluded.last_active_ts, online = excluded.online,
    instance_id = excluded.instance_id

-- name: delete_session
DELETE FROM sessions WHERE user_id = :user AND token_hash = :token

-- name: touch_session
UPDATE sessions SET last_active_ts = :ts WHERE user_id = :user AND token_hash = :token

-- name: set_online
UPDATE sessions SET online = :online, last_active_ts = :ts, instance_id = :instance
WHERE user_id = :user AND token_hash = :token

-- name: put_instance
INSERT INTO instances (id, heartbeat_ts) VALUES (:id, :ts)
ON CONFLICT (id) DO UPDATE SET heartbeat_ts = excluded.heartbeat_ts

-- name: detach_instance_sessions
UPDATE sessions SET online = 0 WHERE instance_id = :id AND online <> 0

-- name: delete_instance
DELETE FROM instances WHERE id = :id

-- name: detach_dead_instances
UPDATE sessions SET online = 0 WHERE online <> 0 AND instance_id IN (
    SELECT id FROM instances WHERE heartbeat_ts < :cutoff)

-- name: delete_dead_instances
DELETE FROM instances WHERE heartbeat_ts < :cutoff

-- name: clear_online
UPDATE sessions SET online = 0 WHERE online <> 0

-- name: delete_expired_sessions
DELETE FROM sessions WHERE last_active_ts < :cutoff

-- name: is_friend
SELECT 1 FROM friendships WHERE user_id = :user AND friend_id = :friend

-- name: request_exists
SELECT 1 FROM friend_requests WHERE from_id = :from AND to_id = :to

-- name: insert_request
INSERT INTO friend_requests (from_id, to_id, created_ts) VALUES (:from, :to, :ts)

-- name: delete_request
DELETE FROM friend_requests WHERE from_id = :from AND to_id = :to

-- name: insert_friendship
INSERT INTO friendships (user_id, friend_id, since_ts) VALUES (:user, :friend, :ts)
ON CONFLICT (user_id, friend_id) DO NOTHING

-- name: delete_friendship
DELETE FROM friendships WHERE user_id = :user AND friend_id = :friend

-- name: friends_of
SELECT u.id, u.name, u.last_seen_ts, s.last_active_ts,
    CASE WHEN s.online <> 0 AND COALESCE(i.heartbeat_ts, 0) >= :live_since THEN 1 ELSE 0 END,
    COALESCE(p.display_name, ''), COALESCE(p.avatar_type, ''), COALESCE(p.avatar_hash, ''),
    COALESCE(LENGTH(p.avatar), 0)
FROM friendships f JOIN users u ON u.id = f.friend_id LEFT JOIN sessions s ON s.user_id = u.id
    LEFT JOIN instances i ON i.id = s.instance_id LEFT JOIN profiles p ON p.user_id = u.id
WHERE f.user_id = :user ORDER BY u.name_key

-- name: incoming_requests
SELECT u.name FROM friend_requests r JOIN users u ON u.id = r.from_id
WHERE r.to_id = :user ORDER BY r.created_ts, u.name_key

-- name: outgoing_requests
SELECT u.name FROM friend_requests r JOIN users u ON u.id = r.to_id
WHERE r.from_id = :user ORDER BY r.created_ts, u.name_key

-- name: message_by_client_id
SELECT id, ts FROM messages WHERE sender_id = :sender AND client_id = :client

-- name: insert_message
INSERT INTO messages (chat, sender_id, recipient_id, group_id, client_id, body, ts)
VALUES (:chat, :sender, :recipient, :group, :client, :body, :ts)
ON CONFLICT (sender_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING id

-- name: history
SELECT m.id, m.sender_id, su.name, ru.name, m.group_id, m.body, m.ts, m.delivered_ts, m.read_ts
FROM messages m LEFT JOIN users su ON su.id = m.sender_id LEFT JOIN users ru ON ru.id = m.recipient_id
WHERE m.chat = :chat AND m.id < :before ORDER BY m.id DESC LIMIT :limit

-- name: deliver_acked
UPDATE messages SET delivered_ts = :ts
WHERE delivered_ts IS NULL AND group_id IS NULL AND id IN (
    SELECT e.msg_id FROM events e
    WHERE e.user_id = :user AND e.seq <= :upto AND e.kind = 'message')
RETURNING id, sender_id

-- name: mark_read_up_to
UPDATE messages SET read_ts = :ts, delivered_ts = COALESCE(delivered_ts, :ts2)
WHERE recipient_id = :me AND sender_id = :peer AND id <= :upto AND read_ts IS NULL
RETURNING id

-- name: delete_user_messages
DELETE FROM messages WHERE group_id IS NULL AND (sender_id = :user OR recipient_id = :user2)

-- name: insert_event
INSERT INTO events (user_id, seq, kind, msg_id, payload) VALUES (:user, :seq, :kind, :msg, :payload)

-- name: delete_acked_events
DELETE FROM events WHERE user_id = :user AND seq <= :upto

-- name: pending_events
SELECT seq, kind, payload FROM events WHERE user_id = :user AND seq > :after ORDER BY seq LIMIT :limit

-- name: login_failures
SELECT failures, window_start_ts, blocked_until_ts FROM login_failures WHERE key = :key

-- name: put_login_failures
INSERT INTO login_failures (key, failures, window_start_ts, blocked_until_ts)
VALUES (:key, :failures, :window, :blocked)
ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
    window_start_ts = excluded.window_start_ts, blocked_until_ts = excluded.blocked_until_ts

-- name: clear_login_failures
DELETE FROM login_failures WHERE key = :key

-- name: expire_login_failures
DELETE FROM login_failures WHERE blocked_until_ts < :cutoff AND window_start_ts < :cutoff2

-- name: publish
SELECT pg_notify(:channel, :payload)

-- name: insert_replaced
INSERT INTO replaced_sessions (token_hash, user_id, replaced_ts) VALUES (:token, :user, :ts)
ON CONFLICT (token_hash) DO NOTHING

-- name: was_replaced
SELECT 1 FROM replaced_sessions WHERE token_hash = :token

-- name: expire_replaced
DELETE FROM replaced_sessions WHERE replaced_ts < :cutoff

-- name: insert_group
INSERT INTO chat_groups (name, admin_id, created_ts) VALUES (:name, :admin, :ts) RETURNING id

-- name: group_by_id
SELECT g.id, g.name, g.admin_id, u.name FROM chat_groups g JOIN users u ON u.id = g.admin_id
WHERE g.id = :id

-- name: rename_group
UPDATE chat_groups SET name = :name WHERE id = :id

-- name: set_group_admin
UPDATE chat_groups SET admin_id = :admin WHERE id = :id

-- name: delete_group
DELETE FROM chat_groups WHERE id = :id

-- name: insert_member
INSERT INTO group_members (group_id, user_id, joined_ts) VALUES (:group, :user, :ts)
ON CONFLICT (group_id, user_id) DO NOTHING

-- name: delete_member
DELETE FROM group_members WHERE group_id = :group AND user_id = :user

-- name: is_member
SELECT 1 FROM group_members WHERE group_id = :group AND user_id = :user

-- name: members_of
SELECT u.id, u.name FROM group_members m JOIN users u ON u.id = m.user_id
WHERE m.group_id = :group ORDER BY m.joined_ts, m.user_id

-- name: groups_of
SELECT g.id, g.name, u.name FROM group_members m JOIN chat_groups g ON g.id = m.group_id
JOIN users u ON u.id = g.admin_id WHERE m.user_id = :user ORDER BY g.id

-- name: insert_group_receipt
INSERT INTO group_receipts (msg_id, user_id) VALUES (:msg, :user)

-- name: insert_group_receipts
INSERT INTO group_receipts (msg_id, user_id)
SELECT :msg, user_id FROM group_members WHERE group_id = :group AND user_id <> :sender
    AND user_id NOT IN (SELECT blocker_id FROM blocks WHERE blocked_id = :sender2)

-- name: group_history
SELECT m.id, m.sender_id, su.name, m.body, m.ts,
    (SELECT COUNT(*) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id),
    (SELECT COUNT(r.delivered_ts) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id),
    (SELECT COUNT(r.read_ts) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id)
FROM messages m LEFT JOIN users su ON su.id = m.sender_id
WHERE m.chat = :chat AND m.id < :before
    AND (m.sender_id = :me OR EXISTS (SELECT 1 FROM group_receipts v WHERE v.msg_id = m.id AND v.user_id = :me2))
ORDER BY m.id DESC LIMIT :limit

-- name: deliver_acked_group
UPDATE group_receipts SET delivered_ts = :ts
WHERE user_id = :user AND delivered_ts IS NULL AND msg_id IN (
    SELECT e.msg_id FROM events e
    WHERE e.user_id = :user2 AND e.seq <= :upto AND e.kind = 'message')
RETURNING msg_id

-- name: read_group_up_to
UPDATE group_receipts SET read_ts = :ts, delivered_ts = COALESCE(delivered_ts, :ts2)
WHERE user_id = :user AND read_ts IS NULL AND msg_id <= :upto AND msg_id IN (
    SELECT id FROM messages WHERE chat = :chat)
RETURNING msg_id

-- name: group_receipt_counts
SELECT m.sender_id, m.group_id,
    (SELECT COUNT(*) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id),
    (SELECT COUNT(r.delivered_ts) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id),
    (SELECT COUNT(r.read_ts) FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id WHERE r.msg_id = m.id)
FROM messages m WHERE m.id = :id

-- name: group_message_receipts
SELECT u.name, r.delivered_ts, r.read_ts FROM group_receipts r JOIN users u ON u.id = r.user_id
WHERE r.msg_id = :id ORDER BY u.name_key

-- name: message_by_id
SELECT id, sender_id, recipient_id, group_id, delivered_ts, read_ts FROM messages WHERE id = :id

-- name: insert_file
INSERT INTO files (uploader_id, recipient_id, group_id, name, size, sha256, mime, received,
    created_ts, updated_ts)
VALUES (:uploader, :recipient, :group, :name, :size, :sha, :mime, 0, :ts, :ts2) RETURNING id

-- name: file_by_id
SELECT f.id, f.uploader_id, f.recipient_id, f.group_id, f.name, f.size, f.sha256, f.mime,
    f.received, f.msg_id, m.ts
FROM files f LEFT JOIN messages m ON m.id = f.msg_id WHERE f.id = :id

-- name: unfinished_upload
SELECT f.id, f.uploader_id, f.recipient_id, f.group_id, f.name, f.size, f.sha256, f.mime,
    f.received, f.msg_id, NULL
FROM files f
WHERE f.uploader_id = :uploader AND f.msg_id IS NULL AND f.sha256 = :sha AND f.size = :size
    AND f.name = :name AND COALESCE(f.recipient_id, 0) = :recipient
    AND COALESCE(f.group_id, 0) = :group
ORDER BY f.id DESC LIMIT 1

-- name: file_for_reader
SELECT f.id, f.uploader_id, f.recipient_id, f.group_id, f.name, f.size, f.sha256, f.mime,
    f.received, f.msg_id, m.ts
FROM files f JOIN messages m ON m.id = f.msg_id
WHERE f.id = :id AND (f.uploader_id = :me OR m.recipient_id = :me2 OR (m.group_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM group_receipts r JOIN group_members gm
        ON gm.group_id = m.group_id AND gm.user_id = r.user_id
        WHERE r.msg_id = m.id AND r.user_id = :me3)))

-- name: advance_file
UPDATE files SET received = received + :length, updated_ts = :ts
WHERE id = :id AND msg_id IS NULL AND received = :offset AND received + :length2 <= size

-- name: insert_file_chunk
INSERT INTO file_chunks (file_id, pos, data) VALUES (:file, :pos, :data)

-- name: file_chunk_at
SELECT data FROM file_chunks WHERE file_id = :file AND pos = :pos

-- name: file_chunks_covering
SELECT pos, data FROM file_chunks WHERE file_id = :file AND pos < :end AND pos >= COALESCE(
    (SELECT MAX(pos) FROM file_chunks WHERE file_id = :file2 AND pos <= :start), 0)
ORDER BY pos

-- name: attach_file_message
UPDATE files SET msg_id = :msg, updated_ts = :ts WHERE id = :id AND msg_id IS NULL

-- name: delete_file
DELETE FROM files WHERE id = :id

-- name: delete_stale_files
DELETE FROM files WHERE msg_id IS NULL AND updated_ts < :cutoff

-- name: files_in_chat
SELECT f.msg_id, f.id, f.name, f.size, f.sha256, f.mime
FROM messages m JOIN files f ON f.msg_id = m.id
WHERE m.chat = :chat AND m.id >= :low AND m.id <= :high

-- name: count_file_chunks
SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM file_chunks WHERE file_id = :file

-- name: insert_invite
INSERT INTO invites (code, created_at, expires_at, note) VALUES (:code, :created, :expires, COALESCE(:note, ''))
ON CONFLICT (code) DO NOTHING

-- name: invites
SELECT code, created_at, expires_at, note, used_by, used_at, revoked FROM invites
ORDER BY created_at, code

-- name: invite_by_code
SELECT code, created_at, expires_at, note, used_by, used_at, revoked FROM invites
WHERE code = :code

-- name: revoke_invite
UPDATE invites SET revoked = TRUE WHERE code = :code AND NOT revoked AND used_at IS NULL

-- name: use_invite
UPDATE invites SET used_by = :user, used_at = :ts
WHERE code = :code AND NOT revoked AND used_at IS NULL AND (expires_at IS NULL OR expires_at > :now)

-- Replies, forwards, edits and deletes (store_messagechanges.cpp)

-- name: set_message_origin
UPDATE messages SET reply_to = :reply, forwarded = :forwarded WHERE id = :id

-- name: edit_message
UPDATE messages SET body = :body, edited_ts = :ts WHERE id = :id AND deleted = 0

-- name: delete_message
UPDATE messages SET body = '', deleted = 1 WHERE id = :id AND deleted = 0

-- name: delete_message_files
DELETE FROM files WHERE msg_id = :msg

-- name: message_reached
SELECT r.user_id FROM group_receipts r JOIN group_members gm
    ON gm.group_id = :group AND gm.user_id = r.user_id
WHERE r.msg_id = :msg ORDER BY r.user_id

-- name: pending_message_events
SELECT seq, payload FROM events WHERE user_id = :user AND msg_id = :msg AND kind = 'message'

-- name: rewrite_event
UPDATE events SET payload = :payload WHERE user_id = :user AND seq = :seq

-- name: drop_pending_message_events
DELETE FROM events WHERE user_id = :user AND msg_id = :msg AND kind IN ('message', 'edited')

-- name: message_changes_in_chat
SELECT id, reply_to, forwarded, edited_ts, deleted FROM messages
WHERE chat = :chat AND id >= :low AND id <= :high
    AND (reply_to IS NOT NULL OR forwarded <> 0 OR edited_ts IS NOT NULL OR deleted <> 0)

-- name: message_file
SELECT f.id, f.uploader_id, f.recipient_id, f.group_id, f.name, f.size, f.sha256, f.mime,
    f.received, f.msg_id, NULL
FROM files f WHERE f.msg_id = :msg

-- name: copy_file
INSERT INTO files (uploader_id, recipient_id, group_id, name, size, sha256, mime, received,
    created_ts, updated_ts)
SELECT :uploader, :recipient, :group, name, size, sha256, mime, received, :ts, :ts2
FROM files WHERE id = :source RETURNING id

-- name: copy_file_chunks
INSERT INTO file_chunks (file_id, pos, data) SELECT :file, pos, data FROM file_chunks
WHERE file_id = :source

-- name: insert_block
INSERT INTO blocks (blocker_id, blocked_id, since_ts) VALUES (:blocker, :blocked, :ts)
ON CONFLICT (blocker_id, blocked_id) DO NOTHING

-- name: delete_block
DELETE FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked

-- name: is_blocked
SELECT 1 FROM blocks WHERE blocker_id = :blocker AND blocked_id = :blocked

-- name: blocked_by
SELECT u.name, b.since_ts FROM blocks b JOIN users u ON u.id = b.blocked_id
WHERE b.blocker_id = :user ORDER BY u.name_key

-- name: blockers_of
SELECT blocker_id FROM blocks WHERE blocked_id = :user

-- name: profile_of
SELECT display_name, avatar_type, avatar_hash, COALESCE(LENGTH(avatar), 0), updated_ts
FROM profiles WHERE user_id = :user

-- name: member_profiles
SELECT u.name, p.display_name, p.avatar_type, p.avatar_hash, COALESCE(LENGTH(p.avatar), 0)
FROM group_members m JOIN users u ON u.id = m.user_id JOIN profiles p ON p.user_id = m.user_id
WHERE m.group_id = :group AND (p.display_name <> '' OR p.avatar_hash <> '')

-- name: avatar_of
SELECT avatar FROM profiles WHERE user_id = :user

-- name: put_profile
INSERT INTO profiles (user_id, display_name, avatar, avatar_type, avatar_hash, updated_ts)
VALUES (:user, :name, :avatar, :type, :hash, :ts)
ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name,
    avatar = excluded.avatar, avatar_type = excluded.avatar_type,
    avatar_hash = excluded.avatar_hash, updated_ts = excluded.updated_ts

-- name: shares_group
SELECT 1 FROM group_members a JOIN group_members b ON b.group_id = a.group_id
WHERE a.user_id = :a AND b.user_id = :b

-- name: profile_audience
SELECT friend_id FROM friendships WHERE user_id = :user
UNION
SELECT b.user_id FROM group_members a JOIN group_members b ON b.group_id = a.group_id
WHERE a.user_id = :user2 AND b.user_id <> :user3

-- Reactions and group system lines (store_conversation.cpp)

-- The one rule for whether `me` may see a message to act on it (react,
-- reply, edit, delete, forward): a direct message they sent or received, or
-- a group message they sent or that was fanned out to them (not a blocked
-- sender's, which never is), while they are a member of its group; never a
-- tombstone or a group system line. With its sender's and recipient's names.
-- name: visible_message
SELECT m.id, m.sender_id, m.recipient_id, m.group_id, m.chat, m.body, m.ts, su.name, ru.name
FROM messages m LEFT JOIN users su ON su.id = m.sender_id LEFT JOIN users ru ON ru.id = m.recipient_id
WHERE m.id = :id AND m.deleted = 0
    AND NOT EXISTS (SELECT 1 FROM system_lines sl WHERE sl.msg_id = m.id)
    AND ((m.group_id IS NULL AND (m.sender_id = :me OR m.recipient_id = :me2))
        OR (m.group_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM group_members gm
                        WHERE gm.group_id = m.group_id AND gm.user_id = :me3)
            AND (m.sender_id = :me4 OR EXISTS (
                SELECT 1 FROM group_receipts r WHERE r.msg_id = m.id AND r.user_id = :me5))))

-- name: reaction_of
SELECT emoji FROM reactions WHERE msg_id = :msg AND user_id = :user

-- name: put_reaction
INSERT INTO reactions (msg_id, user_id, emoji, ts) VALUES (:msg, :user, :emoji, :ts)
ON CONFLICT (msg_id, user_id) DO UPDATE SET emoji = excluded.emoji, ts = excluded.ts

-- name: delete_reaction
DELETE FROM reactions WHERE msg_id = :msg AND user_id = :user

-- The members a group message reached who are still members, its sender
-- among them while a member.
-- name: group_message_audience
SELECT gm.user_id FROM messages m JOIN group_members gm ON gm.group_id = m.group_id
WHERE m.id = :id AND (gm.user_id = m.sender_id OR EXISTS (
    SELECT 1 FROM group_receipts r WHERE r.msg_id = m.id AND r.user_id = gm.user_id))
ORDER BY gm.user_id

-- name: reactions_in_chat
SELECT r.msg_id, r.emoji, u.name
FROM messages m JOIN reactions r ON r.msg_id = m.id JOIN users u ON u.id = r.user_id
WHERE m.chat = :chat AND m.id >= :low AND m.id <= :high ORDER BY r.msg_id, r.emoji, u.name_key

-- name: insert_system_line
INSERT INTO system_lines (msg_id, payload) VALUES (:msg, :payload)

-- A system line is seen by the group's members of the moment, as read.
-- name: insert_system_receipts
INSERT INTO group_receipts (msg_id, user_id, delivered_ts, read_ts)
SELECT CAST(:msg AS BIGINT), user_id, CAST(:ts AS BIGINT), CAST(:ts2 AS BIGINT)
FROM group_members WHERE group_id = :group AND user_id <> :sender

-- name: system_lines_in_chat
SELECT sl.msg_id, sl.payload FROM messages m JOIN system_lines sl ON sl.msg_id = m.id
WHERE m.chat = :chat AND m.id >= :low AND m.id <= :high

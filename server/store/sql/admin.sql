-- Statements of palomar-admin's operations (store_admin.cpp), for both
-- backends; loaded after queries.sql.

-- name: admin_users
SELECT u.id, u.name, u.created_ts, u.last_seen_ts, u.banned_ts, u.ban_reason,
    s.last_active_ts,
    CASE WHEN s.online <> 0 AND COALESCE(i.heartbeat_ts, 0) >= :live_since THEN 1 ELSE 0 END
FROM users u LEFT JOIN sessions s ON s.user_id = u.id LEFT JOIN instances i ON i.id = s.instance_id
ORDER BY u.name_key

-- name: admin_sessions
SELECT u.name, s.created_ts, s.last_active_ts, s.instance_id,
    CASE WHEN s.online <> 0 AND COALESCE(i.heartbeat_ts, 0) >= :live_since THEN 1 ELSE 0 END
FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN instances i ON i.id = s.instance_id
ORDER BY u.name_key

-- name: admin_ban
UPDATE users SET banned_ts = :ts, ban_reason = COALESCE(:reason, '') WHERE id = :id

-- name: admin_unban
UPDATE users SET banned_ts = NULL, ban_reason = '' WHERE id = :id AND banned_ts IS NOT NULL

-- name: admin_banned_since
SELECT banned_ts FROM users WHERE id = :id AND banned_ts IS NOT NULL

-- name: admin_set_password
UPDATE users SET password_hash = :hash WHERE id = :id

-- name: admin_delete_session
DELETE FROM sessions WHERE user_id = :id

-- name: admin_clear_all_login_failures
DELETE FROM login_failures

-- name: admin_live_instances
SELECT COUNT(*) FROM instances WHERE heartbeat_ts >= :live_since

-- name: admin_stats
SELECT
    (SELECT COUNT(*) FROM users),
    (SELECT COUNT(*) FROM users WHERE banned_ts IS NOT NULL),
    (SELECT COUNT(*) FROM sessions),
    (SELECT COUNT(*) FROM sessions s JOIN instances i ON i.id = s.instance_id
        WHERE s.online <> 0 AND i.heartbeat_ts >= :live_since),
    (SELECT COUNT(*) FROM messages WHERE group_id IS NULL),
    (SELECT COUNT(*) FROM messages WHERE group_id IS NOT NULL),
    (SELECT COUNT(*) FROM chat_groups),
    (SELECT COUNT(*) FROM files WHERE msg_id IS NOT NULL),
    (SELECT COALESCE(SUM(size), 0) FROM files WHERE msg_id IS NOT NULL),
    (SELECT COUNT(*) FROM files WHERE msg_id IS NULL),
    (SELECT COALESCE(SUM(received), 0) FROM files WHERE msg_id IS NULL),
    (SELECT COUNT(*) FROM events),
    (SELECT COUNT(*) FROM login_failures WHERE blocked_until_ts > :now)

-- name: admin_orphans
-- Rows that point at nothing though no foreign key says so (the schema keeps
-- these references loose on purpose, or a foreign key was bypassed). A
-- deleted account's group messages keep its sender id by design (shown with
-- "from": ""), so only one-to-one messages are checked for their sender.
SELECT 'messages', 'one-to-one message without its sender', COUNT(*) FROM messages m
    WHERE m.group_id IS NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.sender_id)
UNION ALL
SELECT 'messages', 'one-to-one message without its recipient', COUNT(*) FROM messages m
    WHERE m.group_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.recipient_id)
UNION ALL
SELECT 'chat_groups', 'group whose admin is not a member', COUNT(*) FROM chat_groups g
    WHERE NOT EXISTS (SELECT 1 FROM group_members gm
        WHERE gm.group_id = g.id AND gm.user_id = g.admin_id)
UNION ALL
SELECT 'users', 'account without an event inbox', COUNT(*) FROM users u
    WHERE NOT EXISTS (SELECT 1 FROM inbox_seqs s WHERE s.user_id = u.id)

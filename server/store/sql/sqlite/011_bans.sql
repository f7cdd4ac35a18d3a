-- Bans (palomar-admin ban/unban): a banned account keeps its name and its
-- data, but cannot log in. NULL: not banned; otherwise when the ban began.
ALTER TABLE users ADD COLUMN banned_ts BIGINT;
ALTER TABLE users ADD COLUMN ban_reason TEXT NOT NULL DEFAULT '';

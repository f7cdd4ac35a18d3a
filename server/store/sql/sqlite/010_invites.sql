-- Invitation codes for registration under the `invite` policy, one row per
-- code: the code as normalised (upper case, no dashes; see invitecodes.h),
-- times in milliseconds since the epoch, expires_at NULL for never. used_by
-- and used_at are set by the registration that consumed the code, in its own
-- transaction; used_by is the account's name as registered (kept when the
-- account is deleted).
CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    note TEXT NOT NULL DEFAULT '',
    used_by TEXT,
    used_at BIGINT,
    revoked INTEGER NOT NULL DEFAULT 0
);

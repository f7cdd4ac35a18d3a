-- Cheaper inbox writes (SQLite's 008 rebuilds its events table as one
-- B-tree). Here: room in each page of the rows updated on every message
-- (an inbox's last_seq, a message's delivered_ts), so the update stays in
-- its page without touching an index (a HOT update).
ALTER TABLE users SET (fillfactor = 70);

ALTER TABLE messages SET (fillfactor = 90);

-- Cheaper writes (SQLite's 008 rebuilds its events table as one B-tree).
-- Here: room in each page of messages for the update every delivered
-- message gets (delivered_ts), so it stays in its page without touching an
-- index (a HOT update).
ALTER TABLE messages SET (fillfactor = 90);

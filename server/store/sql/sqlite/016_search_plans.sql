-- The terms of the search index, one row per occurrence, for
-- Store::searchMessages to spell a prefix out as the few terms it stands
-- for (an FTS5 prefix query merges the doclists of all of them in full
-- before it returns its first row). A view of messages_fts's own index:
-- nothing to fill, nothing to keep, instant on any database.
CREATE VIRTUAL TABLE messages_fts_instances USING fts5vocab(messages_fts, 'instance');

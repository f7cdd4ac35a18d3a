-- Nothing to change on PostgreSQL: SQLite's 016 adds a view of its FTS5
-- index's terms (for the search plans of store_search.cpp), which the
-- tsvector index of 013_search.sql does not need. Kept so that both
-- backends count their migrations alike.
SELECT 1;

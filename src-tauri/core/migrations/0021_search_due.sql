-- Leads not yet in the search index, as ranges of row numbers. An import of many leads commits
-- without indexing them (a third of its time), and `Store::settle_search` indexes them in a
-- write of its own: in the background right after, or before the next search, whichever
-- comes first, so no search ever misses them.
CREATE TABLE search_due (
    from_seq INTEGER NOT NULL,
    to_seq   INTEGER NOT NULL
) STRICT;

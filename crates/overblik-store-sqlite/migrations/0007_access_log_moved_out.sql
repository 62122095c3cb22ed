-- The access log lives in a database file of its own (see log-migrations), so that its
-- appends, one per page view, neither wait behind a provider's batch nor empty the page cache
-- of every connection reading records. The store has copied these tables' rows into that file
-- before this runs.
DROP TABLE access_entries;
DROP TABLE access_tree_hashes;
DROP TABLE access_checkpoints;

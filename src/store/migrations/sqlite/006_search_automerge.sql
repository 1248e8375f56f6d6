-- FTS5 merges a level's segments once `automerge` of them exist (default 4). Ingest writes a
-- segment per batch of reports; merging at 8 halves the rewriting of the index while it grows, at
-- the cost of a few more segments for a query to read (search reads only the newest matches).
INSERT INTO search_index (search_index, rank) VALUES ('automerge', 8);

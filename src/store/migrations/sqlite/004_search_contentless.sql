-- The search index keeps only its inverted index, not a copy of the token strings: snippets come
-- from search_docs (facts) and reports.text (reports), so the copy was dead weight (a third of the
-- file). contentless_delete lets a replaced report's rows still be deleted by rowid.
-- A report's own search_docs row no longer copies its text either (body '' = use reports.text).
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(tokens, grams, content = '', contentless_delete = 1, tokenize = 'unicode61');
UPDATE search_docs SET body = '' WHERE kind = 'report';
INSERT INTO store_meta (key, value) VALUES ('search_rebuild', '1')
  ON CONFLICT(key) DO UPDATE SET value = excluded.value;

-- Search gets a second column of overlapping CJK character pairs beside the jieba tokens: jieba
-- sometimes joins a word into a longer unknown one (川渝通|办 hides 通办), and the pairs still find it.
-- FTS5 tables cannot gain columns, so the index is recreated empty; the store refills it from
-- search_docs on open (flagged here), since segmenting needs jieba, not SQL.
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(tokens, grams, tokenize = 'unicode61');
INSERT INTO store_meta (key, value) VALUES ('search_rebuild', '1')
  ON CONFLICT(key) DO UPDATE SET value = excluded.value;

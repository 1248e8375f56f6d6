-- (IF NOT EXISTS: the tables are new to this migration, and a store rebuilt from an older schema may hold them already.)
-- Subscribed sources (issue 14): a feed, a list page whose article links are followed, or a folder,
-- each with its schedule and the state its next fetch needs (HTTP validators, back-off).
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('feed', 'page', 'folder')),
  location TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  every_seconds INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  next_due_at TEXT NOT NULL,
  last_fetch_at TEXT,
  last_ok_at TEXT,
  etag TEXT,
  last_modified TEXT,
  items_seen INTEGER NOT NULL DEFAULT 0,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_error_at TEXT
);
-- What a source has delivered: an article URL, or a file with its size and mtime (`state`), so an
-- unchanged item is never fetched or read again.
CREATE TABLE IF NOT EXISTS source_items (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '',
  seen_at TEXT NOT NULL,
  PRIMARY KEY (source_id, item_key)
);
-- The error history of a source (the last ones; the source row has the latest).
CREATE TABLE IF NOT EXISTS source_errors (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  location TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS source_errors_source ON source_errors(source_id, id);
-- What changed, in order (GET /api/changes, the Atom feeds): a new report, series point, conflict or
-- curated decision. `key` is the thing's identity (a derived row is rebuilt under new ids), so
-- recording the same change twice — two workers, a rebuild — is a no-op.
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'point', 'conflict', 'decision')),
  key TEXT NOT NULL,
  at TEXT NOT NULL,
  report_id INTEGER,
  indicator_id TEXT,
  title TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  UNIQUE (kind, key)
);
CREATE INDEX IF NOT EXISTS changes_at ON changes(at, id);
CREATE INDEX IF NOT EXISTS changes_indicator ON changes(indicator_id, at);
-- The log begins now: series points and conflicts resting only on reports stored before it are
-- what was there, not what changed, and are not logged when their indicators are next rebuilt.
INSERT INTO store_meta (key, value) SELECT 'changes_baseline_report', CAST(coalesce(max(id), 0) AS TEXT) FROM reports WHERE true
ON CONFLICT (key) DO NOTHING;

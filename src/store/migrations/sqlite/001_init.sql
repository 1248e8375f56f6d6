-- Reports and the facts extracted from them: what is stored. Everything in 002 is derived from
-- these tables and can be rebuilt (store.refreshDerived()).

CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  location      TEXT NOT NULL,             -- absolute path or URL the bytes came from
  source        TEXT NOT NULL,             -- base name, URL, or feed.xml#n: with location, the report's identity
  format        TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  charset       TEXT NOT NULL,
  title         TEXT,
  published     TEXT,                      -- YYYY-MM-DD
  author        TEXT,
  site          TEXT,
  url           TEXT,
  categories    TEXT NOT NULL DEFAULT '[]', -- JSON array
  text          TEXT NOT NULL,
  stages        TEXT NOT NULL DEFAULT '[]', -- JSON array of name@version
  messages      TEXT NOT NULL DEFAULT '[]', -- JSON array of Message
  raw_bytes     BLOB,                      -- the bytes as read, kept for reindex
  raw_text      TEXT NOT NULL,             -- the decoded source (fallback for reindex when bytes were not given)
  ref_date      TEXT,                      -- published, else the latest date the report itself states
  ingested_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- A changed report at the same (location, source) replaces the old one; a feed's items share a location.
CREATE UNIQUE INDEX reports_identity ON reports(location, source);
CREATE INDEX reports_content_hash ON reports(content_hash);
CREATE INDEX reports_published ON reports(published);

CREATE TABLE quantities (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ord            INTEGER NOT NULL,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  value          REAL NOT NULL,
  value_max      REAL,
  unit           TEXT NOT NULL,
  approx         TEXT NOT NULL CHECK (approx IN ('exact', 'about', 'over', 'under')),
  measure        TEXT NOT NULL CHECK (measure IN ('level', 'change', 'share')),
  subject        TEXT NOT NULL,
  period_start   TEXT,
  period_end     TEXT,
  has_period     INTEGER NOT NULL DEFAULT 0,
  region         TEXT,
  sentence_start INTEGER NOT NULL,
  sentence_end   INTEGER NOT NULL,
  surface        TEXT NOT NULL,            -- the text under the span (copied so exports and sources read alone)
  sentence_text  TEXT NOT NULL,
  stage          TEXT NOT NULL
);
CREATE INDEX quantities_report ON quantities(report_id);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ord            INTEGER NOT NULL,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  date           TEXT NOT NULL,
  summary        TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end   INTEGER NOT NULL,
  surface        TEXT NOT NULL,            -- the text under the span (copied so exports and sources read alone)
  sentence_text  TEXT NOT NULL,
  stage          TEXT NOT NULL,
  areas          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_report ON events(report_id);
CREATE INDEX events_date ON events(date);

CREATE TABLE items (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ord            INTEGER NOT NULL,
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  name           TEXT NOT NULL,
  total          REAL,
  done           REAL,
  sentence_start INTEGER NOT NULL,
  sentence_end   INTEGER NOT NULL,
  surface        TEXT NOT NULL,            -- the text under the span (copied so exports and sources read alone)
  sentence_text  TEXT NOT NULL,
  stage          TEXT NOT NULL,
  areas          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX items_report ON items(report_id);

-- Reports that could not be read or processed, latest reason per location.
CREATE TABLE failures (
  location TEXT PRIMARY KEY,
  reason   TEXT NOT NULL,
  at       TEXT NOT NULL
);

-- Full-text index over jieba tokens (space-joined), one row per report and per fact. The FTS rowid
-- is search_docs.id, so a report's rows can be found (and deleted) through an ordinary index.
-- kind: report | quantity | event | item; ref_id: the fact id (the report id for reports).
CREATE TABLE search_docs (
  id        INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  ref_id    INTEGER NOT NULL,
  body      TEXT NOT NULL             -- the original text indexed, for snippets
);
CREATE INDEX search_docs_report ON search_docs(report_id);
CREATE VIRTUAL TABLE search_index USING fts5(tokens, tokenize = 'unicode61');

-- Derived: rebuilt by refreshDerived() from the tables above.
CREATE TABLE indicators (
  id          TEXT PRIMARY KEY,
  name_zh     TEXT NOT NULL,
  name_en     TEXT,
  area        TEXT,
  unit        TEXT NOT NULL,
  measure     TEXT NOT NULL,
  catalogued  INTEGER NOT NULL,
  description TEXT,
  patterns    TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE quantity_indicator (
  quantity_id  INTEGER PRIMARY KEY REFERENCES quantities(id) ON DELETE CASCADE,
  indicator_id TEXT NOT NULL
);
CREATE INDEX quantity_indicator_indicator ON quantity_indicator(indicator_id);

CREATE TABLE series_points (
  id           INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  ord          INTEGER NOT NULL,
  value        REAL NOT NULL,
  value_max    REAL,
  unit         TEXT NOT NULL,
  approx       TEXT NOT NULL,
  measure      TEXT NOT NULL,
  period_start TEXT,
  period_end   TEXT,
  has_period   INTEGER NOT NULL,
  date         TEXT,
  region       TEXT
);
CREATE INDEX series_points_indicator ON series_points(indicator_id, ord);

CREATE TABLE point_sources (
  point_id    INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE,
  quantity_id INTEGER NOT NULL,
  PRIMARY KEY (point_id, quantity_id)
);

CREATE TABLE conflicts (
  id           INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  region       TEXT,
  date         TEXT,
  a_point_id   INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE,
  b_point_id   INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE,
  reason       TEXT NOT NULL
);
CREATE INDEX conflicts_indicator ON conflicts(indicator_id);

CREATE TABLE store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);

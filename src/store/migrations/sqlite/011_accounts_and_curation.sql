-- Accounts (issue 13): people who sign in, with a role, and API tokens for scripts. Passwords and
-- tokens are kept only as hashes (src/auth/).
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  password_hash TEXT NOT NULL,
  -- changes with every new password: sessions signed in under an older one stop working
  password_epoch INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label       TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  last_used_at TEXT
);

-- An analyst's decision on one figure, anchored to the characters it is about (report, span, the
-- text under the span, its sentence): re-reading the report re-applies it to the figure found at
-- the same characters; one whose characters are gone becomes 'stale' and is listed for review.
CREATE TABLE curations (
  id            INTEGER PRIMARY KEY,
  report_id     INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  surface       TEXT NOT NULL,
  sentence_text TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('accept', 'correct', 'reject')),
  fields        TEXT NOT NULL DEFAULT '{}',  -- JSON: the corrected fields (value, unit, …, indicatorId)
  machine       TEXT NOT NULL DEFAULT '{}',  -- JSON: the machine's reading when the decision was made
  reason        TEXT,
  actor         TEXT NOT NULL,
  at            TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'stale')),
  quantity_id   INTEGER
);
CREATE UNIQUE INDEX curations_anchor ON curations(report_id, span_start, span_end);

-- The figure as the analyst left it: which decision applies, whether it is rejected, and the
-- indicator it was moved to (null: filed by the machine).
ALTER TABLE quantities ADD COLUMN curation_id INTEGER;
ALTER TABLE quantities ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quantities ADD COLUMN indicator_override TEXT;

-- Indicators as analysts shaped them: an automatic group promoted (catalogued, named, given an
-- area), a renamed indicator, one merged into another, one split off by moving figures to it.
CREATE TABLE curated_indicators (
  id          TEXT PRIMARY KEY,
  name_zh     TEXT,
  area        TEXT,
  unit        TEXT,
  measure     TEXT,
  catalogued  INTEGER NOT NULL DEFAULT 0,
  merged_into TEXT,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL
);

-- A conflict an analyst looked at, keyed by what makes it one (indicator, region, date), so the
-- decision outlives the rebuilt conflict rows.
CREATE TABLE conflict_decisions (
  indicator_id TEXT NOT NULL,
  region       TEXT NOT NULL DEFAULT '',
  date         TEXT NOT NULL DEFAULT '',
  verdict      TEXT NOT NULL CHECK (verdict IN ('resolved', 'not_conflict')),
  stands       TEXT,                       -- the value that stands, as the analyst wrote it
  reason       TEXT,
  actor        TEXT NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (indicator_id, region, date)
);

-- Every decision, who made it, when, what it changed and why. Never edited or deleted.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  before      TEXT,
  after       TEXT,
  reason      TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

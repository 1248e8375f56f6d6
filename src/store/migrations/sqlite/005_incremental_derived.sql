-- Derived state kept up to date report by report instead of rebuilt whole.
-- Assigning a quantity its indicator needs only that quantity, so the writer does it as the report
-- lands and copies what reconciling reads into indicator_facts, clustered by indicator: rebuilding
-- one series is then a range scan, not a random read per fact across the whole file. The indicators
-- a write touches are marked dirty; refreshDerived() rebuilds those alone.
CREATE TABLE indicator_facts (
  indicator_id TEXT NOT NULL,
  report_id    INTEGER NOT NULL,
  ord          INTEGER NOT NULL,
  quantity_id  INTEGER NOT NULL,
  value        REAL NOT NULL,
  value_max    REAL,
  unit         TEXT NOT NULL,
  approx       TEXT NOT NULL,
  measure      TEXT NOT NULL,
  subject      TEXT NOT NULL,
  period_start TEXT,
  period_end   TEXT,
  has_period   INTEGER NOT NULL,
  region       TEXT,
  ref_date     TEXT,
  PRIMARY KEY (indicator_id, report_id, ord)
) WITHOUT ROWID;
CREATE TABLE dirty_indicators (indicator_id TEXT PRIMARY KEY) WITHOUT ROWID;
-- A point carries its number of sources and the first few (JSON SourceRef[]), so a series is read
-- in one scan of its points; point_sources still lists every source (exports, paging).
ALTER TABLE series_points ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series_points ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
-- Deleting one indicator's points checks the conflicts that point at them.
CREATE INDEX conflicts_a_point ON conflicts(a_point_id);
CREATE INDEX conflicts_b_point ON conflicts(b_point_id);
-- Unknown basis: the next writable open reassigns every quantity and rebuilds every series.
DELETE FROM store_meta WHERE key = 'derived_basis';

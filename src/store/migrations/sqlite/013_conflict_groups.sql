-- Conflicts as groups (issue 16): one row per indicator, region and date (the key analysts'
-- decisions are kept by) with its disagreeing series points as members, where pairs made
-- n·(n−1)/2 rows. Derived rows: the pairs are dropped and the next writable open rebuilds the
-- groups from the facts (DERIVED_VERSION 5, and the basis forgotten here).
DROP TABLE conflicts;
CREATE TABLE conflicts (
  id           INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL,
  region       TEXT,
  date         TEXT,
  member_count INTEGER NOT NULL,
  report_count INTEGER NOT NULL,            -- distinct reports behind the members
  reason       TEXT NOT NULL                -- in words, naming the first values
);
CREATE UNIQUE INDEX conflicts_key ON conflicts(indicator_id, COALESCE(region, ''), COALESCE(date, ''));
-- A group's values: the series points that disagree, in the group's order (most reports first).
CREATE TABLE conflict_members (
  conflict_id INTEGER NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE,
  ord         INTEGER NOT NULL,
  point_id    INTEGER NOT NULL REFERENCES series_points(id) ON DELETE CASCADE,
  PRIMARY KEY (conflict_id, ord)
);
CREATE INDEX conflict_members_point ON conflict_members(point_id);
UPDATE indicators SET conflict_count = 0;
DELETE FROM store_meta WHERE key = 'derived_basis';
-- The groups rebuilt from reports already stored were logged as their pairs: they are no new
-- conflict (changes.ts); a group a later report brings is.
INSERT INTO store_meta (key, value) SELECT 'conflict_groups_baseline_report', CAST(coalesce(max(id), 0) AS TEXT) FROM reports WHERE true
ON CONFLICT (key) DO NOTHING;

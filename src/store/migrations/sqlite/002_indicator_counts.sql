-- Counts the indicator list shows, filled by refreshDerived() so listing thousands of indicators
-- does not count series points, sources and conflicts per row on every request.
ALTER TABLE indicators ADD COLUMN point_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicators ADD COLUMN conflict_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX indicators_area ON indicators(area, catalogued);

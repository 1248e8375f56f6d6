-- An indicator keeps its whole series as one JSON document (values, periods, regions, source
-- counts; no sentences), written by refreshDerived: reading a series of thousands of points is
-- then one row and one parse. The sources of the last points come from series_points.
ALTER TABLE indicators ADD COLUMN series TEXT NOT NULL DEFAULT '[]';
-- Derived rows lack it until rebuilt: the next writable open rebuilds them all.
DELETE FROM store_meta WHERE key = 'derived_basis';

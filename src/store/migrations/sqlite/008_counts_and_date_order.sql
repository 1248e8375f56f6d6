-- Counts the overview shows, kept by triggers inside the writer's transactions: count(*) over
-- millions of rows is a walk of a whole index on every request. Triggers fire for cascaded
-- deletes too, so the counts cannot drift from the tables.
CREATE TABLE table_counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO table_counts (name, n) SELECT 'reports', count(*) FROM reports;
INSERT INTO table_counts (name, n) SELECT 'quantities', count(*) FROM quantities;
INSERT INTO table_counts (name, n) SELECT 'events', count(*) FROM events;
INSERT INTO table_counts (name, n) SELECT 'items', count(*) FROM items;
CREATE TRIGGER reports_counted AFTER INSERT ON reports BEGIN UPDATE table_counts SET n = n + 1 WHERE name = 'reports'; END;
CREATE TRIGGER reports_uncounted AFTER DELETE ON reports BEGIN UPDATE table_counts SET n = n - 1 WHERE name = 'reports'; END;
CREATE TRIGGER quantities_counted AFTER INSERT ON quantities BEGIN UPDATE table_counts SET n = n + 1 WHERE name = 'quantities'; END;
CREATE TRIGGER quantities_uncounted AFTER DELETE ON quantities BEGIN UPDATE table_counts SET n = n - 1 WHERE name = 'quantities'; END;
CREATE TRIGGER events_counted AFTER INSERT ON events BEGIN UPDATE table_counts SET n = n + 1 WHERE name = 'events'; END;
CREATE TRIGGER events_uncounted AFTER DELETE ON events BEGIN UPDATE table_counts SET n = n - 1 WHERE name = 'events'; END;
CREATE TRIGGER items_counted AFTER INSERT ON items BEGIN UPDATE table_counts SET n = n + 1 WHERE name = 'items'; END;
CREATE TRIGGER items_uncounted AFTER DELETE ON items BEGIN UPDATE table_counts SET n = n - 1 WHERE name = 'items'; END;

-- Lists in date order read an index instead of sorting every row: reports newest first, events
-- by date, items by their report's date (copied onto the item, as the writer now does).
CREATE INDEX reports_by_date ON reports(coalesce(published, ref_date), id);
DROP INDEX events_date;
CREATE INDEX events_by_date ON events(date, report_id, id);
ALTER TABLE items ADD COLUMN ref_date TEXT;
UPDATE items SET ref_date = (SELECT ref_date FROM reports WHERE reports.id = items.report_id);
CREATE INDEX items_by_date ON items(ref_date, report_id, ord);

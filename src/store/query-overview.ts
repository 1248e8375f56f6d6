/** The dashboard's front page (key areas, recent conflicts) and the store's counts. */
import { count, getMeta } from './context.ts';
import { conflicts } from './query-conflicts.ts';
import { indicators } from './query-indicators.ts';
import type { SqlDriver } from './sql.ts';
import { KEY_AREAS, type Overview, type StoreStats } from './types.ts';

export async function overview(db: SqlDriver, about: { path: string; schemaVersion: number }): Promise<Overview> {
  const all = await indicators(db, { catalogued: true });
  return {
    stats: await stats(db, about),
    areas: KEY_AREAS.map((area) => ({ area, indicators: all.filter((i) => i.area === area && i.pointCount > 0) })),
    recentConflicts: (await conflicts(db, { limit: 10 })).rows,
  };
}

export async function stats(db: SqlDriver, about: { path: string; schemaVersion: number }): Promise<StoreStats> {
  return {
    path: about.path,
    schemaVersion: about.schemaVersion,
    // kept by the writer (migrations 008–009): a count(*) would walk an index of millions of rows
    reports: await count(db, "SELECT n FROM table_counts WHERE name = 'reports'"),
    failures: await count(db, 'SELECT count(*) AS n FROM failures'),
    quantities: await count(db, "SELECT n FROM table_counts WHERE name = 'quantities'"),
    events: await count(db, "SELECT n FROM table_counts WHERE name = 'events'"),
    items: await count(db, "SELECT n FROM table_counts WHERE name = 'items'"),
    indicators: await count(db, 'SELECT count(*) AS n FROM indicators i WHERE EXISTS (SELECT 1 FROM series_points WHERE indicator_id = i.id)'),
    cataloguedIndicators: await count(
      db,
      'SELECT count(*) AS n FROM indicators i WHERE catalogued = 1 AND EXISTS (SELECT 1 FROM series_points WHERE indicator_id = i.id)',
    ),
    uncataloguedIndicators: await count(db, 'SELECT count(*) AS n FROM indicators WHERE catalogued = 0'),
    seriesPoints: await count(db, 'SELECT count(*) AS n FROM series_points'),
    conflicts: await count(db, 'SELECT count(*) AS n FROM conflicts'),
    lastIngestAt: await getMeta(db, 'last_ingest_at'),
    derivedAt: await getMeta(db, 'derived_at'),
  };
}

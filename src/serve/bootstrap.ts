/**
 * `npm start` on a fresh checkout: an empty store gets the bundled corpus first (through the same
 * ingest as `twincity ingest`), so the dashboard opens on real reports.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths, type IngestSummary } from '../ingest/index.ts';
import type { Store } from '../store/types.ts';

export const bundledCorpusDir = resolve(fileURLToPath(new URL('../../data/corpus', import.meta.url)));

/** Ingests `dir` when the store holds no report yet; returns null when the store already had reports. */
export async function ingestCorpusIfEmpty(store: Store, dir = bundledCorpusDir, workers = 1): Promise<IngestSummary | null> {
  if ((await store.stats()).reports > 0) return null;
  return ingestPaths([dir], { store, workers });
}

/**
 * Smoke test of issue 6 at a small size (1 000 reports): the generator's output reads back through
 * the parallel ingest with nothing failing, the dates it was written with, and the series and
 * conflicts it was built to make. No timing is asserted here; `npm run bench -- --scale N` prints it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawReport, writeCorpus } from '../scripts/corpus/generate.ts';
import { loadPool } from '../scripts/corpus/pool.ts';
import { ingestPaths } from '../src/ingest/index.ts';
import { openStore } from '../src/store/index.ts';

const REPORTS = 1000;
const SEED = 33;

describe('generator + parallel ingest, 1 000 reports', () => {
  it('ingests every generated report, whole, into series and conflicts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-smoke-'));
    const pool = await loadPool();
    const manifest = writeCorpus(pool, { reports: REPORTS, out: join(dir, 'corpus'), seed: SEED, duplicates: 0.02 });
    const store = await openStore(join(dir, 'store.db'));

    const summary = await ingestPaths([join(dir, 'corpus')], { store, workers: 2 });
    expect(summary.failures).toEqual([]);
    // requested duplicates are byte copies: the store keeps one report for them
    expect(summary).toMatchObject({ read: REPORTS, failed: 0, new: REPORTS - manifest.duplicates, unchanged: manifest.duplicates });

    const stats = await store.stats();
    expect(stats.reports).toBe(REPORTS - manifest.duplicates);
    expect(stats.quantities).toBeGreaterThan(REPORTS);
    expect(stats.conflicts).toBeGreaterThan(0);
    const longest = Math.max(...(await store.indicators()).map((i) => i.pointCount));
    expect(longest).toBeGreaterThanOrEqual(3);

    // reports read back with the dates they were written with; figures sit under their spans
    const rows = (await store.reports({ limit: REPORTS })).rows;
    let rightDate = 0;
    for (const row of rows) {
      const index = Number(/r(\d+)\./.exec(basename(row.location))![1]);
      if (row.published === drawReport(pool, SEED, index).published) rightDate++;
    }
    expect(rightDate / rows.length).toBeGreaterThan(0.9);
    for (const row of rows.slice(0, 25)) {
      const detail = (await store.report(row.id))!;
      for (const q of detail.quantities) {
        expect(detail.text.slice(q.span[0], q.span[1])).toBe(q.text);
        expect(q.text).toMatch(/[\d〇零一二三四五六七八九十百千万两]/);
      }
    }
    await store.close();
  }, 180_000);
});

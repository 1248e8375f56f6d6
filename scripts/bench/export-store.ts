/**
 * The export section's store: N small generated reports (small-reports.ts) ingested through the
 * real ingest (worker threads read, clean and extract; one writer), then the derived rebuild.
 * Built once and kept under the temp folder, keyed by N, the seed and a digest of the generator's
 * source: a second bench run with the same inputs reuses it at once. A build that did not finish
 * leaves no completion mark and is started again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths, type FetchedInput } from '../../src/ingest/index.ts';
import { openStore } from '../../src/store/index.ts';
import { SMALL_REPORT_VERSION, smallReport } from './small-reports.ts';

export interface ExportStore {
  path: string;
  reports: number;
  quantities: number;
  bytes: number;
  /** Seconds the build took when it was made (from its completion mark when reused). */
  buildSeconds: number;
  reused: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** What the store is made from: a change to any of it builds a new one. */
function inputsDigest(reports: number, seed: number): string {
  const generator = ['small-reports.ts', 'export-store.ts', '../corpus/random.ts'].map((f) => readFileSync(join(here, f), 'utf8')).join('\0');
  return createHash('sha256').update(`${SMALL_REPORT_VERSION}\0${reports}\0${seed}\0${generator}`).digest('hex').slice(0, 12);
}

/** Bytes of a SQLite store on disk with its WAL and shared-memory files. */
export function sqliteBytes(path: string): number {
  const dir = dirname(path);
  const base = path.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((name) => name === base || name.startsWith(base + '-'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

export async function exportStore(reports: number, seed: number, log: (line: string) => void): Promise<ExportStore> {
  const work = join(tmpdir(), 'twincity-bench');
  mkdirSync(work, { recursive: true });
  const path = join(work, `export-${reports}-seed${seed}-${inputsDigest(reports, seed)}.db`);
  const mark = path + '.complete.json';
  if (existsSync(mark) && existsSync(path)) {
    const m = JSON.parse(readFileSync(mark, 'utf8')) as { reports: number; quantities: number; buildSeconds: number };
    return { path, ...m, bytes: sqliteBytes(path), reused: true };
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  log(`building   ${reports} small reports into ${path} (kept for the next run)`);
  const started = performance.now();
  const inputs: FetchedInput[] = Array.from({ length: reports }, (_, i) => {
    const r = smallReport(seed, i);
    return { location: `https://bench.invalid/small/${r.name}`, bytes: r.bytes, mediaType: 'text/markdown' };
  });
  const store = await openStore(path);
  let lastLine = started;
  const summary = await ingestPaths(inputs, {
    store,
    onProgress: (p) => {
      if (performance.now() - lastLine < 15_000) return;
      lastLine = performance.now();
      log(`  … ${p.done}/${reports} reports, ${(p.done / ((lastLine - started) / 1000)).toFixed(0)} reports/s`);
    },
  });
  const stats = await store.stats();
  await store.close();
  const buildSeconds = (performance.now() - started) / 1000;
  if (summary.failed) log(`  ${summary.failed} reports failed, e.g. ${summary.failures[0]?.location}: ${summary.failures[0]?.reason}`);
  const m = { reports: stats.reports, quantities: stats.quantities, buildSeconds };
  writeFileSync(mark, JSON.stringify(m));
  return { path, ...m, bytes: sqliteBytes(path), reused: false };
}

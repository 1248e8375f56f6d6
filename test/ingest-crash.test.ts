/**
 * kill -9 in the middle of `twincity ingest`: the store must open, every report in it must be
 * whole (its text and all its facts, exactly as the pipeline makes them), and running the same
 * command again must complete the set.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPool } from '../scripts/corpus/pool.ts';
import { writeCorpus } from '../scripts/corpus/generate.ts';
import { processDocument } from '../src/pipeline.ts';
import { readBytes } from '../src/read/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { repoRoot, runCli, twincityBin } from './helpers.ts';

const REPORTS = 300;

describe('twincity ingest killed with SIGKILL', () => {
  it('leaves whole reports only, and a re-run completes the set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-crash-'));
    const corpus = join(dir, 'corpus');
    const storePath = join(dir, 'store.db');
    writeCorpus(await loadPool(), { reports: REPORTS, out: corpus, seed: 20 });

    const child = spawn(process.execPath, [twincityBin, 'ingest', corpus, '--store', storePath, '--workers', '2', '--no-progress'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));

    // kill it once some reports are in, well before the end; watch read-only, so the child alone
    // creates and migrates the store
    let watcher: Store | null = null;
    let committed = 0;
    for (let waited = 0; committed < 40 && waited < 60_000; waited += 25) {
      await new Promise((r) => setTimeout(r, 25));
      if (!existsSync(storePath)) continue;
      try {
        watcher ??= await openStore(storePath, { readonly: true });
        committed = (await watcher.stats()).reports;
      } catch {
        // the schema is not there yet
      }
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await watcher?.close();

    const store = await openStore(storePath);
    const stored = (await store.reports({ limit: REPORTS })).rows;
    expect(stored.length).toBeGreaterThanOrEqual(40);
    expect(stored.length).toBeLessThan(REPORTS);
    for (const row of stored) {
      const detail = (await store.report(row.id))!;
      const [read] = readBytes(readFileSync(detail.location), { location: detail.location });
      const expected = processDocument(read);
      expect(detail.text).toBe(expected.text);
      expect([detail.quantities.length, detail.events.length, detail.items.length]).toEqual([
        expected.quantities.length,
        expected.events.length,
        expected.items.length,
      ]);
      for (const q of detail.quantities) expect(detail.text.slice(q.span[0], q.span[1])).toBe(q.text);
    }
    const before = stored.length;
    await store.close();

    const summary = JSON.parse(runCli(['ingest', corpus, '--store', storePath, '--workers', '2', '--json'], { allowFail: true })) as Record<string, number>;
    expect(summary.read).toBe(REPORTS);
    expect(summary.unchanged).toBe(before);
    expect(summary.new + summary.unchanged + summary.failed).toBe(REPORTS);
    const after = await openStore(storePath);
    expect((await after.stats()).reports).toBe(REPORTS - summary.failed);
    await after.close();
  }, 180_000);
});

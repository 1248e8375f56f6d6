import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.ts';
import { repoRoot, runCli, twincityBin } from './helpers.ts';
import { freshDatabase, postgresAvailable } from './postgres.ts';

const corpus = join(repoRoot, 'data', 'corpus');

describe('twincity ingest', () => {
  let filled = '';

  it('prints a summary, records a bad file as failed with its reason, and exits 1 for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-cli-'));
    const store = join(dir, 'obs.db');
    const bad = join(dir, 'empty.html');
    writeFileSync(bad, '');
    let status = 0;
    let stdout = '';
    try {
      execFileSync(process.execPath, [twincityBin, 'ingest', corpus, bad, '--store', store, '--workers', '1'], { cwd: repoRoot, encoding: 'utf8' });
    } catch (error) {
      ({ status, stdout } = error as { status: number; stdout: string });
    }
    expect(status).toBe(1);
    expect(stdout).toMatch(/read 6 report\(s\)/);
    expect(stdout).toMatch(/new\s+5\b/);
    expect(stdout).toMatch(/failed\s+1\b/);
    expect(stdout).toContain(`${bad}: empty file`);
    const opened = await openStore(store);
    expect((await opened.failures()).map((f) => f.location)).toEqual([bad]);
    await opened.close();
    filled = store;
  });

  it('takes the store from TWINCITY_STORE, and a second run changes nothing', async () => {
    // the store the first test filled: a re-run of the same corpus through the environment's store
    expect(filled).not.toBe('');
    const again = JSON.parse(runCli(['ingest', corpus, '--json'], { env: { TWINCITY_STORE: filled } }));
    expect(again).toMatchObject({ read: 5, new: 0, unchanged: 5, replaced: 0, failed: 0 });
  });
});

describe.skipIf(!postgresAvailable)('twincity over a PostgreSQL store', () => {
  it('ingests into a postgres:// URL with parallel workers, skips what it holds on a re-run, and queries it', async () => {
    const db = await freshDatabase();
    try {
      const first = JSON.parse(runCli(['ingest', corpus, '--json', '--workers', '2', '--store', db.url]));
      expect(first).toMatchObject({ read: 5, new: 5, failed: 0 });
      const second = JSON.parse(runCli(['ingest', corpus, '--json', '--workers', '2'], { env: { TWINCITY_STORE: db.url } }));
      expect(second).toMatchObject({ read: 5, new: 0, unchanged: 5, failed: 0 });
      const hits = JSON.parse(runCli(['search', '川渝通办', '--json', '--store', db.url])) as { total: number; rows: { title: string }[] };
      expect(hits.total).toBeGreaterThan(0);
      const conflicts = JSON.parse(runCli(['conflicts', '--json', '--store', db.url])) as { total: number };
      expect(conflicts.total).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });
});

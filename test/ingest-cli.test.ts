import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.ts';
import { repoRoot, runCli, twincityBin } from './helpers.ts';

const corpus = join(repoRoot, 'data', 'corpus');

describe('twincity ingest', () => {
  it('prints a summary, records a bad file as failed with its reason, and exits 1 for it', () => {
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
    const opened = openStore(store);
    expect(opened.failures().map((f) => f.location)).toEqual([bad]);
    opened.close();
  });

  it('takes the store from TWINCITY_STORE, and a second run changes nothing', () => {
    const store = join(mkdtempSync(join(tmpdir(), 'tc-cli-')), 'obs.db');
    const first = JSON.parse(runCli(['ingest', corpus, '--json'], { env: { TWINCITY_STORE: store } }));
    expect(first).toMatchObject({ read: 5, new: 5, failed: 0 });
    const second = JSON.parse(runCli(['ingest', corpus, '--json'], { env: { TWINCITY_STORE: store } }));
    expect(second).toMatchObject({ read: 5, new: 0, unchanged: 5, replaced: 0, failed: 0 });
  });
});

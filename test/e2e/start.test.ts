/**
 * `twincity start` as `npm start` runs it: an empty store gets the bundled corpus, then the API and
 * the dashboard answer on the port asked for; a second start over the same store ingests nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, twincityBin } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'twincity-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `twincity start` until it listens, hands its URL and log to `use`, then stops it. */
async function withStart<T>(use: (base: string, log: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [twincityBin, 'start', '--store', join(dir, 'o.db'), '--port', '0', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  try {
    let log = '';
    const base = await new Promise<string>((resolve, reject) => {
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        log += chunk;
        const match = /serving .* on (http:\/\/\S+)/.exec(log);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`twincity start exited (${code}):\n${log}`)));
    });
    return await use(base, log);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('twincity start', () => {
  it('ingests the bundled corpus into an empty store, then serves it', async () => {
    const corpus = readdirSync(join(repoRoot, 'data', 'corpus')).length;
    await withStart(async (base, log) => {
      expect(log).toMatch(/empty store: ingested .*data\/corpus: \d+ new/);
      const stats = (await (await fetch(base + '/api/stats')).json()) as { reports: number; failures: number };
      expect(stats.reports + stats.failures).toBe(corpus);
      expect(stats.reports).toBeGreaterThan(0);
      // the dashboard is served too: `start` builds it when it is missing or stale, reuses it otherwise
      const shell = await fetch(base + '/timeline');
      expect(shell.status).toBe(200);
      expect(log).not.toMatch(/built the dashboard/);
      expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");
    });
  });

  it('leaves a store that has reports as it is', async () => {
    await withStart(async (base, log) => {
      expect(log).not.toMatch(/empty store/);
      const stats = (await (await fetch(base + '/api/stats')).json()) as { reports: number };
      expect(stats.reports).toBeGreaterThan(0);
    });
  });
});

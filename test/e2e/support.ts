/** What the browser tests share: Debian's Chromium (never a downloaded one) and a built dashboard. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { defaultWebRoot } from '../../src/serve/index.ts';
import { repoRoot } from '../helpers.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const shots = join(repoRoot, 'test-results', 'e2e');
export const hasChromium = existsSync(CHROMIUM);

/** Newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds web/dist when it is missing or older than the sources. */
export async function ensureDashboardBuilt(): Promise<void> {
  const index = join(defaultWebRoot, 'index.html');
  const sources = Math.max(
    newest(join(repoRoot, 'web', 'src')),
    newest(join(repoRoot, 'web', 'public')),
    statSync(join(repoRoot, 'web', 'index.html')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'web', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** Headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

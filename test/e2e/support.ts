/** What the browser tests share: Debian's Chromium (never a downloaded one) and a built dashboard. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureDashboardBuilt as buildDashboard } from '../../src/cli/dashboard-build.ts';
import { repoRoot } from '../helpers.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const shots = join(repoRoot, 'test-results', 'e2e');
export const hasChromium = existsSync(CHROMIUM);

/** Builds web/dist when it is missing or older than the sources (the same check `twincity serve` makes). */
export async function ensureDashboardBuilt(): Promise<void> {
  if ((await buildDashboard()) === 'unavailable') throw new Error('the dashboard tests need Vite (npm ci installs it)');
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

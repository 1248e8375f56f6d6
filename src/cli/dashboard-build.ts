/**
 * The dashboard's build (web/dist, by Vite) kept up to date for `twincity serve` and `start`: built
 * when it is missing or older than its sources, reused otherwise. Vite is a development dependency:
 * after `npm ci --omit=dev` a missing build cannot be made, and the API is served alone.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const webDir = join(repoRoot, 'web');
const distIndex = join(webDir, 'dist', 'index.html');

/** Newest modification time under a folder (iterative: no recursion on deep trees). */
function newest(dir: string): number {
  let latest = 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    if (!existsSync(current)) continue;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else latest = Math.max(latest, statSync(path).mtimeMs);
    }
  }
  return latest;
}

/** Whether web/dist is there and no older than web/src, web/public and web/index.html. */
export function dashboardIsFresh(): boolean {
  if (!existsSync(distIndex)) return false;
  const sources = Math.max(newest(join(webDir, 'src')), newest(join(webDir, 'public')), statSync(join(webDir, 'index.html')).mtimeMs);
  return statSync(distIndex).mtimeMs >= sources;
}

export type DashboardBuild = 'fresh' | 'built' | 'unavailable';

/** Builds the dashboard when it is missing or stale; 'unavailable' when Vite is not installed. */
export async function ensureDashboardBuilt(): Promise<DashboardBuild> {
  if (dashboardIsFresh()) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    return 'unavailable';
  }
  // Test runners set NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return 'built';
}

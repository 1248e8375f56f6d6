// Builds the dashboard once before any test file runs (when web/dist is missing or stale), so the
// browser tests and `twincity start` in a child process never build it at the same time.
import { ensureDashboardBuilt } from '../src/cli/dashboard-build.ts';

export default async function setup(): Promise<void> {
  await ensureDashboardBuilt();
}

import type { Command } from 'commander';
import { isDatabaseUrl, resolveStorePath } from '../store/location.ts';
import { addWatcherOptions, watcherOptions } from './watch.ts';
import { ensureDashboardBuilt } from './dashboard-build.ts';
import { STORE_OPTION } from './query-support.ts';

interface ServeFlags {
  store?: string;
  port?: string;
  host: string;
  web?: string;
  rateLimit?: string;
  cacheTtl?: string;
  auth?: boolean;
  secureCookies?: boolean;
  trustProxy?: string;
  reportBudget?: string;
  watch?: boolean;
  workers: string;
  jobTimeout: string;
  settle: string;
  poll: string;
  pace: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Sign-in is required when asked for, and always when the server is reachable beyond this machine
 * or shares a PostgreSQL database: only a loopback, embedded store may run without accounts.
 */
export function authRequired(flags: { auth?: boolean; host: string }, storePath: string): boolean {
  return flags.auth === true || !LOOPBACK.has(flags.host) || isDatabaseUrl(storePath);
}

/**
 * `--trust-proxy`: `true` believes X-Forwarded-For from any proxy; otherwise a comma-separated list
 * of the proxies' addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`). Without it, every request
 * behind a proxy would count as the proxy's own (one client for the whole office).
 */
export function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === 'false' || value === '') return false;
  if (value === 'true') return true;
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = addresses.find((a) => !/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(a) && !['loopback', 'linklocal', 'uniquelocal'].includes(a));
  if (bad) throw new Error(`--trust-proxy: not an address, CIDR range, true or false: ${bad}`);
  return addresses;
}

function addServeOptions(command: Command): Command {
  return addWatcherOptions(command)
    .option('--watch', 'also visit the subscribed sources on their schedules (as `twincity watch` does)')
    .option(...STORE_OPTION)
    .option('--port <n>', 'port to listen on (default: PORT or 8080)')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? 'localhost')
    .option('--web <dir>', 'built dashboard to serve (default: web/dist)')
    .option('--rate-limit <n>', 'requests per minute per client address (0 = no limit)', '600')
    .option('--cache-ttl <ms>', 'reuse answers to read queries for this long (0 = never)', '2000')
    .option('--auth', 'require sign-in (always on beyond loopback and on PostgreSQL); accounts: `twincity user add`')
    .option('--secure-cookies', 'send the session cookie over HTTPS only (behind a TLS proxy)')
    .option('--report-budget <s>', 'seconds one upload may take to read, clean and extract before it fails', '30')
    .option('--trust-proxy <list>', 'believe X-Forwarded-For from these proxies (addresses or CIDR ranges, comma-separated; true = any)');
}

async function serve(flags: ServeFlags, bootstrap: boolean): Promise<void> {
  const trustProxy = parseTrustProxy(flags.trustProxy);
  // the server, the store and the watcher load when one is served, not when the CLI starts
  const [{ openStore }, { buildServer, defaultWebRoot }, { bundledCorpusDir, ingestCorpusIfEmpty }, { Watcher }] = await Promise.all([
    import('../store/index.ts'),
    import('../serve/index.ts'),
    import('../serve/bootstrap.ts'),
    import('../watch/index.ts'),
  ]);
  // The bundled dashboard, built on first serve (or after its sources changed), reused after.
  if (!flags.web) {
    const build = await ensureDashboardBuilt();
    if (build === 'built') process.stderr.write(`twincity: built the dashboard into ${defaultWebRoot}\n`);
    if (build === 'unavailable')
      process.stderr.write('twincity: no dashboard build and no Vite to make one (npm ci without --omit=dev): serving the API alone\n');
  }
  const storePath = resolveStorePath(flags.store);
  const store = await openStore(storePath);
  if (bootstrap) {
    const summary = await ingestCorpusIfEmpty(store);
    if (summary) {
      process.stderr.write(
        `twincity: empty store: ingested ${bundledCorpusDir}: ${summary.new} new, ${summary.failed} failed (${summary.seconds.toFixed(1)} s)\n`,
      );
      for (const f of summary.failures) process.stderr.write(`  failed ${f.location}: ${f.reason}\n`);
    }
  }
  const port = Number(flags.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${flags.port ?? process.env.PORT}`);
  const limit = Number(flags.rateLimit);
  const auth = authRequired(flags, storePath);
  if (auth && (await store.users()).length === 0) {
    process.stderr.write('twincity: sign-in is required and there are no accounts yet: add one with `twincity user add NAME --role admin`\n');
  }
  const app = await buildServer({
    auth,
    secureCookies: flags.secureCookies === true,
    store,
    webRoot: flags.web ?? defaultWebRoot,
    rateLimitPerMinute: limit > 0 ? limit : false,
    trustProxy,
    uploads: { budgetMs: Math.max(1, Number(flags.reportBudget) || 30) * 1000 },
    cacheTtlMs: Math.max(0, Number(flags.cacheTtl) || 0),
    logger: { level: 'warn' },
  });
  // the watcher's options are checked before anything is started
  const watching = flags.watch ? watcherOptions(flags) : null;
  const stopWatching = new AbortController();
  const watcher = watching ? await Watcher.open({ store, ...watching }) : null;
  const watchRun = watcher?.run(stopWatching.signal);
  const close = async () => {
    stopWatching.abort();
    await watchRun;
    await watcher?.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  const address = await app.listen({ port, host: flags.host });
  process.stderr.write(`twincity: serving ${store.path} on ${address}${auth ? ' (sign-in required)' : ''}\n`);
}

/** `twincity serve`: the dashboard and API over any store; `twincity start`: the same, ingesting the bundled corpus into an empty store first. */
export function registerServe(program: Command): void {
  addServeOptions(program.command('serve').description('serve the dashboard and JSON API over a store')).action((flags: ServeFlags) => serve(flags, false));
  addServeOptions(program.command('start').description('ingest the bundled corpus when the store is empty, then serve the dashboard and API')).action(
    (flags: ServeFlags) => serve(flags, true),
  );
}

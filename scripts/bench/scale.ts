/**
 * `npm run bench -- --scale N [--seed S] [--workers W] [--corpus DIR] [--keep-store] [--rerun]`
 * `npm run bench -- --scale N --store PATH`: only the query latencies, on a store kept by an earlier run.
 * `npm run bench -- --scale N --postgres URL`: the same into an empty PostgreSQL database instead of a SQLite file.
 *
 * Generates a corpus of N reports (cached under the temp folder, reused when seed and size match),
 * ingests it into a fresh store in this process, and prints: wall time, reports/s, MB/s, peak RSS,
 * store size; then p50/p95 latency of search, an indicator's series and the overview at that size.
 * `--rerun` then ingests the same corpus again, as a daily re-run over the same folder would: every
 * report is found stored as it is, before extraction.
 * Runs unattended: progress goes to stdout as plain lines every 15 s, so a log file shows it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ingestPaths, type IngestSummary } from '../../src/ingest/index.ts';
import pg from 'pg';
import { isDatabaseUrl, openStore, type Store } from '../../src/store/index.ts';
import { GENERATOR_VERSION, MANIFEST_FILE, type CorpusManifest } from '../corpus/generate.ts';
import { loadPool } from '../corpus/pool.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MB = 1024 * 1024;

/** Words analysts search for; each occurs in the bundled corpus, so every size has hits. */
const SEARCH_TERMS = ['中欧班列', '成渝', '科技创新', '川渝通办', '集装箱', '高铁', '就医', '软件', '产业集群', '西部陆海新通道', '重庆 成都', '双城经济圈 合作'];

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string' },
      corpus: { type: 'string' },
      'keep-store': { type: 'boolean', default: false },
      rerun: { type: 'boolean', default: false },
      store: { type: 'string' },
      postgres: { type: 'string' },
    },
  });
  if (typeof values.store === 'string') return queryExisting(isDatabaseUrl(values.store) ? values.store : resolve(values.store));
  const reports = Number(values.scale ?? 1000);
  const seed = Number(values.seed);
  const workers = values.workers ? Number(values.workers) : undefined;
  if (!Number.isInteger(reports) || reports < 1) throw new Error(`--scale takes a number of reports, not "${values.scale}"`);

  const work = join(tmpdir(), 'twincity-bench');
  const corpusDir = resolve(String(values.corpus ?? join(work, `corpus-${reports}-seed${seed}`)));
  const postgresUrl = typeof values.postgres === 'string' ? values.postgres : null;
  const storePath = postgresUrl ?? join(work, `store-${reports}-${process.pid}.db`);
  mkdirSync(work, { recursive: true });

  // 1. corpus (in a child process, so its memory does not count towards ingest's peak RSS)
  const { digest } = await loadPool();
  const manifest = cachedManifest(corpusDir, reports, seed, digest) ?? generate(corpusDir, reports, seed);
  console.log(
    `corpus     ${manifest.reports} reports, ${(manifest.bytes / MB).toFixed(1)} MB ` +
      `(${manifest.formats.html} HTML, ${manifest.formats.markdown} Markdown, ${manifest.formats.ocr} OCR) in ${corpusDir}`,
  );

  // 2. ingest into a fresh store
  const threads = workers ?? availableParallelism();
  console.log(
    `machine    ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GB, ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${threads} worker thread(s) + the writer`,
  );
  const store = await openStore(storePath);
  if ((await store.stats()).reports > 0) throw new Error(`${store.path} holds reports already: the bench ingests into an empty store`);
  const { summary, wall, peakRss } = await ingestAndReport(store, storePath, corpusDir, workers);

  // 3. query latency at this size
  const q = await measureQueries(store);
  const ms = (r: { p50: number; p95: number } | null) => (r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}` : '–');
  console.log(`load avg   ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
  console.log('\nREADME row: | reports | wall | reports/s | MB/s | peak RSS | store | search p50/p95 ms | series p50/p95 ms | overview p50/p95 ms |');
  console.log(
    `| ${summary.read} | ${formatSeconds(wall)} | ${(summary.read / wall).toFixed(0)} | ${(summary.bytes / MB / wall).toFixed(2)} | ` +
      `${(peakRss / MB).toFixed(0)} MB | ${((await storeBytes(storePath)) / MB).toFixed(0)} MB | ${ms(q.search)} | ${ms(q.series)} | ${ms(q.overview)} |`,
  );
  if (values.rerun) {
    const again = performance.now();
    const second = await ingestPaths([corpusDir], { store, workers });
    const seconds = (performance.now() - again) / 1000;
    console.log(`re-run     ${formatSeconds(seconds)} for ${second.read} reports (${(second.read / seconds).toFixed(0)}/s): ` +
      `${second.unchanged} unchanged, ${second.new} new, ${second.replaced} replaced, ${second.failed} failed`);
  }
  await store.close();
  if (postgresUrl) console.log(`store kept in ${store.path}`);
  else if (!values['keep-store']) for (const suffix of ['', '-wal', '-shm']) rmSync(storePath + suffix, { force: true });
  else console.log(`store kept at ${storePath}`);
}

/** Ingests the corpus into the empty store, rebuilds the derived data, and prints the figures of both. */
async function ingestAndReport(store: Store, storePath: string, corpusDir: string, workers: number | undefined): Promise<{ summary: IngestSummary; wall: number; peakRss: number }> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  let lastLine = started;
  const summary = await ingestPaths([corpusDir], {
    store,
    workers,
    refresh: false,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLine < 15_000) return;
      lastLine = now;
      const rate = p.done / ((now - started) / 1000);
      const eta = p.total ? (p.total - p.done) / rate : NaN;
      console.log(
        `  … ${p.done}/${p.total ?? '?'} reports, ${rate.toFixed(0)} reports/s, rss ${(process.memoryUsage.rss() / MB).toFixed(0)} MB` +
          (Number.isFinite(eta) ? `, ETA ${formatSeconds(eta)}` : ''),
      );
    },
  });
  const ingestSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6; // every thread of the process
  console.log(`  … ${summary.read} reports written in ${formatSeconds(ingestSeconds)}; rebuilding indicators, series and conflicts`);
  const refreshStarted = performance.now();
  await store.refreshDerived();
  const refreshSeconds = (performance.now() - refreshStarted) / 1000;
  const wall = ingestSeconds + refreshSeconds;
  const peakRss = process.resourceUsage().maxRSS * 1024; // bytes; covers the worker threads too
  const stats = await store.stats();

  console.log(`ingest     ${summary.read} read: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.replaced} replaced, ${summary.failed} failed`);
  for (const f of summary.failures.slice(0, 5)) console.log(`           failed ${f.location}: ${f.reason}`);
  console.log(`wall time  ${formatSeconds(wall)} (ingest ${ingestSeconds.toFixed(1)} s + refreshDerived ${refreshSeconds.toFixed(1)} s)`);
  console.log(`reports/s  ${(summary.read / wall).toFixed(1)} (ingest alone ${(summary.read / ingestSeconds).toFixed(1)})`);
  console.log(`writer     busy ${summary.writerSeconds.toFixed(1)} s of the ingest's ${ingestSeconds.toFixed(1)} s (${((100 * summary.writerSeconds) / ingestSeconds).toFixed(0)}%)`);
  console.log(`CPU        ${cpuSeconds.toFixed(1)} s in all threads during the ingest: ${((1000 * cpuSeconds) / Math.max(1, summary.read)).toFixed(2)} ms per report, ` +
    `${((1000 * (cpuSeconds - summary.writerSeconds)) / Math.max(1, summary.read)).toFixed(2)} ms of it off the writer`);
  console.log(`MB/s       ${(summary.bytes / MB / wall).toFixed(2)}`);
  console.log(`peak RSS   ${(peakRss / MB).toFixed(0)} MB`);
  console.log(`store      ${((await storeBytes(storePath)) / MB).toFixed(1)} MB: ${stats.reports} reports, ${stats.quantities} quantities, ${stats.events} events, ${stats.items} items, ${stats.indicators} indicators, ${stats.seriesPoints} series points, ${stats.conflicts} conflicts`);

  return { summary, wall, peakRss };
}

/** Opens a kept store (migrating it, and rebuilding what the migration asks, timed) and measures its queries. */
async function queryExisting(path: string): Promise<void> {
  if (!isDatabaseUrl(path) && !existsSync(path)) throw new Error(`no store at ${path}`);
  const opening = performance.now();
  const store = await openStore(path);
  console.log(`opened     ${path} in ${formatSeconds((performance.now() - opening) / 1000)} (migrations and the rebuilds they ask for included)`);
  const stats = await store.stats();
  console.log(`store      ${((await storeBytes(path)) / MB).toFixed(1)} MB: ${stats.reports} reports, ${stats.quantities} quantities, ${stats.indicators} indicators, ${stats.seriesPoints} series points, ${stats.conflicts} conflicts`);
  const q = await measureQueries(store);
  const ms = (r: { p50: number; p95: number } | null) => (r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}` : '–');
  console.log(`queries    search ${ms(q.search)} · series ${ms(q.series)} · overview ${ms(q.overview)} ms (p50 / p95)`);
  await store.close();
}

/** The manifest of a complete corpus in `dir` made by this generator from this pool with this size and seed. */
function cachedManifest(dir: string, reports: number, seed: number, poolDigest: string): CorpusManifest | null {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  const m = JSON.parse(readFileSync(path, 'utf8')) as CorpusManifest & { complete?: boolean };
  const same = m.complete && m.generator === GENERATOR_VERSION && m.reports === reports && m.seed === seed && m.poolDigest === poolDigest;
  return same ? m : null;
}

function generate(dir: string, reports: number, seed: number): CorpusManifest {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'corpus.ts'), '--reports', String(reports), '--out', dir, '--seed', String(seed)], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`corpus generation failed (exit ${child.status})`);
  console.log(`generated  in ${formatSeconds((performance.now() - started) / 1000)}`);
  return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as CorpusManifest;
}

/** The store's size on disk: the SQLite file with its WAL, or the PostgreSQL database. */
async function storeBytes(path: string): Promise<number> {
  if (isDatabaseUrl(path)) {
    const client = new pg.Client({ connectionString: path });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    } finally {
      await client.end();
    }
  }
  const dir = dirname(path);
  const base = path.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((name) => name === base || name.startsWith(base + '-'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/**
 * Times `call` over `inputs` (cycled) after one warm-up call, `runs` times or for at most
 * `budgetMs` (a large store must not turn the bench into an hour of queries).
 */
async function latency<T>(inputs: readonly T[], call: (input: T) => Promise<unknown>, runs: number, budgetMs = 30_000): Promise<Latency> {
  await call(inputs[0]);
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < runs && performance.now() < until; i++) {
    const t = performance.now();
    await call(inputs[i % inputs.length]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), n: times.length };
}

type Latency = { p50: number; p95: number; n: number };

async function measureQueries(store: Store): Promise<{ search: Latency; series: Latency | null; overview: Latency }> {
  const show = (name: string, r: Latency) => {
    console.log(`${name.padEnd(10)} p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms (${r.n} calls)`);
    return r;
  };
  const search = show('search', await latency(SEARCH_TERMS, (q) => store.search(q, { limit: 20 }), 300));
  // the indicators with the longest series are the slowest to read
  const ids = (await store.indicators())
    .sort((a, b) => b.pointCount - a.pointCount)
    .slice(0, 20)
    .map((i) => i.id);
  const series = ids.length ? show('series', await latency(ids, (id) => store.indicator(id), 300)) : null;
  if (!series) console.log('series     no indicators in the store');
  const overview = show('overview', await latency([null], () => store.overview(), 50));
  // the dashboard's other lists, first page each
  show('reports', await latency([0, 50, 500], (offset) => store.reports({ limit: 50, offset }), 50));
  show('timeline', await latency([{}, { from: '2022-01' }, { area: '交通枢纽' }], (q) => store.timeline({ ...q, limit: 500 }), 50));
  show('items', await latency([{}, { area: '科技创新' }], (q) => store.items({ ...q, limit: 50 }), 50));
  return { search, series, overview };
}

function formatSeconds(s: number): string {
  if (s < 120) return `${s.toFixed(1)} s`;
  const whole = Math.round(s); // round first: 719.6 s is 12 min 0 s, not 11 min 60 s
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

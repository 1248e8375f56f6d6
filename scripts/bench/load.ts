/**
 * `npm run bench -- --only load`: the API under a dashboard's mixed load with uploads coming in
 * (issue 16: 200 connections, p99 under 1 s, zero errors). A fresh store gets the bundled corpus
 * and `twincity start` serves it in a child process; autocannon holds `--connections` (200) for
 * `--seconds` (10) over a rotation of GET endpoints (overview, indicators, an indicator's series,
 * reports, a report, search, conflicts, timeline) while this process uploads a new report through
 * POST /api/reports every `--upload-every` ms (1000: an office uploading a report a second, each
 * the size of a bundled report), with the session cookie and CSRF token as the dashboard sends them.
 * Uploads are paced by the clock, not by their answers: when they come faster than the machine can
 * read them (on two cores, one extraction thread: about 2 a second), the queue fills and the server
 * answers 503 busy — its back-pressure by design, counted here as an error.
 * Prints requests, req/s, p50/p90/p99/max, errors by kind, uploads by answer and a PASS/FAIL line.
 * The server's rate limit is off (`--rate-limit 0`): 200 connections from one address would
 * otherwise be answered 429 by design after 600 requests a minute (and uploads after 30).
 * `--profile DIR` runs the server under `node --cpu-prof`; `--upload-every 0` sends no uploads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { mainThreadSchedule, percentile, startServer, threadCpu } from './server.ts';
import { pacedUploads, uploadFile, type UploadTally } from './uploads.ts';

const SEARCH_QUERIES = ['中欧班列', '高铁', '氢能', '川渝通办', '汽车', '成渝', '科技创新', '异地就医'];
const P99_LIMIT_MS = 1000;

function option(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : NaN;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The dashboard's reads, with ids taken from the store being served. */
async function readPaths(base: string): Promise<{ kind: string; path: string }[]> {
  const json = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;
  const indicators = await json<{ rows: { id: string }[] }>('/api/indicators?limit=20');
  const reports = await json<{ rows: { id: number }[] }>('/api/reports?limit=20');
  return [
    { kind: 'overview', path: '/api/overview' },
    { kind: 'indicators', path: '/api/indicators' },
    ...indicators.rows.slice(0, 8).map((i) => ({ kind: 'series', path: `/api/indicators/${encodeURIComponent(i.id)}` })),
    { kind: 'reports', path: '/api/reports?limit=50' },
    ...reports.rows.slice(0, 5).map((r) => ({ kind: 'report', path: `/api/reports/${r.id}` })),
    ...SEARCH_QUERIES.map((q) => ({ kind: 'search', path: `/api/search?q=${encodeURIComponent(q)}` })),
    { kind: 'conflicts', path: '/api/conflicts' },
    { kind: 'timeline', path: '/api/timeline' },
  ];
}

interface ReadLoad {
  result: autocannon.Result;
  latencies: number[];
  byKind: Map<string, number[]>;
  errorKinds: Map<string, number>;
}

function readLoad(base: string, paths: { kind: string; path: string }[], connections: number, seconds: number): Promise<ReadLoad> {
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  const errorKinds = new Map<string, number>();
  let next = 0;
  return new Promise((done, fail) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'GET',
            setupRequest: (request, context) => {
              const target = paths[next++ % paths.length];
              (context as { kind?: string }).kind = target.kind;
              return { ...request, path: target.path };
            },
          },
        ],
      },
      (error, result) => (error ? fail(error) : done({ result, latencies, byKind, errorKinds })),
    );
    instance.on('response', (client, status, _bytes, ms) => {
      latencies.push(ms);
      const kind = String((client as unknown as { requestIterator: { context: { kind?: string } } }).requestIterator.context.kind ?? '?');
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push(ms);
      if (status >= 400) errorKinds.set(`GET ${kind} ${status}`, (errorKinds.get(`GET ${kind} ${status}`) ?? 0) + 1);
    });
    instance.on('reqError', (error: NodeJS.ErrnoException) => errorKinds.set(`GET ${error.code ?? error.message}`, (errorKinds.get(`GET ${error.code ?? error.message}`) ?? 0) + 1));
  });
}

const ms = (n: number) => n.toFixed(1).padStart(8);

function report(load: ReadLoad, uploads: UploadTally, seconds: number): boolean {
  const all = [...load.latencies, ...uploads.latencies].sort((a, b) => a - b);
  const gets = load.latencies.slice().sort((a, b) => a - b);
  console.log(`requests   ${all.length} (${load.latencies.length} GET + ${uploads.latencies.length} uploads answered) in ${seconds} s: ${(all.length / seconds).toFixed(0)} req/s`);
  console.log('                         n    p50 ms   p90 ms   p99 ms   max ms');
  const row = (name: string, sorted: number[]) =>
    console.log(`${name.padEnd(18)} ${String(sorted.length).padStart(7)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 90))} ${ms(percentile(sorted, 99))} ${ms(sorted.at(-1) ?? NaN)}`);
  row('all', all);
  row('GET', gets);
  for (const [kind, times] of [...load.byKind].sort()) row(`  ${kind}`, times.sort((a, b) => a - b));
  row('upload', uploads.latencies.slice().sort((a, b) => a - b));
  const errors = new Map(load.errorKinds);
  // autocannon reports a request unanswered after 10 s as a reqError "request timed out" (counted above) and in result.timeouts
  for (const [kind, n] of uploads.errors) errors.set(`upload ${kind}`, n);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(`errors     ${errorCount}${errorCount ? ': ' + [...errors].map(([k, n]) => `${k} × ${n}`).join(', ') : ''}`);
  console.log(
    `uploads    ${uploads.sent} sent, ${uploads.accepted} accepted (${uploads.created} new, ${uploads.unchanged} unchanged), ` +
      `${uploads.sent - uploads.latencies.length} without an answer (network errors); most in flight at once ${uploads.maxInFlight}`,
  );
  const p99 = percentile(all, 99);
  const pass = p99 < P99_LIMIT_MS && errorCount === 0;
  console.log(`${pass ? 'PASS' : 'FAIL'}       p99 ${p99.toFixed(0)} ms (limit ${P99_LIMIT_MS} ms), ${errorCount} errors (limit 0)`);
  return pass;
}

/** The server's CPU over the run by thread: main near 100 % of the wall time is a saturated event loop; far below it, a thread waiting for a core. */
function printServerCpu(before: Map<string, number>, after: Map<string, number>, wall: number, gets: number): void {
  if (!after.size) return;
  const used = [...after].map(([name, s]) => [name, s - (before.get(name) ?? 0)] as const).filter(([, s]) => s >= 0.05);
  const main = used.find(([name]) => name === 'main')?.[1] ?? 0;
  // Node's worker threads (the upload extractors) keep the process's name, "node"
  const others = used.filter(([name]) => name !== 'main').sort((a, b) => b[1] - a[1]).map(([name, s]) => [name === 'node' ? 'worker threads' : name, s] as const);
  console.log(
    `server CPU over the ${wall.toFixed(1)} s of GET load: main thread ${main.toFixed(1)} s (${((100 * main) / wall).toFixed(0)} % of one core; ` +
      `${((1000 * main) / Math.max(1, gets)).toFixed(2)} ms per GET answered)` +
      (others.length ? `; ${others.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}` : '') +
      `; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  );
}

export async function run(argv: string[] = []): Promise<void> {
  const connections = option(argv, '--connections', 200);
  const seconds = option(argv, '--seconds', 10);
  const uploadEvery = option(argv, '--upload-every', 1000);
  const cacheTtlMs = option(argv, '--cache-ttl', 2000);
  const profile = argv.includes('--profile') ? resolve(argv[argv.indexOf('--profile') + 1]) : null;
  const dir = mkdtempSync(join(tmpdir(), 'twincity-bench-load-'));
  const server = await startServer(join(dir, 'observatory.db'), { cacheTtlMs, nodeArgs: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [] });
  try {
    const paths = await readPaths(server.base);
    for (const { path } of paths) await fetch(server.base + path).then((r) => r.arrayBuffer()); // warm-up
    console.log(
      `bundled corpus; ${connections} connections × ${seconds} s over ${paths.length} GET paths (${new Set(paths.map((p) => p.kind)).size} endpoints); ` +
        (uploadEvery ? `an upload every ${uploadEvery} ms` : 'no uploads') +
        `; answer cache ${cacheTtlMs} ms; server in a child process, rate limit off`,
    );
    const cpuBefore = threadCpu(server.child.pid!);
    const scheduleBefore = mainThreadSchedule(server.child.pid!);
    const startedAt = performance.now();
    const uploading = uploadEvery ? pacedUploads(server.base, uploadEvery, seconds * 1000, uploadFile) : null;
    const load = await readLoad(server.base, paths, connections, seconds);
    const cpuAfter = threadCpu(server.child.pid!);
    const scheduleAfter = mainThreadSchedule(server.child.pid!);
    const wall = (performance.now() - startedAt) / 1000;
    const uploads = (await uploading?.finished) ?? { sent: 0, accepted: 0, created: 0, unchanged: 0, maxInFlight: 0, latencies: [], errors: new Map() };
    report(load, uploads, seconds);
    printServerCpu(cpuBefore, cpuAfter, wall, load.latencies.length);
    if (scheduleBefore && scheduleAfter) {
      const onCpu = scheduleAfter.onCpu - scheduleBefore.onCpu;
      const waiting = scheduleAfter.waiting - scheduleBefore.waiting;
      console.log(
        `main thread of ${wall.toFixed(1)} s: ${onCpu.toFixed(1)} s on a core, ${waiting.toFixed(1)} s runnable but waiting for one, ` +
          `${Math.max(0, wall - onCpu - waiting).toFixed(1)} s idle or blocked (no work, or waiting on I/O)`,
      );
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (profile) console.log(`server CPU profile in ${profile}`);
}

// Run directly: `tsx scripts/bench/load.ts`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));

/**
 * `npm run bench -- --only api`: API latency under load. A fresh store gets the bundled corpus and
 * `twincity start` serves it in a child process (so the load generator does not share its event
 * loop); autocannon then holds 100 connections for 10 s against the overview and against search
 * (a rotation of queries). Prints requests/s, p50/p95/p99 latency and errors for each.
 * The server runs with its rate limit off (`--rate-limit 0`): this measures the handlers, not the
 * limiter, which would otherwise answer 429 by design. Options: --connections N, --seconds S.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile, startServer } from './server.ts';

const SEARCH_QUERIES = ['中欧班列', '高铁', '氢能', '川渝通办', '汽车', '成渝', '科技创新', '异地就医'];

interface Target {
  name: string;
  paths: string[];
}

const flag = (argv: string[], name: string, fallback: number): number => {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function load(base: string, target: Target, connections: number, seconds: number) {
  // autocannon reports p97.5 but not p95: every response time is kept and the percentiles computed here.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      { url: base, connections, duration: seconds, requests: target.paths.map((path) => ({ method: 'GET' as const, path })) },
      (error, finished) => (error ? fail(error) : done(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
  };
}

export async function run(argv: string[] = []): Promise<void> {
  const connections = flag(argv, '--connections', 100);
  const seconds = flag(argv, '--seconds', 10);
  const dir = mkdtempSync(join(tmpdir(), 'twincity-bench-api-'));
  const targets: Target[] = [
    { name: 'GET /api/overview', paths: ['/api/overview'] },
    { name: `GET /api/search (${SEARCH_QUERIES.length} queries)`, paths: SEARCH_QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`) },
  ];
  console.log(`bundled corpus; autocannon ${connections} connections × ${seconds} s per endpoint; server in a child process, rate limit off`);
  console.log('answers cache  endpoint                              requests   req/s   p50 ms  p95 ms  p99 ms  max ms  errors');
  // As served (answers reused for 2 s), then with the cache off: what the store's queries cost under load.
  for (const [label, ttl] of [
    ['2 s (default)', 2000],
    ['off', 0],
  ] as const) {
    const { base, stop } = await startServer(join(dir, 'observatory.db'), { cacheTtlMs: ttl });
    try {
      // Warm up: first requests compile schemas and fill SQLite's page cache.
      for (const t of targets) for (const path of t.paths) await fetch(base + path).then((r) => r.arrayBuffer());
      for (const target of targets) {
        const r = await load(base, target, connections, seconds);
        console.log(
          `${label.padEnd(14)} ${target.name.padEnd(36)} ${String(r.requests).padStart(9)} ${r.rps.toFixed(0).padStart(7)} ${r.p50
            .toFixed(1)
            .padStart(8)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.max.toFixed(1).padStart(7)} ${String(r.errors).padStart(7)}`,
        );
      }
    } finally {
      await stop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// Run directly: `tsx scripts/bench/api.ts`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));

/**
 * `npm run bench -- --only export [--export-reports N] [--export-table NAME]`: peak memory of
 * exporting a large store's facts, each format in a fresh process so one peak does not hide the
 * next: over HTTP (GET /api/export from `twincity serve`, peak = the server's VmHWM after the
 * download) and through `twincity export --out FILE` (peak = the process's maxRSS at exit). The
 * store holds N small generated reports (100,000 by default), built once and kept (export-store.ts).
 * Beside each peak: the process's resident set before the export (HTTP) or for a search over the
 * same store (CLI), and the growth as a share of the store's size. A streaming export stays flat
 * at any size (growth ≈ 0 % of the store); one that holds the tables in memory grows with them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMATS as CLI_FORMATS } from '../../src/store/export.ts';
import { EXPORT_FORMATS as HTTP_FORMATS } from '../../src/serve/schemas.ts';
import { exportStore } from './export-store.ts';
import { processMemory, repoRoot, startServer } from './server.ts';

const MB = 1024 * 1024;
/** JSON Lines first if the export offers it; a format it does not offer is named and skipped. */
const WANTED = ['csv', 'jsonl', 'json', 'xlsx'];

interface Measured {
  bytes: number;
  seconds: number;
  peak: number;
  before: number;
}

function option(argv: string[], name: string, fallback: string): string {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
}

/** GET `url`, counting the body's bytes as they arrive (nothing kept). */
function download(url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((done, fail) => {
    http
      .get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => done({ status: response.statusCode ?? 0, bytes }));
        response.on('error', fail);
      })
      .on('error', fail);
  });
}

async function overHttp(store: string, format: string, table: string): Promise<Measured> {
  const server = await startServer(store, { command: 'serve' });
  try {
    await download(`${server.base}/api/stats`);
    const before = processMemory(server.child.pid!)?.rss ?? NaN;
    const started = performance.now();
    const { status, bytes } = await download(`${server.base}/api/export?format=${format}&table=${table}`);
    if (status !== 200) throw new Error(`GET /api/export?format=${format}: ${status}`);
    const seconds = (performance.now() - started) / 1000;
    return { bytes, seconds, peak: processMemory(server.child.pid!)?.peak ?? NaN, before };
  } finally {
    await server.stop();
  }
}

/** Runs the CLI with a hook that prints its maxRSS at exit; resolves with that peak in bytes. */
function cliPeak(args: string[]): Promise<{ peak: number; seconds: number }> {
  const hook = new URL('./maxrss-at-exit.mjs', import.meta.url).href;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', hook, join(repoRoot, 'bin', 'twincity.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((done, fail) =>
    child.once('exit', (code) => {
      const kb = Number(/bench-maxrss-kb (\d+)/.exec(stderr)?.[1]);
      if (code !== 0 || !kb) fail(new Error(`twincity ${args.join(' ')} exited ${code}:\n${stderr}`));
      else done({ peak: kb * 1024, seconds: (performance.now() - started) / 1000 });
    }),
  );
}

async function overCli(store: string, format: string, table: string, baseline: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'twincity-bench-export-'));
  try {
    const out = join(dir, `export.${format}`);
    const { peak, seconds } = await cliPeak(['export', '--format', format, '--table', table, '--store', store, '--out', out]);
    return { bytes: statSync(out).size, seconds, peak, before: baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(argv: string[] = []): Promise<void> {
  const reports = Number(option(argv, '--export-reports', '100000'));
  const table = option(argv, '--export-table', 'quantities');
  const store = await exportStore(reports, 1, console.log);
  const storeMb = store.bytes / MB;
  const built = `${store.reused ? 'reused; built earlier in' : 'built in'} ${store.buildSeconds.toFixed(0)} s`;
  console.log(`store      ${store.reports} reports, ${store.quantities} quantities, ${storeMb.toFixed(0)} MB on disk (${built}): ${store.path}`);
  const skipped = WANTED.filter((f) => !(HTTP_FORMATS as readonly string[]).includes(f) && !(CLI_FORMATS as readonly string[]).includes(f));
  if (skipped.length) console.log(`not offered by the export today: ${skipped.join(', ')}`);
  const cliBaseline = (await cliPeak(['search', '成都', '--limit', '1', '--store', store.path])).peak;
  console.log(`table ${table}; baseline: \`twincity search\` over the same store peaks at ${(cliBaseline / MB).toFixed(0)} MB`);
  console.log('way   format        bytes   seconds   peak RSS   before   growth   growth/store');
  for (const format of WANTED.filter((f) => !skipped.includes(f))) {
    for (const [way, offered, measure] of [
      ['HTTP', HTTP_FORMATS, () => overHttp(store.path, format, table)],
      ['CLI', CLI_FORMATS, () => overCli(store.path, format, table, cliBaseline)],
    ] as const) {
      if (!(offered as readonly string[]).includes(format)) {
        console.log(`${way.padEnd(5)} ${format.padEnd(6)} not offered`);
        continue;
      }
      const m = await measure();
      const growth = m.peak - m.before;
      console.log(
        `${way.padEnd(5)} ${format.padEnd(6)} ${(m.bytes / MB).toFixed(0).padStart(9)} MB ${m.seconds.toFixed(1).padStart(7)} ` +
          `${(m.peak / MB).toFixed(0).padStart(8)} MB ${(m.before / MB).toFixed(0).padStart(5)} MB ${(growth / MB).toFixed(0).padStart(5)} MB ` +
          `${((100 * growth) / store.bytes).toFixed(0).padStart(10)} %`,
      );
    }
  }
}

// Run directly: `tsx scripts/bench/export.ts`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));

import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { IngestProgress, IngestSummary } from '../ingest/index.ts';
import { resolveStorePath } from '../store/location.ts';
import { STORE_OPTION } from './query-support.ts';

/**
 * `twincity ingest PATH...`: reads files, folders, URLs and feeds into the store, each report in
 * its own transaction. Safe to interrupt (Ctrl-C finishes what is in flight; even kill -9 leaves
 * every committed report whole) and to re-run: unchanged reports are no-ops.
 */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read reports into the store: clean, extract and commit each one; a summary at the end')
    .argument('<paths...>', 'files, folders (recursive), feeds or http(s) URLs')
    .option(...STORE_OPTION)
    .option('--workers <n>', 'extraction worker threads (default: one per core)', (v) => positiveInt(v, '--workers'))
    .option('--report-budget <s>', 'seconds one report may take to clean and extract before it fails (default 30)', (v) => positiveInt(v, '--report-budget'))
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .action(async (paths: string[], opts: { store?: string; workers?: number; reportBudget?: number; json?: boolean; progress: boolean }) => {
      const [{ ingestPaths }, { openStore }] = await Promise.all([import('../ingest/index.ts'), import('../store/index.ts')]);
      const store = await openStore(resolveStorePath(opts.store));
      const stop = new AbortController();
      // First Ctrl-C (or SIGTERM): stop reading, write what is in flight, refresh, summarize.
      // Second: leave now (each committed report is still whole).
      const onSigint = () => {
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
        process.stderr.write('\ntwincity: stopping after the reports in flight (Ctrl-C again to quit now)\n');
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      const bar = opts.progress && process.stderr.isTTY ? progressBar() : null;
      let summary: IngestSummary;
      try {
        const reportBudgetMs = opts.reportBudget === undefined ? undefined : opts.reportBudget * 1000;
        summary = await ingestPaths(paths, { store, workers: opts.workers, reportBudgetMs, signal: stop.signal, onProgress: bar?.update });
      } finally {
        bar?.stop();
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
        await store.close();
      }
      process.stdout.write(opts.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary));
      process.exitCode = summary.failed || summary.stopped ? 1 : 0;
    });
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number ≥ 1, not "${value}"`);
  return n;
}

/** A cli-progress bar on stderr: reports done of the files found, reports/s, MB/s, ETA and the tallies. */
function progressBar(): { update: (p: IngestProgress) => void; stop: () => void } {
  const bar = new SingleBar(
    {
      format:
        'ingest {bar} {value}/{total} | {rate} reports/s {mbps} MB/s | ETA {eta_formatted} | new {new} unchanged {unchanged} replaced {replaced} failed {failed}',
      stream: process.stderr,
      etaBuffer: 200,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    update(p) {
      const seconds = Math.max(1e-3, (performance.now() - started) / 1000);
      const payload = {
        rate: (p.done / seconds).toFixed(1),
        mbps: (p.bytes / 1e6 / seconds).toFixed(2),
        new: p.new,
        unchanged: p.unchanged,
        replaced: p.replaced,
        failed: p.failed,
      };
      // until the folders are counted the total is what has been done so far
      const total = Math.max(p.total ?? 0, p.done);
      if (!running) {
        bar.start(total, p.done, payload);
        running = true;
      } else {
        if (total !== bar.getTotal()) bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

export function formatSummary(s: IngestSummary): string {
  const rate = s.seconds > 0 ? `${(s.read / s.seconds).toFixed(1)} reports/s, ${(s.bytes / 1e6 / s.seconds).toFixed(2)} MB/s` : '';
  const lines = [
    `${s.stopped ? 'stopped after' : 'read'} ${s.read} report(s) in ${s.seconds.toFixed(1)} s${rate ? ` (${rate})` : ''}`,
    `  new        ${s.new}`,
    `  unchanged  ${s.unchanged}`,
    `  replaced   ${s.replaced}`,
    `  failed     ${s.failed}`,
  ];
  if (s.skipped.length) {
    lines.push(`not reports (skipped) ${s.skipped.length}:`);
    for (const f of s.skipped) lines.push(`  ${f.location}: ${f.reason}`);
  }
  if (s.failures.length) {
    lines.push('failed:');
    for (const f of s.failures) lines.push(`  ${f.location}: ${f.reason}`);
    if (s.failed > s.failures.length) lines.push(`  … and ${s.failed - s.failures.length} more (the store records them all)`);
  }
  return lines.join('\n') + '\n';
}

import type { Command } from 'commander';
import { guarded, STORE_OPTION, toInt } from './query-support.ts';
import { resolveStorePath } from '../store/location.ts';
import { parseInterval } from '../watch/schedule.ts';
import type { RoundSummary, Watcher } from '../watch/index.ts';

interface WatchFlags {
  store?: string;
  once?: boolean;
  workers: string;
  jobTimeout: string;
  settle: string;
  poll: string;
  pace: string;
  json?: boolean;
}

/** Options `watch` and `serve --watch` share. */
export function addWatcherOptions(command: Command): Command {
  return command
    .option('--workers <n>', 'extraction worker threads per ingest (0: in the watcher itself, best for a few reports a visit)', '0')
    .option('--job-timeout <interval>', 'a visit running longer is taken for dead and retried by another watcher (PostgreSQL)', '15m')
    .option('--pace <ms>', 'pause between two requests to one host (longer when its robots.txt asks a Crawl-delay)', '1000')
    .option('--poll <interval>', 'how often a watcher asks the shared queue for work (PostgreSQL)', '2s')
    .option('--settle <ms>', 'a folder file modified more recently than this may be half-written: it waits', '2000');
}

/** The watcher's options from the flags; throws naming a bad one. */
export function watcherOptions(flags: Pick<WatchFlags, 'workers' | 'jobTimeout' | 'settle' | 'poll' | 'pace'>) {
  return {
    fetcher: { hostIntervalMs: toInt(flags.pace) },
    pollSeconds: parseInterval(flags.poll),
    workers: toInt(flags.workers),
    jobTimeoutSeconds: parseInterval(flags.jobTimeout),
    settleMs: toInt(flags.settle),
    log: (line: string) => process.stderr.write(`twincity watch: ${new Date().toISOString().slice(11, 23)} ${line}\n`),
  };
}

function printRound(summary: RoundSummary, json: boolean | undefined): void {
  if (json) return void process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  for (const v of summary.visits) {
    process.stdout.write(`${v.location}: ${v.status}${v.error ? ` (${v.error})` : `, ${v.fresh} new of ${v.listed}, ${v.stored} stored`}\n`);
  }
  for (const f of summary.folders) {
    process.stdout.write(
      `folder ${f.sourceId}: ${f.error ? `failed (${f.error})` : `${f.fresh} new or changed of ${f.files}, ${f.stored} stored, ${f.settling} still being written`}\n`,
    );
  }
}

/** `twincity watch [--once]`: visit every due source on its schedule until stopped (or once, for cron). */
export function registerWatch(program: Command): void {
  addWatcherOptions(
    program
      .command('watch')
      .description('visit every due source on its schedule until stopped (Ctrl-C); with a postgres:// store, any number of watchers share the work')
      .option('--once', 'one round: visit the due sources, then exit (for cron)')
      .option(...STORE_OPTION)
      .option('--json', 'with --once: print the round as JSON'),
  ).action(
    guarded(async (flags: WatchFlags) => {
      const options = watcherOptions(flags);
      const [{ openStore }, { Watcher }] = await Promise.all([import('../store/index.ts'), import('../watch/index.ts')]);
      const store = await openStore(resolveStorePath(flags.store));
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let watcher: Watcher | null = null;
      try {
        watcher = await Watcher.open({ store, ...options });
        if (flags.once) {
          const summary = await watcher.once(stop.signal);
          printRound(summary, flags.json);
          process.exitCode = summary.visits.some((v) => v.status === 'failed') || summary.folders.some((f) => f.error) ? 1 : 0;
        } else {
          process.stderr.write(`twincity watch: watching the sources of ${store.path} (Ctrl-C stops)\n`);
          await watcher.run(stop.signal);
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await watcher?.close();
        await store.close();
      }
    }),
  );
}

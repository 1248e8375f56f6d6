/**
 * Ingest at scale: list → read+clean+extract in worker threads → one writer → store.
 *
 * - This thread expands the inputs (folders walked by the reader's one walk, `read/walk.ts`) and hands
 *   each file or URL to a piscina pool of worker threads (`worker.mjs` → `process.ts`), which read
 *   it with `readInputs`, then clean and extract with `processDocument`. Workers keep no state, so
 *   the pool can use every core.
 * - One writer — this thread — writes the reports in input order, so report ids are deterministic,
 *   and commits them in batches (`store.writeBatch`): at least `MIN_BATCH`, more when more are
 *   ready (the slower the writer, the larger its batches), at most `MAX_BATCH`. A batch that fails
 *   is written again report by report, so one bad report fails alone. A crash leaves a prefix of
 *   whole batches, and the next run reads the rest.
 * - At most `window` inputs are in flight between listing and writing: the lister waits for the
 *   writer, so memory stays flat however large the input (backpressure).
 * - `store.refreshDerived()` rebuilds indicators, series and conflicts once, at the end.
 */
import { availableParallelism } from 'node:os';
import type { Store } from '../store/index.ts';
import { countReportFiles, expandInputs, type ExpandedInput } from '../read/walk.ts';
import { startExtraction } from './pool.ts';
import type { ProcessedReport, ProcessTask } from './process.ts';
import { orderedWindow } from './window.ts';
import { batchWriter, MAX_LISTED_FAILURES } from './writer.ts';

/**
 * An input already fetched (the watcher's polite fetcher: robots.txt, rate, conditional requests):
 * its bytes go through the same workers and writer as a path, named by `location` (its URL).
 */
export interface FetchedInput {
  location: string;
  bytes: Uint8Array;
  /** From the HTTP Content-Type: the media type and the charset, as the reader takes them. */
  mediaType?: string;
  charset?: string;
}

/** A file, folder or URL to read, or bytes fetched already. */
export type IngestInput = string | FetchedInput;

/** The inputs as the lister yields them: paths expanded (folders walked), fetched inputs as they are. */
async function* listInputs(inputs: readonly IngestInput[]): AsyncGenerator<ExpandedInput | { input: string; fetched: FetchedInput }> {
  for (const input of inputs) {
    if (typeof input === 'string') yield* expandInputs([input]);
    else yield { input: input.location, fetched: input };
  }
}

export interface IngestOptions {
  store: Store;
  /** Worker threads that read, clean and extract; default: the number of cores. */
  workers?: number;
  /** Inputs in flight between the lister and the writer; default 128 per worker, at most 1024. */
  window?: number;
  /** Called after every committed or failed report. */
  onProgress?: (progress: IngestProgress) => void;
  /** The reader's limits: file and response size, per-URL time limit (ms). */
  read?: { maxBytes?: number; timeoutMs?: number };
  /**
   * Let the workers look up each report in the store file before extracting it, and skip those
   * stored as they are (default true; needs a store on disk).
   */
  skipStored?: boolean;
  /** Keep each report's raw bytes in the store (for reindex). Default true. */
  keepBytes?: boolean;
  /** Stops taking new input; what is in flight is still written, then the summary is returned. */
  signal?: AbortSignal;
  /**
   * Read and extract in the calling thread, no worker threads (the watcher's visits: a few reports
   * each, where starting threads that load the pipeline costs more than the work).
   */
  inThread?: boolean;
  /** Rebuild indicators, series and conflicts at the end (default true; a caller timing it apart says false). */
  refresh?: boolean;
  /** Time one report may take to clean and extract before it fails and its worker is restarted (ms; default 30 s). */
  reportBudgetMs?: number;
}

export interface IngestProgress {
  /** Reports written or failed so far. */
  done: number;
  /** Files and URLs found under the inputs (a feed counts once), once counted; else null. */
  total: number | null;
  bytes: number;
  new: number;
  unchanged: number;
  replaced: number;
  failed: number;
}

export interface IngestFailure {
  location: string;
  reason: string;
}

export interface IngestSummary {
  /** Every report read or refused: new + unchanged + replaced + failed. */
  read: number;
  new: number;
  unchanged: number;
  replaced: number;
  failed: number;
  /** The first `MAX_LISTED_FAILURES` failures (all of them are recorded in the store). */
  failures: IngestFailure[];
  /** Bytes of input read. */
  bytes: number;
  seconds: number;
  /** Of those, the seconds this thread spent writing to the store (the single writer's load). */
  writerSeconds: number;
  /** Files in the folders that no reader takes (`notes.docx`), each with the reason. */
  skipped: IngestFailure[];
  /** True when `signal` stopped the ingest before the inputs were exhausted. */
  stopped: boolean;
}

export { MAX_BATCH, MIN_BATCH } from './window.ts';
export { MAX_LISTED_FAILURES } from './writer.ts';

const emptySummary = (): IngestSummary => ({
  read: 0,
  new: 0,
  unchanged: 0,
  replaced: 0,
  failed: 0,
  failures: [],
  skipped: [],
  bytes: 0,
  seconds: 0,
  writerSeconds: 0,
  stopped: false,
});

/** The worker's task for one listed input. */
function taskFor(entry: { input: string; fetched?: FetchedInput }, options: IngestOptions, storePath: string | null): ProcessTask {
  const fetched = entry.fetched ? { bytes: entry.fetched.bytes, mediaType: entry.fetched.mediaType, charset: entry.fetched.charset } : undefined;
  return { input: entry.input, ...options.read, ...(storePath !== null && { storePath }), ...(fetched && { fetched }) };
}

const workerFailure =
  (input: string) =>
  (error: unknown): ProcessedReport[] => [
    { ok: false, location: input, reason: `extraction worker failed: ${error instanceof Error ? error.message : String(error)}` },
  ];

export async function ingestPaths(inputs: readonly IngestInput[], options: IngestOptions): Promise<IngestSummary> {
  const paths = inputs.filter((input): input is string => typeof input === 'string');
  const { store, onProgress, signal } = options;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const window = Math.max(1, options.window ?? Math.min(1024, 128 * workers));
  // Workers may ask the store file what it holds (read-only) to skip re-extracting it; not when it
  // held nothing at the start (a first ingest): there is nothing to skip, and copies within the run
  // are the writer's to find.
  const skipStored = (options.skipStored ?? true) && (await store.stats()).reports > 0;
  const started = performance.now();
  const summary = emptySummary();
  let total: number | null = null;
  // The count only feeds the progress bar's ETA; it walks the folders alongside the ingest.
  const counting = onProgress
    ? countReportFiles(paths).then(
        (n) => void (total = n),
        () => undefined,
      )
    : Promise.resolve();
  const extraction = startExtraction(options, workers);
  const inFlight = orderedWindow(extraction.pool);
  const writeAll = batchWriter({ store, summary, keepBytes: options.keepBytes ?? true, onProgress, total: () => total });
  try {
    for await (const entry of listInputs(inputs)) {
      if ('skipped' in entry) {
        if (summary.skipped.length < MAX_LISTED_FAILURES) summary.skipped.push({ location: entry.input, reason: entry.skipped });
      } else if ('error' in entry) {
        inFlight.track(Promise.resolve([{ ok: false, location: entry.input, reason: entry.error }]));
      } else {
        const task = taskFor(entry, options, skipStored ? store.location : null);
        inFlight.track(extraction.runTask(task).catch(workerFailure(entry.input)));
      }
      while (inFlight.size() >= window) await writeAll(await inFlight.next());
      if (signal?.aborted) {
        summary.stopped = true;
        break;
      }
    }
    while (inFlight.size()) await writeAll(await inFlight.next());
  } finally {
    // an exception above (the store gone, the disk full) must not leave threads keeping the process alive
    await inFlight.settle();
    await extraction.close();
  }
  await counting;
  if (options.refresh ?? true) await store.refreshDerived();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

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
import { Piscina } from 'piscina';
import { documentFromJSON } from '../document/index.ts';
import type { IngestStatus, Store } from '../store/index.ts';
import { countReportFiles, expandInputs, type ExpandedInput } from '../read/walk.ts';
import { BudgetExceeded, budgetWatch, DEFAULT_REPORT_BUDGET_MS } from './budget.ts';
import { processTask, type ProcessedReport, type ProcessTask } from './process.ts';

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

export const MAX_LISTED_FAILURES = 1000;
/** Reports committed together at most: bounds what a crash makes the next run read again. */
export const MAX_BATCH = 128;
/**
 * Reports committed together at least (fewer only at the end of the input): a commit costs the
 * writer about as much as a report, and the cores it spends on commits are the workers' too.
 */
export const MIN_BATCH = 32;

const workerEntry = new URL('./worker.mjs', import.meta.url);

/** What the writer needs of the extraction workers: piscina's pool, or the calling thread. */
type ExtractionPool = {
  run(task: ProcessTask): Promise<ProcessedReport[]>;
  destroy(): Promise<void>;
  once(event: 'error', listener: (error: unknown) => void): unknown;
};

/** `workers` threads, each running `process.ts`. */
function newPool(workers: number): Piscina<ProcessTask, ProcessedReport[]> {
  return new Piscina<ProcessTask, ProcessedReport[]>({
    filename: workerEntry.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // a task waits on the disk or the network before its CPU work, and the writer's thread, which
    // hands out the tasks, is busy for a batch at a time: let a worker hold enough to last that long
    concurrentTasksPerWorker: 64,
    // the worker registers its own TypeScript loader; the parent's flags (test runners…) stay out
    execArgv: [],
  });
}

export async function ingestPaths(inputs: readonly IngestInput[], options: IngestOptions): Promise<IngestSummary> {
  const paths = inputs.filter((input): input is string => typeof input === 'string');
  const { store, onProgress, signal } = options;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const window = Math.max(1, options.window ?? Math.min(1024, 128 * workers));
  const keepBytes = options.keepBytes ?? true;
  // Workers may ask the store file what it holds (read-only) to skip re-extracting it; not when it
  // held nothing at the start (a first ingest): there is nothing to skip, and copies within the run
  // are the writer's to find.
  const skipStored = (options.skipStored ?? true) && (await store.stats()).reports > 0;
  const started = performance.now();

  const summary: IngestSummary = {
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
  };
  let total: number | null = null;
  // The count only feeds the progress bar's ETA; it walks the folders alongside the ingest.
  const counting = onProgress
    ? countReportFiles(paths).then(
        (n) => void (total = n),
        () => undefined,
      )
    : Promise.resolve();

  // in the calling thread (a few reports: no time budget there), or a pool of worker threads
  let pool: ExtractionPool;
  let runTask: (task: ProcessTask) => Promise<ProcessedReport[]>;
  let closeBudget = (): void => undefined;
  if (options.inThread) {
    pool = { run: processTask, destroy: async () => undefined, once: () => undefined };
    runTask = (task) => processTask(task);
  } else {
    const threads = newPool(workers);
    pool = threads;
    const watch = budgetWatch(() => threads.threads, options.reportBudgetMs ?? DEFAULT_REPORT_BUDGET_MS);
    closeBudget = () => watch.close();
    const runOnce = (task: ProcessTask) => watch.run((budgetSlot) => threads.run({ ...task, budgetSlot }));
    // A report past its budget fails alone; the other tasks its worker held are run again, once.
    runTask = (task: ProcessTask): Promise<ProcessedReport[]> =>
      runOnce(task).catch((error: unknown) => {
        if (error instanceof BudgetExceeded) return [{ ok: false, location: task.input, reason: error.message }];
        return runOnce(task).catch((again: unknown) =>
          again instanceof BudgetExceeded ? [{ ok: false, location: task.input, reason: again.message }] : Promise.reject(again),
        );
      });
  }
  // In input order: the writer waits for the oldest MIN_BATCH inputs in flight, then takes along
  // every later one already finished (`done`).
  const inFlight: { promise: Promise<ProcessedReport[]>; done?: ProcessedReport[] }[] = [];
  const track = (promise: Promise<ProcessedReport[]>) => {
    const entry: (typeof inFlight)[number] = { promise };
    promise.then(
      (reports) => void (entry.done = reports),
      () => undefined,
    );
    inFlight.push(entry);
  };
  // A worker that cannot start (the pipeline fails to load) would fail every report: stop instead.
  // One slot for the waiting writer, not a race against a promise that never settles: each such
  // race would keep its settled value (a whole report) reachable until the end of the ingest.
  let poolError: Error | null = null;
  let wakeWriter: ((error: Error) => void) | null = null;
  pool.once('error', (error: unknown) => {
    poolError = new Error(`extraction worker failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    wakeWriter?.(poolError);
  });
  const next = () =>
    new Promise<ProcessedReport[][]>((resolve, reject) => {
      if (poolError) return reject(poolError);
      wakeWriter = reject;
      const batch: ProcessedReport[][] = [];
      // in order: at least MIN_BATCH (waiting for them), then whatever else has already finished
      const take = (): void => {
        while (batch.length < MAX_BATCH && inFlight.length && (batch.length < MIN_BATCH || inFlight[0].done)) {
          const entry = inFlight.shift()!;
          if (!entry.done) return void entry.promise.then((reports) => (batch.push(reports), take()), reject);
          batch.push(entry.done);
        }
        resolve(batch);
      };
      take();
    }).finally(() => {
      wakeWriter = null;
    });

  const fail = async (location: string, reason: string) => {
    summary.failed++;
    if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push({ location, reason });
    await store.recordFailure(location, reason);
  };

  /** Stores one report, or says why it could not be. Throws only what the store throws. */
  const store1 = async (report: ProcessedReport): Promise<IngestStatus | { failed: string }> => {
    if (!report.ok) return { failed: report.reason };
    if (report.unchanged) return 'unchanged';
    return (await store.ingestDocument(documentFromJSON(report.doc), keepBytes ? report.bytes : undefined, report.searchTerms)).status;
  };
  const count = async (report: ProcessedReport, outcome: IngestStatus | { failed: string }) => {
    summary.read++;
    if (typeof outcome === 'object') await fail(report.location, outcome.failed);
    else summary[outcome]++;
    onProgress?.({
      done: summary.read,
      total,
      bytes: summary.bytes,
      new: summary.new,
      unchanged: summary.unchanged,
      replaced: summary.replaced,
      failed: summary.failed,
    });
  };
  /** One report in its own transaction, a store error recorded as its failure. */
  const storeAlone = async (report: ProcessedReport): Promise<IngestStatus | { failed: string }> => {
    try {
      return await store1(report);
    } catch (error) {
      return { failed: `store refused it: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  const writeAll = async (batch: ProcessedReport[][]) => {
    const writing = performance.now();
    const reports = batch.flat();
    let outcomes: (IngestStatus | { failed: string })[];
    try {
      // All together in one transaction; counted only once it has committed.
      outcomes = await store.writeBatch(async () => {
        const written: (IngestStatus | { failed: string })[] = [];
        for (const report of reports) written.push(await store1(report));
        return written;
      });
    } catch {
      // Rolled back whole: write them one by one, so only the bad one fails.
      outcomes = [];
      for (const report of reports) outcomes.push(await storeAlone(report));
    }
    // the items of a feed each carry their own part of the feed's bytes
    for (const items of batch) for (const r of items) summary.bytes += r.ok ? r.bytes.byteLength : 0;
    for (const [i, report] of reports.entries()) await count(report, outcomes[i]);
    summary.writerSeconds += (performance.now() - writing) / 1000;
  };

  try {
    for await (const entry of listInputs(inputs)) {
      if ('skipped' in entry) {
        if (summary.skipped.length < MAX_LISTED_FAILURES) summary.skipped.push({ location: entry.input, reason: entry.skipped });
      } else if ('error' in entry) {
        track(Promise.resolve([{ ok: false, location: entry.input, reason: entry.error }]));
      } else {
        const fetched = 'fetched' in entry ? { bytes: entry.fetched.bytes, mediaType: entry.fetched.mediaType, charset: entry.fetched.charset } : undefined;
        const task: ProcessTask = { input: entry.input, ...options.read, ...(skipStored && { storePath: store.location }), ...(fetched && { fetched }) };
        track(
          runTask(task).catch((error: unknown): ProcessedReport[] => [
            { ok: false, location: entry.input, reason: `extraction worker failed: ${error instanceof Error ? error.message : String(error)}` },
          ]),
        );
      }
      while (inFlight.length >= window) await writeAll(await next());
      if (signal?.aborted) {
        summary.stopped = true;
        break;
      }
    }
    while (inFlight.length) await writeAll(await next());
  } finally {
    // an exception above (the store gone, the disk full) must not leave threads keeping the process alive
    if (!poolError) await Promise.allSettled(inFlight.map((entry) => entry.promise));
    closeBudget();
    await pool.destroy();
  }
  await counting;
  if (options.refresh ?? true) await store.refreshDerived();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/**
 * Ingest at scale: read → clean+extract in worker threads → one writer → store.
 *
 * - The reader (`readInputs`, main thread) streams reports from files, folders, URLs and feeds.
 * - Cleaning and extraction run in a piscina pool of worker threads (`worker.mjs` → `process.ts`);
 *   they are stateless, so the pool can use every core.
 * - One writer — this thread — commits each report in its own transaction (`store.ingestDocument`),
 *   in read order, so report ids are deterministic and a crash leaves a prefix of whole reports.
 * - At most `window` reports are in flight between reader and writer: the reader waits for the
 *   writer, so memory stays flat however large the input (backpressure).
 * - `store.refreshDerived()` rebuilds indicators, series and conflicts once, at the end.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { documentFromJSON, documentToJSON } from '../document/index.ts';
import { readInputs, type ReadInputsOptions } from '../read/index.ts';
import type { IngestStatus, Store } from '../store/index.ts';
import { countReportFiles } from './count.ts';
import type { ProcessOutcome, ProcessTask } from './process.ts';

export interface IngestOptions {
  store: Store;
  /** Extraction worker threads; default: the number of cores. */
  workers?: number;
  /** Reports in flight between the reader and the writer; default 64 per worker, at most 512. */
  window?: number;
  /** Called after every committed or failed report. */
  onProgress?: (progress: IngestProgress) => void;
  /** Passed to the reader (size limit, URL time limit). */
  read?: ReadInputsOptions;
  /** Keep each report's raw bytes in the store (for reindex). Default true. */
  keepBytes?: boolean;
  /** Stops reading new input; what is in flight is still written, then the summary is returned. */
  signal?: AbortSignal;
  /** Rebuild indicators, series and conflicts at the end (default true; a caller timing it apart says false). */
  refresh?: boolean;
}

export interface IngestProgress {
  /** Reports written or failed so far. */
  done: number;
  /** Report files found under the inputs (feeds count once), once the count is in; else null. */
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
  /** True when `signal` stopped the ingest before the inputs were exhausted. */
  stopped: boolean;
}

export const MAX_LISTED_FAILURES = 1000;

const workerEntry = new URL('./worker.mjs', import.meta.url);

type Outcome =
  | { kind: 'processed'; location: string; doc: unknown; bytes: Uint8Array }
  | { kind: 'failed'; location: string; reason: string };

export async function ingestPaths(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const { store, onProgress, signal } = options;
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const window = Math.max(1, options.window ?? Math.min(512, 64 * workers));
  const keepBytes = options.keepBytes ?? true;
  const started = performance.now();

  const summary: IngestSummary = { read: 0, new: 0, unchanged: 0, replaced: 0, failed: 0, failures: [], bytes: 0, seconds: 0, stopped: false };
  let total: number | null = null;
  // The count only feeds the progress bar's ETA; it walks the folders alongside the ingest.
  const counting = onProgress
    ? countReportFiles(paths).then((n) => void (total = n), () => undefined)
    : Promise.resolve();

  // In read order: the writer always waits for the oldest report in flight.
  const inFlight: Promise<Outcome>[] = [];
  const pool = new Piscina<ProcessTask, ProcessOutcome>({
    filename: workerEntry.href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    // the worker registers its own TypeScript loader; the parent's flags (test runners…) stay out
    execArgv: [],
  });

  // A worker that cannot start (the pipeline fails to load) would fail every report: stop instead.
  const poolBroken = new Promise<never>((_, reject) =>
    pool.once('error', (error: unknown) => reject(new Error(`extraction worker failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }))),
  );
  poolBroken.catch(() => undefined); // observed through the races below
  const next = () => Promise.race([inFlight.shift()!, poolBroken]);

  const fail = (location: string, reason: string) => {
    summary.failed++;
    if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push({ location, reason });
    store.recordFailure(location, reason);
  };

  const write = (outcome: Outcome) => {
    summary.read++;
    if (outcome.kind === 'failed') {
      fail(outcome.location, outcome.reason);
    } else {
      let status: IngestStatus;
      try {
        status = store.ingestDocument(documentFromJSON(outcome.doc), keepBytes ? outcome.bytes : undefined).status;
      } catch (error) {
        fail(outcome.location, `store refused it: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      summary[status]++;
    }
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

  try {
    for await (const result of readInputs(paths, options.read)) {
      if (!result.ok) {
        inFlight.push(Promise.resolve({ kind: 'failed', location: result.error.location, reason: result.error.reason }));
      } else {
        const { doc, bytes } = result;
        summary.bytes += bytes.byteLength;
        inFlight.push(
          pool.run({ doc: documentToJSON(doc) }).then(
            (out): Outcome => (out.ok ? { kind: 'processed', location: doc.location, doc: out.doc, bytes } : { kind: 'failed', location: doc.location, reason: out.reason }),
            (error: unknown): Outcome => ({ kind: 'failed', location: doc.location, reason: `extraction worker failed: ${error instanceof Error ? error.message : String(error)}` }),
          ),
        );
      }
      while (inFlight.length >= window) write(await next());
      if (signal?.aborted) {
        summary.stopped = true;
        break;
      }
    }
    while (inFlight.length) write(await next());
  } finally {
    // an exception above (the store gone, the disk full) must not leave threads keeping the process alive
    await Promise.race([Promise.allSettled(inFlight), poolBroken]).catch(() => undefined);
    await pool.destroy();
  }
  await counting;
  if (options.refresh ?? true) store.refreshDerived();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

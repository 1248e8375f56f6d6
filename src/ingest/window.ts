/**
 * The ordered window between the lister and the writer: tasks in flight in input order, handed to
 * the writer in batches of at least MIN_BATCH (waiting for them) plus every later one already done.
 */
import type { ExtractionPool } from './pool.ts';
import type { ProcessedReport } from './process.ts';

/** Reports committed together at most: bounds what a crash makes the next run read again. */
export const MAX_BATCH = 128;
/**
 * Reports committed together at least (fewer only at the end of the input): a commit costs the
 * writer about as much as a report, and the cores it spends on commits are the workers' too.
 */
export const MIN_BATCH = 32;

export interface OrderedWindow {
  /** Adds a task's result, in input order. */
  track(promise: Promise<ProcessedReport[]>): void;
  /** Tasks in flight. */
  size(): number;
  /** The next batch, in input order; rejects when the pool has failed. */
  next(): Promise<ProcessedReport[][]>;
  /** Waits for what is still in flight (not when the pool failed: it may never settle). */
  settle(): Promise<void>;
}

export function orderedWindow(pool: ExtractionPool): OrderedWindow {
  const inFlight: { promise: Promise<ProcessedReport[]>; done?: ProcessedReport[] }[] = [];
  // A worker that cannot start (the pipeline fails to load) would fail every report: stop instead.
  // One slot for the waiting writer, not a race against a promise that never settles: each such
  // race would keep its settled value (a whole report) reachable until the end of the ingest.
  let poolError: Error | null = null;
  let wakeWriter: ((error: Error) => void) | null = null;
  pool.once('error', (error: unknown) => {
    poolError = new Error(`extraction worker failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    wakeWriter?.(poolError);
  });
  const track = (promise: Promise<ProcessedReport[]>) => {
    const entry: (typeof inFlight)[number] = { promise };
    promise.then(
      (reports) => void (entry.done = reports),
      () => undefined,
    );
    inFlight.push(entry);
  };
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
  const settle = async () => {
    if (!poolError) await Promise.allSettled(inFlight.map((entry) => entry.promise));
  };
  return { track, size: () => inFlight.length, next, settle };
}

/**
 * Where reports are read, cleaned and extracted: a piscina pool of worker threads under the time
 * budget per report (budget.ts), or the calling thread (a few reports: no budget there).
 */
import { Piscina } from 'piscina';
import { BudgetExceeded, budgetWatch, DEFAULT_REPORT_BUDGET_MS } from './budget.ts';
import { processTask, type ProcessedReport, type ProcessTask } from './process.ts';

const workerEntry = new URL('./worker.mjs', import.meta.url);

/** What the writer needs of the extraction workers: piscina's pool, or the calling thread. */
export type ExtractionPool = {
  run(task: ProcessTask): Promise<ProcessedReport[]>;
  destroy(): Promise<void>;
  once(event: 'error', listener: (error: unknown) => void): unknown;
};

export interface Extraction {
  pool: ExtractionPool;
  /** Runs one task; a report past its budget comes back as a failed report. */
  runTask(task: ProcessTask): Promise<ProcessedReport[]>;
  /** Stops the budget's watchdog and the threads. */
  close(): Promise<void>;
}

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

/** In the calling thread (`inThread`), or a pool of `workers` threads with the budget per report. */
export function startExtraction(options: { inThread?: boolean; reportBudgetMs?: number }, workers: number): Extraction {
  if (options.inThread) {
    const pool: ExtractionPool = { run: processTask, destroy: async () => undefined, once: () => undefined };
    return { pool, runTask: (task) => processTask(task), close: () => pool.destroy() };
  }
  const threads = newPool(workers);
  const watch = budgetWatch(() => threads.threads, options.reportBudgetMs ?? DEFAULT_REPORT_BUDGET_MS);
  const runOnce = (task: ProcessTask) => watch.run((budgetSlot) => threads.run({ ...task, budgetSlot }));
  const overBudget = (task: ProcessTask, error: BudgetExceeded): ProcessedReport[] => [{ ok: false, location: task.input, reason: error.message }];
  // A report past its budget fails alone; the other tasks its worker held are run again, once.
  const runTask = (task: ProcessTask): Promise<ProcessedReport[]> =>
    runOnce(task).catch((error: unknown) => {
      if (error instanceof BudgetExceeded) return overBudget(task, error);
      return runOnce(task).catch((again: unknown) => (again instanceof BudgetExceeded ? overBudget(task, again) : Promise.reject(again)));
    });
  const close = async () => {
    watch.close();
    await threads.destroy();
  };
  return { pool: threads, runTask, close };
}

/**
 * A time budget per report in the extraction workers (issue 16). Cleaning and extraction are
 * synchronous CPU work that nothing can interrupt from inside, so the worker marks in shared
 * memory when it starts on a report (and in which thread), and a watchdog in the parent thread
 * terminates a worker whose report has run past the budget: that report fails with the reason,
 * the pool starts a fresh worker, and the batch goes on.
 *
 * Node 20 has no per-thread CPU clock, so the budget is measured in time since the worker began the
 * report (not since it was queued): on an idle core that is its CPU time.
 */
import { threadId, type Worker } from 'node:worker_threads';

/** Default budget for one report's cleaning and extraction. */
export const DEFAULT_REPORT_BUDGET_MS = 30_000;

/** [0]: when the worker began the current report (ms since the epoch; 0 when idle), [1]: its thread id. */
export type BudgetSlot = Float64Array;

export const newBudgetSlot = (): BudgetSlot => new Float64Array(new SharedArrayBuffer(16));

/** Worker side: runs one report's work with its start marked in the slot (no slot: just runs it). */
export function onTheClock<T>(slot: BudgetSlot | undefined, work: () => T): T {
  if (!slot) return work();
  slot[1] = threadId;
  slot[0] = Date.now();
  try {
    return work();
  } finally {
    slot[0] = 0;
  }
}

/** The same for work that awaits (a PDF's text layer is read asynchronously). */
export async function onTheClockAsync<T>(slot: BudgetSlot | undefined, work: () => Promise<T>): Promise<T> {
  if (!slot) return work();
  slot[1] = threadId;
  slot[0] = Date.now();
  try {
    return await work();
  } finally {
    slot[0] = 0;
  }
}

/** Why a report that ran out of time failed. */
export class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
  constructor(readonly budgetMs: number) {
    super(`stopped after ${formatSeconds(budgetMs)} s of cleaning and extraction (the time budget per report); its worker was restarted`);
  }
}

const formatSeconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);

export interface BudgetWatch {
  /** Runs a task with a fresh slot; rejects with BudgetExceeded when its worker had to be stopped. */
  run<T>(start: (slot: BudgetSlot) => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * Parent side: watches the slots of the tasks in flight on `threads()` (the pool's workers) and
 * terminates the worker of a report past `budgetMs`.
 */
export function budgetWatch(threads: () => readonly Worker[], budgetMs: number): BudgetWatch {
  const active = new Map<BudgetSlot, { over: boolean }>();
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    const now = Date.now();
    for (const [slot, state] of active) {
      const started = slot[0];
      if (!started || state.over || now - started <= budgetMs) continue;
      const worker = threads().find((w) => w.threadId === slot[1]);
      if (!worker) continue;
      state.over = true;
      void worker.terminate();
    }
    if (!active.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
  return {
    async run(start) {
      const slot = newBudgetSlot();
      const state = { over: false };
      active.set(slot, state);
      timer ??= setInterval(check, Math.max(20, Math.min(1000, budgetMs / 4))).unref();
      try {
        return await start(slot);
      } catch (error) {
        throw state.over ? new BudgetExceeded(budgetMs) : error;
      } finally {
        active.delete(slot);
      }
    },
    close() {
      if (timer) clearInterval(timer);
      timer = null;
      active.clear();
    },
  };
}

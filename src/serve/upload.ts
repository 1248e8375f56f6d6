/**
 * An uploaded report takes the same road as an ingested file: read (src/read) → clean + extract
 * (src/pipeline), in a worker thread → one store transaction per report, in the server's thread →
 * derived data rebuilt. A feed yields one record per item.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { BudgetExceeded, budgetWatch, DEFAULT_REPORT_BUDGET_MS } from '../ingest/budget.ts';
import { documentFromJSON } from '../document/index.ts';
import type { IngestResult, IngestStatus, ReportDetail, ReportSummary, Store } from '../store/types.ts';
import { ApiError } from './errors.ts';
import type { ExtractJob, ExtractOutcome } from './extract.ts';

export interface UploadResult {
  reports: { status: IngestStatus; report: ReportSummary }[];
}

/** Uploads are stored under this location prefix: a new upload of the same file name replaces it. */
export const UPLOAD_LOCATION_PREFIX = 'upload:';

/** A file name as a browser sends it, reduced to its base name and to characters safe to keep. */
export function uploadName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'upload';
}

export type Extractor = (job: ExtractJob) => Promise<ExtractOutcome>;

export interface UploadPoolOptions {
  /**
   * Uploads read at once, each in its own thread. Default: one core fewer than the machine has
   * (at least 1, at most 2), so the server's own thread always finds a core to answer on.
   */
  workers?: number;
  /** Uploads waiting for a thread at most; one more is answered 503. Default 8 per thread. */
  maxQueue?: number;
  /** Time one upload may take to read, clean and extract (ms). Default 30 s. */
  budgetMs?: number;
}

/**
 * Extraction threads for uploads, started on the first upload and stopped after a minute idle.
 * Several of them, so a small upload does not wait behind a large one; a bounded queue, so a burst
 * is refused (503) rather than held in memory; and a time budget per upload, past which its thread
 * is stopped and the upload fails with that reason (ingest/budget.ts).
 */
export function workerExtractor(options: UploadPoolOptions = {}): { extract: Extractor; close: () => Promise<void> } {
  const workers = Math.max(1, options.workers ?? Math.min(2, availableParallelism() - 1));
  const maxQueue = Math.max(0, options.maxQueue ?? 8 * workers);
  let pool: Piscina<ExtractJob, ExtractOutcome> | null = null;
  let inFlight = 0;
  const watch = budgetWatch(() => pool?.threads ?? [], options.budgetMs ?? DEFAULT_REPORT_BUDGET_MS);
  return {
    async extract(job) {
      pool ??= new Piscina<ExtractJob, ExtractOutcome>({
        filename: new URL('./extract-worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: workers,
        idleTimeout: 60_000,
        // the worker registers its own TypeScript loader; the parent's flags (test runners…) stay out
        execArgv: [],
      });
      const running = pool;
      // Threads busy and the queue full: refuse now rather than hold the upload in memory.
      if (inFlight >= workers + maxQueue) throw new ApiError(503, 'busy', `${inFlight} uploads are being read already; retry in a moment`);
      inFlight++;
      try {
        return await watch.run((budgetSlot) => running.run({ ...job, budgetSlot }));
      } catch (error) {
        if (error instanceof BudgetExceeded) return { ok: false, location: job.location, reason: error.message };
        throw error;
      } finally {
        inFlight--;
      }
    },
    async close() {
      watch.close();
      await pool?.destroy();
      pool = null;
    },
  };
}

/**
 * The store's derived rebuild, shared by concurrent uploads: while one runs, the uploads that come
 * meanwhile wait for one more run after it, which sees them all — a burst of uploads costs two
 * rebuilds, not one each. Every caller still returns after a rebuild that includes its report.
 */
export function coalescedRefresh(refresh: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run = refresh().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

export async function ingestUpload(
  store: Store,
  extract: Extractor,
  /** The store's derived rebuild, shared by the server's uploads (coalescedRefresh). */
  refreshDerived: () => Promise<void>,
  upload: { bytes: Uint8Array; filename: string; mediaType?: string; maxBytes: number },
): Promise<UploadResult> {
  const source = uploadName(upload.filename);
  const location = UPLOAD_LOCATION_PREFIX + source;
  // Browsers label files they do not know as octet-stream: let the reader sniff those instead.
  const mediaType = upload.mediaType === 'application/octet-stream' ? undefined : upload.mediaType;
  const outcome = await extract({ bytes: upload.bytes, location, source, mediaType, maxBytes: upload.maxBytes });
  if (!outcome.ok) {
    await store.recordFailure(outcome.location, outcome.reason);
    throw new ApiError(422, 'unreadable_report', `${source}: ${outcome.reason}`);
  }
  // A feed's items in one transaction: an upload is stored whole or not at all.
  const stored = await store.writeBatch(async () => {
    const results: IngestResult[] = [];
    for (const [i, json] of outcome.docs.entries()) {
      results.push(await store.ingestDocument(documentFromJSON(json), outcome.bytes[i] ?? upload.bytes, outcome.searchTerms?.[i]));
    }
    return results;
  });
  if (stored.some((r) => r.status !== 'unchanged')) await refreshDerived();
  const reports: UploadResult['reports'] = [];
  for (const { status, reportId } of stored) {
    const detail = await store.report(reportId);
    if (!detail) throw new Error(`ingestUpload: report ${reportId} was stored but cannot be read back`);
    reports.push({ status, report: toSummary(detail) });
  }
  return { reports };
}

function toSummary(d: ReportDetail): ReportSummary {
  return {
    id: d.id,
    source: d.source,
    location: d.location,
    format: d.format,
    title: d.title,
    published: d.published,
    site: d.site,
    url: d.url,
    contentHash: d.contentHash,
    ingestedAt: d.ingestedAt,
    quantityCount: d.quantityCount,
    eventCount: d.eventCount,
    itemCount: d.itemCount,
  };
}

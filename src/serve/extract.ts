/**
 * Reading and extraction of an uploaded file, as plain data in and out so it can run in a worker
 * thread (extract-worker.mjs): a large report takes seconds of CPU, and the server's own thread
 * must keep answering the dashboard meanwhile. The store write stays in the server's thread (one
 * writer).
 */
import { documentToJSON, ReportError } from '../document/index.ts';
import { processDocument } from '../pipeline.ts';
import { keptBytes, readBytesAsync } from '../read/index.ts';
import { onTheClockAsync, type BudgetSlot } from '../ingest/budget.ts';
import { reportSearchTerms, type SearchTerms } from '../store/search-terms.ts';

export interface ExtractJob {
  bytes: Uint8Array;
  /** Where the report is filed in the store (`upload:<name>`). */
  location: string;
  source: string;
  /** The media type the browser sent, if it says more than "some bytes". */
  mediaType?: string;
  maxBytes: number;
  /** Where the worker marks when it begins, for the server's time budget per upload (ingest/budget.ts). */
  budgetSlot?: BudgetSlot;
}

/**
 * `bytes[i]`: what to keep of the upload for `docs[i]` (an item of a feed: its own part);
 * `searchTerms[i]`: its search terms, segmented here in the worker rather than on the server's thread.
 */
export type ExtractOutcome =
  { ok: true; docs: unknown[]; bytes: Uint8Array[]; searchTerms: Record<string, SearchTerms>[] } | { ok: false; location: string; reason: string };

export function extractUpload(job: ExtractJob): Promise<ExtractOutcome> {
  return onTheClockAsync(job.budgetSlot, () => readAndExtract(job));
}

async function readAndExtract(job: ExtractJob): Promise<ExtractOutcome> {
  let docs;
  try {
    docs = await readBytesAsync(job.bytes, { location: job.location, source: job.source, mediaType: job.mediaType }, job.maxBytes);
  } catch (error) {
    const reason = error instanceof ReportError ? error.reason : error instanceof Error ? error.message : String(error);
    return { ok: false, location: job.location, reason };
  }
  if (docs.length === 0) return { ok: false, location: job.location, reason: 'no report found in the file' };
  const processed: unknown[] = [];
  const bytes: Uint8Array[] = [];
  const searchTerms: Record<string, SearchTerms>[] = [];
  for (const doc of docs) {
    try {
      bytes.push(keptBytes(doc, job.bytes));
      const done = processDocument(doc);
      searchTerms.push(reportSearchTerms(done));
      processed.push(documentToJSON(done));
    } catch (error) {
      return { ok: false, location: doc.location, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return { ok: true, docs: processed, bytes, searchTerms };
}

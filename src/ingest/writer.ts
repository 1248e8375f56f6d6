/**
 * The one writer: a batch of reports in one transaction (written again report by report when it
 * fails, so one bad report fails alone), counted into the summary once committed.
 */
import { documentFromJSON } from '../document/index.ts';
import type { IngestStatus, Store } from '../store/index.ts';
import type { IngestProgress, IngestSummary } from './index.ts';
import type { ProcessedReport } from './process.ts';

/** Failures listed in the summary at most (all of them are recorded in the store). */
export const MAX_LISTED_FAILURES = 1000;

type Outcome = IngestStatus | { failed: string };

export interface WriterContext {
  store: Store;
  summary: IngestSummary;
  keepBytes: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Files and URLs found under the inputs, once counted. */
  total: () => number | null;
}

/** A function that writes one batch (as the window hands it) and counts it. */
export function batchWriter({ store, summary, keepBytes, onProgress, total }: WriterContext): (batch: ProcessedReport[][]) => Promise<void> {
  const fail = async (location: string, reason: string) => {
    summary.failed++;
    if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push({ location, reason });
    await store.recordFailure(location, reason);
  };
  /** Stores one report, or says why it could not be. Throws only what the store throws. */
  const store1 = async (report: ProcessedReport): Promise<Outcome> => {
    if (!report.ok) return { failed: report.reason };
    if (report.unchanged) return 'unchanged';
    return (await store.ingestDocument(documentFromJSON(report.doc), keepBytes ? report.bytes : undefined, report.searchTerms)).status;
  };
  const count = async (report: ProcessedReport, outcome: Outcome) => {
    summary.read++;
    if (typeof outcome === 'object') await fail(report.location, outcome.failed);
    else summary[outcome]++;
    const { read: done, bytes, new: added, unchanged, replaced, failed } = summary;
    onProgress?.({ done, total: total(), bytes, new: added, unchanged, replaced, failed });
  };
  /** One report in its own transaction, a store error recorded as its failure. */
  const storeAlone = async (report: ProcessedReport): Promise<Outcome> => {
    try {
      return await store1(report);
    } catch (error) {
      return { failed: `store refused it: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  return async (batch: ProcessedReport[][]) => {
    const writing = performance.now();
    const reports = batch.flat();
    let outcomes: Outcome[];
    try {
      // All together in one transaction; counted only once it has committed.
      outcomes = await store.writeBatch(async () => {
        const written: Outcome[] = [];
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
}

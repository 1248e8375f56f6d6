/**
 * The work one extraction worker does for one input: read it (a file, or a URL; a feed gives
 * several reports), then clean and extract each report. Plain data in, plain data out
 * (documentToJSON), so it can cross a thread boundary — or a network one: the function keeps no
 * state between calls. Reading happens here rather than in the writer's thread because decoding
 * (charset detection, front matter, feeds) is CPU work, and the writer's thread is the one that
 * cannot be multiplied.
 */
import { createDocument, documentToJSON } from '../document/index.ts';
import { processDocument } from '../pipeline.ts';
import { readBytesAsync, readInputs, type ReadResult } from '../read/index.ts';
import { ReportError } from '../document/index.ts';
import { storedContentCheck } from '../store/index.ts';
import { reportSearchTerms, type SearchTerms } from '../store/search-terms.ts';
import { onTheClock, type BudgetSlot } from './budget.ts';

export interface ProcessTask {
  /** A file path or http(s) URL, as `readInputs` takes it. */
  input: string;
  /** The reader's limits (`ReadInputsOptions` without its `fetch`, which cannot cross threads). */
  maxBytes?: number;
  timeoutMs?: number;
  /**
   * The SQLite store the writer writes to: a report already stored as it is comes back as
   * `unchanged` without being cleaned and extracted (a re-run costs reading and hashing only).
   */
  /** The store to ask (a SQLite file or a PostgreSQL URL): reports it holds as they are are not extracted again. */
  storePath?: string;
  /** Where this task marks when it begins each report, for the parent's time budget (budget.ts). */
  budgetSlot?: BudgetSlot;
  /** The input's bytes, fetched already (`input` is then its URL): read from these, not fetched again. */
  fetched?: { bytes: Uint8Array; mediaType?: string; charset?: string };
}

export type ProcessedReport =
  | { ok: true; unchanged?: false; location: string; doc: unknown; bytes: Uint8Array; searchTerms?: Record<string, SearchTerms> }
  | { ok: true; unchanged: true; location: string; bytes: Uint8Array }
  | { ok: false; location: string; reason: string };

/** One read-only connection per store path and thread, opened on first use. */
const checks = new Map<string, ReturnType<typeof storedContentCheck>>();
const isStored = (storePath: string, location: string, source: string, contentHash: string): Promise<boolean> => {
  let check = checks.get(storePath);
  if (!check) checks.set(storePath, (check = storedContentCheck(storePath)));
  return check(location, source, contentHash);
};

/** Reads fetched bytes as readInputs reads a URL's answer: one result per report, a refusal as a result. */
async function* readFetched(location: string, fetched: NonNullable<ProcessTask['fetched']>, maxBytes?: number): AsyncGenerator<ReadResult> {
  const bytes = fetched.bytes instanceof Uint8Array ? fetched.bytes : new Uint8Array(fetched.bytes);
  try {
    const docs = await readBytesAsync(bytes, { location, source: location, mediaType: fetched.mediaType, charset: fetched.charset }, maxBytes);
    for (const doc of docs) yield { ok: true, doc, bytes };
  } catch (error) {
    yield {
      ok: false,
      error: error instanceof ReportError ? error : new ReportError(location, error instanceof Error ? error.message : String(error), 'read:failed'),
    };
  }
}

export async function processTask(task: ProcessTask): Promise<ProcessedReport[]> {
  const reports: ProcessedReport[] = [];
  // only the limits that are set: the reader's defaults stand for the rest
  const options = Object.fromEntries(Object.entries({ maxBytes: task.maxBytes, timeoutMs: task.timeoutMs }).filter(([, v]) => v !== undefined));
  for await (const result of task.fetched ? readFetched(task.input, task.fetched, task.maxBytes) : readInputs([task.input], options)) {
    if (!result.ok) {
      reports.push({ ok: false, location: result.error.location, reason: result.error.reason });
      continue;
    }
    try {
      const { location, source, contentHash } = result.doc;
      if (task.storePath && (await isStored(task.storePath, location, source, contentHash))) {
        reports.push({ ok: true, unchanged: true, location, bytes: result.bytes });
        continue;
      }
      // segmenting for the search index is CPU work too: done here, not on the single writer
      const [doc, searchTerms] = onTheClock(task.budgetSlot, () => {
        const processed = processDocument(result.doc);
        return [processed, reportSearchTerms(processed)] as const;
      });
      reports.push({ ok: true, location: result.doc.location, doc: documentToJSON(doc), bytes: result.bytes, searchTerms });
    } catch (error) {
      reports.push({ ok: false, location: result.doc.location, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return reports;
}

/**
 * Loads what the pipeline loads on first use (segmenter, lexicons, catalogue) with a tiny report, so
 * that a worker's first real report is not charged its start-up against the time budget.
 */
export function warmUp(): void {
  processDocument(
    createDocument({ source: 'warm-up.txt', location: 'warm-up', format: 'text', contentHash: 'warm-up', charset: 'utf-8', raw: WARM_UP, text: WARM_UP }),
  );
}
const WARM_UP = '2023年成都地区生产总值增长6%。12月1日，成渝中线高铁开工建设。';

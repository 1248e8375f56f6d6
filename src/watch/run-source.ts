/**
 * One visit to a feed or list page: fetch it (conditionally), find its articles, fetch the ones it
 * has not seen, ingest them through the one ingest road (src/ingest), and write down how it went.
 * A failure is the source's — recorded on it with a back-off — and never thrown to the caller, so
 * one broken source cannot stop the others.
 */
import { ingestPaths, type FetchedInput, type IngestSummary } from '../ingest/index.ts';
import type { Source, Store } from '../store/index.ts';
import { FetchError, type PoliteFetcher } from './fetcher.ts';
import { sourceItems } from './items.ts';
import { addSeconds, nextWaitSeconds } from './schedule.ts';

export interface VisitOptions {
  store: Store;
  fetcher: PoliteFetcher;
  /** Extraction worker threads per ingest; 0 (default): in this thread, as a visit brings a few articles. */
  workers?: number;
  /** Articles fetched per visit at most; the rest wait for the next one (default 100). */
  maxItems?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface VisitResult {
  sourceId: number;
  location: string;
  status: 'not-modified' | 'fetched' | 'failed';
  /** Article URLs the source listed, and of those the ones not seen before. */
  listed: number;
  fresh: number;
  /** Reports the ingest stored as new or replaced. */
  stored: number;
  /** Articles that failed (each also recorded on the source). */
  itemErrors: number;
  error?: string;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Visits a URL source; the outcome is on the source afterwards (state, errors, next due time). */
export async function visitSource(source: Source, o: VisitOptions): Promise<VisitResult> {
  const result: VisitResult = { sourceId: source.id, location: source.location, status: 'failed', listed: 0, fresh: 0, stored: 0, itemErrors: 0 };
  const log = o.log ?? (() => undefined);
  try {
    const answer = await o.fetcher.fetch(source.location, { etag: source.etag, lastModified: source.lastModified });
    if (answer.status === 'not-modified') {
      const at = new Date().toISOString();
      await o.store.recordSourceFetch(source.id, { ok: true, at, nextDueAt: addSeconds(at, source.everySeconds) });
      log(`${source.name}: not modified`);
      return { ...result, status: 'not-modified' };
    }
    const kind = source.kind === 'folder' ? 'page' : source.kind;
    const { urls } = sourceItems(answer.bytes, answer.url, kind, { charset: answer.charset });
    result.listed = urls.length;
    const seen = await o.store.seenItems(source.id, urls);
    const fresh = urls.filter((url) => !seen.has(url)).slice(0, o.maxItems ?? 100);
    result.fresh = fresh.length;
    if (fresh.length) {
      const { summary, errors } = await ingestArticles(source, fresh, o);
      result.stored = summary.new + summary.replaced;
      result.itemErrors = errors;
    }
    // the validators are kept only now: a visit that died half-way is made again in full
    const at = new Date().toISOString();
    await o.store.recordSourceFetch(source.id, {
      ok: true,
      at,
      nextDueAt: addSeconds(at, source.everySeconds),
      etag: answer.etag,
      lastModified: answer.lastModified,
    });
    log(`${source.name}: ${urls.length} listed, ${fresh.length} new, ${result.stored} stored${result.itemErrors ? `, ${result.itemErrors} failed` : ''}`);
    return { ...result, status: 'fetched' };
  } catch (error) {
    const reason = reasonOf(error);
    const at = new Date().toISOString();
    const location = error instanceof FetchError ? error.url : source.location;
    await o.store.recordSourceFetch(source.id, {
      ok: false,
      at,
      location,
      reason,
      nextDueAt: addSeconds(at, nextWaitSeconds(source.everySeconds, source.consecutiveErrors + 1)),
    });
    log(`${source.name}: failed: ${reason}`);
    return { ...result, error: reason };
  }
}

/**
 * Fetches the articles one by one (the fetcher paces each host), then ingests what came in one
 * go. An article that cannot be fetched is an error on the source and is tried again next visit;
 * one that was fetched is seen, whether or not a report could be read from it (a page that is no
 * report stays no report).
 */
async function ingestArticles(source: Source, urls: readonly string[], o: VisitOptions): Promise<{ summary: IngestSummary; errors: number }> {
  const inputs: FetchedInput[] = [];
  // seen under the URL the source listed (a redirect's target is where the report is stored)
  const fetched: string[] = [];
  let errors = 0;
  for (const url of urls) {
    if (o.signal?.aborted) break;
    try {
      const got = await o.fetcher.fetch(url);
      if (got.status === 'ok') inputs.push({ location: got.url, bytes: got.bytes, mediaType: got.mediaType, charset: got.charset });
      fetched.push(url);
    } catch (error) {
      errors++;
      await o.store.recordSourceError(source.id, { at: new Date().toISOString(), location: url, reason: reasonOf(error) });
    }
  }
  const summary = await ingestPaths(inputs, { store: o.store, workers: o.workers || 1, inThread: !o.workers });
  for (const failure of summary.failures) {
    errors++;
    await o.store.recordSourceError(source.id, { at: new Date().toISOString(), location: failure.location, reason: failure.reason });
  }
  await o.store.markItemsSeen(
    source.id,
    fetched.map((key) => ({ key })),
  );
  return { summary, errors };
}

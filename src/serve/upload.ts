/**
 * An uploaded report takes the same road as an ingested file: read (src/read) → clean + extract
 * (src/pipeline) → one store transaction per report → derived data rebuilt. A feed yields one
 * record per item.
 */
import { ReportError } from '../document/index.ts';
import { processDocument } from '../pipeline.ts';
import { readBytesAsync } from '../read/index.ts';
import type { IngestStatus, ReportDetail, ReportSummary, Store } from '../store/types.ts';
import { ApiError } from './errors.ts';

export interface UploadResult {
  reports: { status: IngestStatus; report: ReportSummary }[];
}

/** Uploads are stored under this location prefix: a new upload of the same file name replaces it. */
export const UPLOAD_LOCATION_PREFIX = 'upload:';

/** A file name as a browser sends it, reduced to its base name and to characters safe to keep. */
export function uploadName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'upload';
}

export async function ingestUpload(store: Store, bytes: Uint8Array, filename: string, mediaType?: string): Promise<UploadResult> {
  const source = uploadName(filename);
  const location = UPLOAD_LOCATION_PREFIX + source;
  let docs;
  try {
    // Browsers label unknown files octet-stream: let the reader sniff those instead.
    docs = await readBytesAsync(bytes, { location, source, mediaType: mediaType === 'application/octet-stream' ? undefined : mediaType });
  } catch (error) {
    const reason = error instanceof ReportError ? error.reason : error instanceof Error ? error.message : String(error);
    store.recordFailure(location, reason);
    throw new ApiError(422, 'unreadable_report', `${source}: ${reason}`);
  }
  if (docs.length === 0) {
    store.recordFailure(location, 'no report found in the file');
    throw new ApiError(422, 'unreadable_report', `${source}: no report found in the file`);
  }
  const stored: { status: IngestStatus; reportId: number }[] = [];
  for (const doc of docs) {
    let processed;
    try {
      processed = processDocument(doc);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      store.recordFailure(doc.location, reason);
      throw new ApiError(422, 'unreadable_report', `${doc.source}: ${reason}`);
    }
    stored.push(store.ingestDocument(processed, bytes));
  }
  if (stored.some((r) => r.status !== 'unchanged')) store.refreshDerived();
  return {
    reports: stored.map(({ status, reportId }) => {
      const detail = store.report(reportId);
      if (!detail) throw new Error(`ingestUpload: report ${reportId} was stored but cannot be read back`);
      return { status, report: toSummary(detail) };
    }),
  };
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

/**
 * Reading: files, folders and URLs → Documents with their decoded source (`raw`), charset,
 * content hash and whatever meta the container gives (front matter, feed item). Cleaning the main
 * text out of `raw` is the clean stage's job (src/clean).
 *
 * `readBytes` is pure (no I/O) so reindexing and workers can call it on stored bytes; PDFs need
 * pdf.js, which is asynchronous, so they go through `readBytesAsync` (which handles every kind).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createDocument, ReportError, type Document, type DocumentMeta, type Message } from '../document/index.ts';
import { decodeBytes } from './charset.ts';
import { describeOffsets } from './utf8-damage.ts';
import { parseFeed, type FeedItem } from './feed.ts';
import { readFrontMatter } from './markdown.ts';
import { readPdfText } from './pdf.ts';
import { parseRecords } from './records.ts';
import { binaryKind, isGzip, isPdf, textKind } from './sniff.ts';
import { expandInputs } from './walk.ts';

export type ReadResult = { ok: true; doc: Document; bytes: Uint8Array } | { ok: false; error: ReportError };

export interface ReadBytesOptions {
  /** Absolute path or URL the bytes came from. */
  location: string;
  /** Name the report goes by (defaults to the base name of `location`). */
  source?: string;
  /** Media type from the transport (HTTP `Content-Type` without parameters). */
  mediaType?: string;
  /** Charset from the transport (HTTP `Content-Type; charset=`), stronger than the page's own. */
  charset?: string;
}

export interface ReadInputsOptions {
  /** Larger files and responses are refused without being read (default 64 MiB). */
  maxBytes?: number;
  /** Per-URL time limit in ms (default 20 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

import { DEFAULT_MAX_BYTES } from './limits.ts';
export { DEFAULT_MAX_BYTES };
/** More than this share of undecodable characters and the report is refused. */
const MAX_REPLACEMENT_RATIO = 0.02;

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

function sourceName(location: string): string {
  if (/^https?:\/\//i.test(location)) return location;
  return basename(location);
}

function gunzip(bytes: Uint8Array, location: string, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new ReportError(location, `gzip expands past the ${megabytes(maxBytes)} limit`, 'read:too-large');
    const what = /unexpected end/i.test(String(error)) ? 'truncated gzip data' : `corrupt gzip data (${(error as Error).message})`;
    throw new ReportError(location, what, 'read:bad-gzip', { cause: error });
  }
}

/** Everything up to the decoded text: refuses empty, binary and undecodable input. */
function decodeReport(bytes: Uint8Array, opts: ReadBytesOptions): { text: string; charset: string; messages: Message[] } {
  const binary = binaryKind(bytes);
  if (binary) throw new ReportError(opts.location, `${binary}, not a report`, 'read:binary');
  const decoded = decodeBytes(bytes, { transportCharset: opts.charset });
  const messages: Message[] = [];
  // (Damaged UTF-8 has passed its own test: twenty good characters or more for every bad place.)
  if (decoded.replacementRatio > MAX_REPLACEMENT_RATIO && !decoded.damage) {
    throw new ReportError(
      opts.location,
      `undecodable bytes: ${(decoded.replacementRatio * 100).toFixed(1)}% of characters are not valid ${decoded.charset}`,
      'read:undecodable',
    );
  }
  if (decoded.damage) {
    const reason = `not valid UTF-8 at ${describeOffsets(decoded.damage)}: read as UTF-8 with replacement characters`;
    messages.push({ reason, ruleId: 'charset:damaged-utf8', source: 'read', severity: 'warning' });
  } else if (decoded.replacementRatio > 0) {
    messages.push({ reason: `some bytes are not valid ${decoded.charset} and were replaced`, ruleId: 'charset:replaced', source: 'read', severity: 'warning' });
  }
  if (decoded.evidence === 'detected') {
    messages.push({
      reason: `charset ${decoded.charset} guessed from the bytes (none declared)`,
      ruleId: 'charset:detected',
      source: 'read',
      severity: 'info',
    });
  }
  if (!decoded.text.trim()) throw new ReportError(opts.location, 'file has no text (only whitespace)', 'read:empty');
  return { text: decoded.text, charset: decoded.charset, messages };
}

function makeDoc(
  opts: ReadBytesOptions,
  init: { format: Document['format']; raw: string; charset: string; hash: string; meta?: DocumentMeta; messages?: Message[]; source?: string },
): Document {
  const doc = createDocument({
    source: init.source ?? opts.source ?? sourceName(opts.location),
    location: opts.location,
    format: init.format,
    contentHash: init.hash,
    charset: init.charset,
    raw: init.raw,
  });
  if (init.meta) doc.meta = init.meta;
  if (init.messages) doc.messages.push(...init.messages);
  return doc;
}

/**
 * The reports a container holds (feed items, JSON records). A container of several numbers them
 * from 1 (`feed.xml#3`, FORMAT.md); a container of one report is that report, named by the file.
 */
function itemDocs(items: FeedItem[], opts: ReadBytesOptions, shared: { charset: string; hash: string; messages: Message[] }): Document[] {
  const base = opts.source ?? sourceName(opts.location);
  if (items.length === 1) {
    const [item] = items;
    return [
      makeDoc(opts, {
        format: 'feed-item',
        source: base,
        raw: item.content,
        charset: shared.charset,
        hash: shared.hash,
        meta: item.meta,
        messages: [...shared.messages],
      }),
    ];
  }
  return items.map((item, n) => {
    const doc = makeDoc(opts, {
      format: 'feed-item',
      source: `${base}#${n + 1}`,
      raw: item.content,
      charset: shared.charset,
      hash: sha256(`${shared.hash}#${n + 1}`),
      meta: item.meta,
      messages: [...shared.messages],
    });
    if (item.own !== undefined) ownBytes.set(doc, new TextEncoder().encode(item.own));
    return doc;
  });
}

/** The bytes each item of a container reads back from alone (see FeedItem.own). */
const ownBytes = new WeakMap<Document, Uint8Array>();

/**
 * The bytes to keep for reading `doc` again: an item of a feed or of a JSON list keeps its own
 * (a 10,000-item feed would otherwise be stored 10,000 times); any other report, the file's.
 */
export function keptBytes(doc: Document, fileBytes: Uint8Array): Uint8Array {
  return ownBytes.get(doc) ?? fileBytes;
}

/** The part of reading every kind shares; `pdf` is supplied by the async path. */
function readDecoded(bytes: Uint8Array, opts: ReadBytesOptions, hash: string): Document[] {
  const { text, charset, messages } = decodeReport(bytes, opts);
  const kind = textKind(text, opts.location, opts.mediaType);
  if (kind === 'markdown') {
    const fm = readFrontMatter(text);
    return [makeDoc(opts, { format: 'markdown', raw: text, charset, hash, meta: fm.meta, messages: [...messages, ...fm.messages] })];
  }
  if (kind === 'records') return itemDocs(parseRecords(text, opts.location), opts, { charset, hash, messages });
  if (kind === 'feed') {
    const items = parseFeed(text);
    if (items) {
      if (!items.length) throw new ReportError(opts.location, 'feed has no items', 'read:empty-feed');
      return itemDocs(items, opts, { charset, hash, messages });
    }
  }
  if (kind === 'html' || kind === 'feed') {
    if (/<(?:html|body)\b/i.test(text) && !/<\/(?:html|body)\s*>/i.test(text.slice(-64 * 1024))) {
      messages.push({
        reason: 'page looks truncated (no closing </body> or </html>); read what is there',
        ruleId: 'html:truncated',
        source: 'read.html',
        severity: 'warning',
      });
    }
    return [makeDoc(opts, { format: 'html', raw: text, charset, hash, messages })];
  }
  return [makeDoc(opts, { format: 'text', raw: text, charset, hash, messages })];
}

function unwrap(bytes: Uint8Array, opts: ReadBytesOptions, maxBytes: number): { bytes: Uint8Array; opts: ReadBytesOptions } {
  if (!bytes.length) throw new ReportError(opts.location, 'empty file (0 bytes)', 'read:empty');
  if (!isGzip(bytes)) return { bytes, opts };
  const inner = gunzip(bytes, opts.location, maxBytes);
  if (!inner.length) throw new ReportError(opts.location, 'empty file (gzip holds 0 bytes)', 'read:empty');
  // `page.html.gz` is read as `page.html`; the source name keeps the file's own name.
  return { bytes: inner, opts: { ...opts, source: opts.source ?? sourceName(opts.location), location: opts.location } };
}

/**
 * Reads one report's bytes (pure: no I/O). Throws ReportError when they cannot be read: empty,
 * binary, undecodable, corrupt gzip, or a PDF (use `readBytesAsync`).
 */
export function readBytes(bytes: Uint8Array, opts: ReadBytesOptions): Document[] {
  const hash = sha256(bytes);
  const inner = unwrap(bytes, opts, DEFAULT_MAX_BYTES);
  if (isPdf(inner.bytes)) {
    throw new ReportError(opts.location, 'PDF needs the asynchronous reader (readBytesAsync)', 'read:pdf-async');
  }
  return readDecoded(inner.bytes, inner.opts, hash);
}

/** Like `readBytes`, and reads PDFs too (their text layer, through pdf.js). */
export async function readBytesAsync(bytes: Uint8Array, opts: ReadBytesOptions, maxBytes = DEFAULT_MAX_BYTES): Promise<Document[]> {
  const hash = sha256(bytes);
  const inner = unwrap(bytes, opts, maxBytes);
  if (!isPdf(inner.bytes)) return readDecoded(inner.bytes, inner.opts, hash);
  let pdf;
  try {
    pdf = await readPdfText(inner.bytes);
  } catch (error) {
    throw new ReportError(opts.location, `unreadable PDF (${error instanceof Error ? error.message : error})`, 'read:bad-pdf', { cause: error });
  }
  if (!pdf.text.trim()) {
    throw new ReportError(opts.location, `PDF has no text layer (${pdf.pages} page(s), scanned images?)`, 'read:pdf-no-text');
  }
  const doc = makeDoc(inner.opts, { format: 'pdf', raw: pdf.text, charset: 'utf-8', hash });
  doc.meta.title = pdf.title;
  return [doc];
}

/** Fetches a URL with a time limit, refusing bodies over `maxBytes` as they stream in. */
async function fetchReport(url: string, o: Required<ReadInputsOptions>): Promise<{ bytes: Uint8Array; opts: ReadBytesOptions }> {
  let response: Response;
  try {
    response = await o.fetch(url, { signal: AbortSignal.timeout(o.timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError' ? `no answer within ${o.timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ReportError(url, `unreachable (${why})`, 'read:unreachable', { cause: error });
  }
  if (!response.ok) throw new ReportError(url, `HTTP ${response.status} ${response.statusText}`.trim(), 'read:http-status');
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > o.maxBytes) throw new ReportError(url, `response is ${megabytes(declared)}, over the ${megabytes(o.maxBytes)} limit`, 'read:too-large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > o.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new ReportError(url, `response passed the ${megabytes(o.maxBytes)} limit`, 'read:too-large');
      }
      chunks.push(chunk);
    }
  }
  const type = response.headers.get('content-type') ?? '';
  const [mediaType] = type.split(';');
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1];
  return { bytes: Buffer.concat(chunks), opts: { location: url, source: url, mediaType: mediaType.trim() || undefined, charset } };
}

async function readOne(bytes: Uint8Array, opts: ReadBytesOptions, maxBytes: number): Promise<ReadResult[]> {
  try {
    const docs = await readBytesAsync(bytes, opts, maxBytes);
    return docs.map((doc) => ({ ok: true, doc, bytes: keptBytes(doc, bytes) }));
  } catch (error) {
    return [{ ok: false, error: asReportError(opts.location, error) }];
  }
}

function asReportError(location: string, error: unknown): ReportError {
  if (error instanceof ReportError) return error;
  const code = (error as { code?: string }).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder'
          : error instanceof Error
            ? error.message
            : String(error);
  return new ReportError(location, reason, code ? `read:${code.toLowerCase()}` : 'read:failed', { cause: error });
}

/**
 * Reads every input in order — files, folders (recursively, sorted) and http(s) URLs — yielding one
 * result per report (a feed yields one per item). A bad input yields `{ ok: false }` and the rest go on.
 * Each file is read once; files over `maxBytes` are refused from their size, unread.
 */
export async function* readInputs(inputs: string[], options: ReadInputsOptions = {}): AsyncGenerator<ReadResult> {
  const o: Required<ReadInputsOptions> = { maxBytes: DEFAULT_MAX_BYTES, timeoutMs: 20_000, fetch: globalThis.fetch, ...options };
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      try {
        const got = await fetchReport(input, o);
        yield* await readOne(got.bytes, got.opts, o.maxBytes);
      } catch (error) {
        yield { ok: false, error: asReportError(input, error) };
      }
      continue;
    }
    for await (const entry of expandInputs([input])) {
      if ('skipped' in entry) {
        yield { ok: false, error: new ReportError(entry.input, entry.skipped, 'read:not-a-report') };
        continue;
      }
      if ('error' in entry) {
        yield { ok: false, error: new ReportError(entry.input, entry.error, 'read:unlistable') };
        continue;
      }
      const file = entry.input;
      try {
        const { size } = await stat(file);
        if (size > o.maxBytes)
          throw new ReportError(file, `file is ${megabytes(size)}, over the ${megabytes(o.maxBytes)} limit (--max-bytes)`, 'read:too-large');
        const bytes = await readFile(file);
        yield* await readOne(bytes, { location: file }, o.maxBytes);
      } catch (error) {
        yield { ok: false, error: asReportError(file, error) };
      }
    }
  }
}

export { decodeBytes } from './charset.ts';
export { parseDate } from '../document/dates.ts';
export { readFrontMatter } from './markdown.ts';

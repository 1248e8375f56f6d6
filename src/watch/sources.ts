/** A new source from what the user typed: `twincity source add URL|DIR`, or the admin page. */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { NewSource, SourceKind } from '../store/index.ts';
import { parseInterval } from './schedule.ts';

export interface SourceRequest {
  location: string;
  /** `30m`, `2h`, `1d` (default 30m). */
  every?: string;
  name?: string;
  /** For a URL: `feed` or `page`; guessed from the URL when not given (a page that answers with a feed is read as one). */
  kind?: Exclude<SourceKind, 'folder'>;
}

export const DEFAULT_EVERY = '30m';
/** URLs that name a feed. */
const FEED_URL = /(?:rss|atom|feed)|\.xml(?:$|\?)/i;

/** Checks the request and says what kind of source it is; throws naming the location and the reason. */
export async function describeSource(request: SourceRequest): Promise<NewSource> {
  const everySeconds = parseInterval(request.every ?? DEFAULT_EVERY);
  const text = request.location.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`${text}: not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${text}: only http(s) URLs can be watched`);
    url.hash = '';
    const kind = request.kind ?? (FEED_URL.test(url.pathname + url.search) ? 'feed' : 'page');
    return { kind, location: url.href, name: request.name?.trim() || `${url.host}${url.pathname === '/' ? '' : url.pathname}`, everySeconds };
  }
  if (request.kind) throw new Error(`${text}: --kind is for URLs; a folder is a folder`);
  const location = resolve(text);
  const info = await stat(location).catch(() => null);
  if (!info) throw new Error(`${location}: no such folder`);
  if (!info.isDirectory()) throw new Error(`${location}: not a folder (to read one file, use twincity ingest)`);
  return { kind: 'folder', location, name: request.name?.trim() || basename(location), everySeconds };
}

/**
 * Whether a URL names this machine or a private network by its address: the server refuses such
 * sources from the admin page (a shared dashboard must not be made to fetch inside its network).
 * Host names are not resolved here; the CLI, run by whoever runs the machine, may add any URL.
 */
export function isPrivateAddress(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '::' || host.startsWith('fe80:') || /^f[cd]/.test(host)) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host.replace(/^::ffff:/, ''));
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return (
    a === 127 ||
    a === 10 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

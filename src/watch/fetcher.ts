/**
 * The watcher's HTTP client, polite by construction: robots.txt is asked before every URL (and
 * every redirect hop), one request at a time per host with a pause between them (longer when the
 * site's Crawl-delay asks), a time limit per fetch, a size limit enforced as the body streams in,
 * redirects followed by hand (so each hop is checked and a loop is named), and conditional
 * requests from the source's validators. Node's own fetch (undici) does the transport.
 */
import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS whose module.exports is the function; its types describe an ES default export
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robots;

export const USER_AGENT = 'TwinCityObservatory/0.1 (+https://github.com/twincity; twincity watch)';

export interface FetcherOptions {
  /** Pause between two requests to one host, in ms (default 1 000). */
  hostIntervalMs?: number;
  /** A site's Crawl-delay is honoured up to this many ms (default 30 000). */
  maxCrawlDelayMs?: number;
  /** Per fetch, headers to the last byte of the body (default 20 000). */
  timeoutMs?: number;
  /** Larger bodies are refused (default 20 MiB). */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  fetch?: typeof fetch;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: 'not-modified'; url: string }
  | { status: 'ok'; url: string; bytes: Uint8Array; mediaType?: string; charset?: string; etag: string | null; lastModified: string | null };

/** A fetch that failed, with the URL and a reason people can act on. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    reason: string,
    readonly code: string,
  ) {
    super(reason);
  }
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

const ROBOTS_TTL_MS = 3600_000;
const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export class PoliteFetcher {
  private readonly o: Required<FetcherOptions>;
  /** Per host: when its next request may start (requests to one host are chained, never parallel). */
  private readonly hostTurn = new Map<string, Promise<void>>();
  private readonly robots = new Map<string, { at: number; robots: Promise<Robots | 'all' | 'none'> }>();

  constructor(options: FetcherOptions = {}) {
    this.o = {
      hostIntervalMs: 1000,
      maxCrawlDelayMs: 30_000,
      timeoutMs: 20_000,
      maxBytes: 20 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: USER_AGENT,
      fetch: globalThis.fetch,
      ...options,
    };
  }

  /** Fetches `url` (robots.txt permitting), following redirects; a 304 to the validators is `not-modified`. */
  async fetch(url: string, validators: Validators = {}): Promise<FetchResult> {
    const seen = new Set<string>();
    let current = url;
    for (let hop = 0; ; hop++) {
      if (seen.has(current)) throw new FetchError(url, `redirect loop (back to ${current})`, 'redirect-loop');
      seen.add(current);
      if (hop > this.o.maxRedirects) throw new FetchError(url, `more than ${this.o.maxRedirects} redirects`, 'too-many-redirects');
      await this.checkRobots(current, url);
      const answer = await this.request(current, hop === 0 ? validators : {});
      if (answer.status === 'redirect') {
        current = answer.location;
        continue;
      }
      if (answer.status === 'not-modified') return { status: 'not-modified', url: current };
      return { ...answer, status: 'ok', url: current };
    }
  }

  /** Throws when robots.txt of the URL's site disallows it for our user agent. */
  private async checkRobots(target: string, asked: string): Promise<void> {
    const robots = await this.robotsFor(new URL(target).origin);
    const allowed = robots === 'all' ? true : robots === 'none' ? false : robots.isAllowed(target, this.o.userAgent) !== false;
    if (!allowed) throw new FetchError(asked, `robots.txt of ${new URL(target).origin} disallows ${target}`, 'robots');
  }

  private robotsFor(origin: string): Promise<Robots | 'all' | 'none'> {
    const cached = this.robots.get(origin);
    if (cached && Date.now() - cached.at < ROBOTS_TTL_MS) return cached.robots;
    const robots = this.loadRobots(origin);
    this.robots.set(origin, { at: Date.now(), robots });
    return robots;
  }

  /** RFC 9309: a 4xx robots.txt means no rules; a 5xx or no answer means keep off for now. */
  private async loadRobots(origin: string): Promise<Robots | 'all' | 'none'> {
    const url = `${origin}/robots.txt`;
    let answer: Awaited<ReturnType<PoliteFetcher['request']>>;
    try {
      answer = await this.request(url, {}, { maxBytes: 512 * 1024, okStatuses: 'any' });
    } catch {
      this.robots.delete(origin);
      return 'none';
    }
    if (answer.status !== 'body') return 'all';
    if (answer.httpStatus >= 500) {
      this.robots.delete(origin);
      return 'none';
    }
    if (answer.httpStatus >= 400) return 'all';
    const robots = robotsParser(url, new TextDecoder().decode(answer.bytes));
    const delay = robots.getCrawlDelay(this.o.userAgent);
    if (delay && delay > 0) this.crawlDelay.set(new URL(origin).host, Math.min(delay * 1000, this.o.maxCrawlDelayMs));
    return robots;
  }

  private readonly crawlDelay = new Map<string, number>();

  /** Waits for the host's turn, then runs `work`; the next request to the host waits the interval after it. */
  private async politely<T>(host: string, work: () => Promise<T>): Promise<T> {
    const previous = this.hostTurn.get(host) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    this.hostTurn.set(
      host,
      previous.then(() => turn),
    );
    await previous;
    try {
      return await work();
    } finally {
      const pause = Math.max(this.o.hostIntervalMs, this.crawlDelay.get(host) ?? 0);
      setTimeout(release, pause).unref?.();
    }
  }

  /** One request, no redirects followed: the body read within the time and size limits. */
  private request(
    url: string,
    validators: Validators,
    limits: { maxBytes?: number; okStatuses?: 'ok' | 'any' } = {},
  ): Promise<
    | { status: 'redirect'; location: string }
    | { status: 'not-modified' }
    | { status: 'body'; httpStatus: number; bytes: Uint8Array; mediaType?: string; charset?: string; etag: string | null; lastModified: string | null }
  > {
    return this.politely(new URL(url).host, async () => {
      const signal = AbortSignal.timeout(this.o.timeoutMs);
      const headers: Record<string, string> = { 'user-agent': this.o.userAgent, accept: '*/*' };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      let response: Response;
      try {
        response = await this.o.fetch(url, { headers, redirect: 'manual', signal });
      } catch (error) {
        throw unreachable(url, error, this.o.timeoutMs);
      }
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return { status: 'not-modified' as const };
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => undefined);
        return { status: 'redirect' as const, location: new URL(response.headers.get('location')!, url).href };
      }
      if (!response.ok && limits.okStatuses !== 'any') {
        await response.body?.cancel().catch(() => undefined);
        throw new FetchError(url, `HTTP ${response.status} ${response.statusText}`.trim(), 'http-status');
      }
      const bytes = await readBody(url, response, limits.maxBytes ?? this.o.maxBytes, this.o.timeoutMs);
      const type = response.headers.get('content-type') ?? '';
      return {
        status: 'body' as const,
        httpStatus: response.status,
        bytes,
        mediaType: type.split(';')[0].trim() || undefined,
        charset: /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1],
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    });
  }
}

function unreachable(url: string, error: unknown, timeoutMs: number): FetchError {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return new FetchError(url, `no answer within ${timeoutMs / 1000} s`, 'timeout');
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new FetchError(url, `unreachable (${cause?.code ?? cause?.message ?? (error as Error).message})`, 'unreachable');
}

/** The body, refused as soon as it passes `maxBytes` (declared or streamed): a huge answer is never read whole. */
async function readBody(url: string, response: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchError(url, `answer is ${megabytes(declared)}, over the ${megabytes(maxBytes)} limit`, 'too-large');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new FetchError(url, `answer passed the ${megabytes(maxBytes)} limit`, 'too-large');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw unreachable(url, error, timeoutMs);
  }
  return Buffer.concat(chunks);
}

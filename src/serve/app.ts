/**
 * The HTTP server: Fastify with the API's routing table (routes.ts), JSON-Schema validation of
 * every input, OpenAPI at /api/openapi.json (@fastify/swagger), one JSON error envelope, a Content
 * Security Policy, limits on upload size and request rate (@fastify/multipart, @fastify/rate-limit),
 * and the built dashboard (web/dist) served as static files with the app shell for its routes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { LoginThrottle } from '../auth/index.ts';
import type { Store } from '../store/types.ts';
import { guard, registerAuth } from './auth.ts';
import { curationRoutes } from './curation-routes.ts';
import { ApiError, envelope, errorHandler } from './errors.ts';
import { finiteNumbers, frameworkErrors, wellFormedQuery } from './guards.ts';
import { routes, type ApiContext } from './routes.ts';
import { coalescedRefresh, ingestUpload, workerExtractor, type UploadPoolOptions } from './upload.ts';

/** The built dashboard, beside the sources. */
export const defaultWebRoot = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

export interface ServerOptions {
  store: Store;
  /** The built dashboard to serve; `null` serves the API only. Default: web/dist. */
  webRoot?: string | null;
  /** Largest upload accepted. Default 20 MB. */
  uploadLimitBytes?: number;
  /** Requests per minute per client address to the API (/api); `false` turns the limit off (benchmarks). Default 600. */
  rateLimitPerMinute?: number | false;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's `trustProxy`:
   * `true` (any) or the proxies' addresses/CIDR ranges. Default false: the peer's address is the client.
   */
  trustProxy?: boolean | string | string[];
  /** How long answers to read queries (overview, indicators, conflicts, search) are reused; 0 = never. Default 2 s. */
  cacheTtlMs?: number;
  /** Upload extraction threads, their queue bound and time budget per upload (see upload.ts). */
  uploads?: UploadPoolOptions;
  /** Fastify's logger: true, false or pino options. Default false. */
  logger?: boolean | { level: string };
  /** Require sign-in (accounts: `twincity user add`). Default false: every request acts as the local operator. */
  auth?: boolean;
  /** Session cookies only over HTTPS (behind a TLS-terminating proxy). Default false. */
  secureCookies?: boolean;
  /** Failed sign-ins allowed per name and per address in 15 minutes. Default 5. */
  maxLoginFailures?: number;
}

/**
 * Scripts from our own origin only, no inline script, no plugins, no framing. Report text is
 * rendered as text nodes anyway; the policy is the second lock on that door.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  const uploadLimitBytes = options.uploadLimitBytes ?? 20 * 1024 * 1024;
  const rateLimitPerMinute = options.rateLimitPerMinute ?? 600;

  const app = Fastify({
    logger: options.logger ?? false,
    // The store's ids and offsets are plain integers; reject anything larger than a small JSON body.
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    frameworkErrors,
    ajv: { customOptions: { coerceTypes: true, useDefaults: true, removeAdditional: false, allErrors: false } },
  });

  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', wellFormedQuery);
  app.addHook('preHandler', finiteNumbers);
  app.addHook('onSend', securityHeaders);

  await registerOpenApi(app);
  if (rateLimitPerMinute !== false) await registerRateLimit(app, rateLimitPerMinute);
  await app.register(multipart, { limits: { fileSize: uploadLimitBytes, files: 1, fields: 4, parts: 5 } });
  const authRequired = options.auth ?? false;
  await registerAuth(app, { store, required: authRequired, secureCookies: options.secureCookies ?? false, sessionHours: 12 });

  const extractor = workerExtractor(options.uploads);
  app.addHook('onClose', () => extractor.close());
  const refreshDerived = coalescedRefresh(() => store.refreshDerived());
  const ctx: ApiContext = {
    store,
    uploadLimitBytes,
    ingestUpload: (bytes, filename, mediaType) =>
      ingestUpload(store, extractor.extract, refreshDerived, { bytes, filename, mediaType, maxBytes: uploadLimitBytes }),
    authRequired,
    throttle: new LoginThrottle({ maxFailures: options.maxLoginFailures ?? 5 }),
    ...responseCache(options.cacheTtlMs ?? 2000),
  };

  registerRoutes(app, ctx, rateLimitPerMinute);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await registerDashboard(app, webRoot);

  return app;
}

/** Security headers on every answer. */
function securityHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  done(null, payload);
}

/** The OpenAPI document (served at /api/openapi.json), generated from the routes' schemas. */
async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '双城观察 Twin-City Observatory API',
        description:
          'Reports on the Chengdu–Chongqing Twin-City Economic Circle, their quantities, events and cooperation items ' +
          '(each with its character span and sentence), indicator series and conflicts. Errors: ' +
          '{"error": {"status", "code", "message"}}.',
        version: '1.0.0',
      },
      tags: [
        { name: 'pages', description: "the dashboard pages' JSON" },
        { name: 'reports', description: 'reports and uploads' },
        { name: 'indicators', description: 'indicators, series and conflicts' },
        { name: 'facts', description: 'events, cooperation items and search' },
        { name: 'export', description: 'CSV, XLSX and JSON downloads' },
        { name: 'session', description: 'sign-in, accounts (when the server requires them) and the CSRF token' },
        { name: 'curation', description: "analysts' decisions on figures, indicators and conflicts, and the audit log" },
        { name: 'sources', description: 'subscribed sources, what changed, Atom feeds' },
      ],
    },
  });
}

/** A limit on requests per minute per client address, for the API only. */
async function registerRateLimit(app: FastifyInstance, rateLimitPerMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: rateLimitPerMinute,
    timeWindow: 60_000,
    // The API only: the dashboard's own files (scripts, styles, the app shell) are no requests to ration.
    allowList: (request) => !isApiPath(request.url),
    // What the builder returns is thrown: the error handler turns it into the envelope.
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `too many requests: at most ${context.max} a minute; retry in ${context.after}`),
  });
}

/** The routing table: each route with its schema, the role it needs (and CSRF for writes), its own rate limit. */
function registerRoutes(app: FastifyInstance, ctx: ApiContext, rateLimitPerMinute: number | false): void {
  for (const route of [...routes, ...curationRoutes]) {
    const reads = route.method === 'GET';
    const role = route.role === undefined ? (reads ? 'viewer' : 'analyst') : route.role;
    app.route({
      method: route.method,
      url: route.url,
      schema: {
        summary: route.summary,
        tags: route.tags,
        ...(route.description && { description: route.description }),
        ...(route.querystring && { querystring: route.querystring }),
        ...(route.params && { params: route.params }),
        ...(route.consumes && { consumes: route.consumes }),
        ...(route.body && { body: route.body }),
      },
      // before validation: a caller without the right is refused whatever it sent
      preValidation: guard(app, role, !reads && route.csrf !== false),
      config: {
        ...(route.perMinute && rateLimitPerMinute !== false && { rateLimit: { max: route.perMinute, timeWindow: 60_000 } }),
        ...(route.documentedBody && {
          swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({ schema: { ...schema, body: route.documentedBody }, url }),
        }),
      },
      handler: (request, reply) => route.handler(request, reply, ctx),
    });
  }
}

/** The built dashboard's files, the app shell for its pages, and the 404 envelope for everything else. */
async function registerDashboard(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const indexHtml = webRoot ? join(webRoot, 'index.html') : null;
  const hasDashboard = indexHtml !== null && existsSync(indexHtml);
  if (hasDashboard && webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      index: ['index.html'],
      setHeaders: (res, path) => {
        // Vite names built assets by content hash: they never change under the same name.
        res.header('cache-control', path.includes(`${join(webRoot, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    // The dashboard routes its own pages (/indicators/…, /reports/…): answer them with the app shell.
    // A missing file (a name with an extension, e.g. an old /assets/index-….js) stays a 404.
    const isPage = !path.startsWith('/api/') && path !== '/api' && !/\.[A-Za-z0-9]+$/.test(path);
    if (hasDashboard && (request.method === 'GET' || request.method === 'HEAD') && isPage) {
      // Not returned: the file streams out by itself, and a returned reply would be awaited as a thenable.
      void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
      return;
    }
    const message =
      hasDashboard || path.startsWith('/api')
        ? `no such resource: ${request.method} ${path}`
        : 'the dashboard is not built: run `npm run build:web` (the API is under /api)';
    void reply.code(404).send(envelope(404, 'not_found', message));
  });
}

const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * Answers to read queries (overview, indicators, conflicts, search) change only when reports are
 * ingested. Their serialized JSON is reused for `ttlMs` and dropped at once when this server
 * writes, so a dashboard under load does not rebuild the same overview or re-run the same search
 * for every request, while an ingest by another process still shows within `ttlMs`. Least recently
 * used entries go first once `maxEntries` are held. `ttlMs` 0 turns the cache off.
 */
export function responseCache(ttlMs: number, maxEntries = 1000): Pick<ApiContext, 'cachedJson' | 'invalidate'> {
  const entries = new Map<string, { at: number; body: Buffer; etag: string }>();
  // Requests for an answer being computed wait for that computation instead of starting another.
  const pending = new Map<string, Promise<{ at: number; body: Buffer; etag: string }>>();
  const computeEntry = async (key: string, compute: () => unknown) => {
    // Kept encoded: a hit then costs a socket write, not a serialization.
    const body = Buffer.from(JSON.stringify(await compute()));
    const entry = { at: Date.now(), body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` };
    entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, entry);
    return entry;
  };
  return {
    async cachedJson(reply, key, compute) {
      reply.type('application/json; charset=utf-8');
      if (ttlMs <= 0) return JSON.stringify(await compute());
      let entry = entries.get(key);
      if (entry && Date.now() - entry.at < ttlMs) {
        // Map keeps insertion order: re-inserting marks the entry as recently used.
        entries.delete(key);
        entries.set(key, entry);
      } else {
        let computing = pending.get(key);
        if (!computing) {
          computing = computeEntry(key, compute).finally(() => pending.delete(key));
          pending.set(key, computing);
        }
        entry = await computing;
      }
      // A dashboard that already holds this answer is told so instead of sent it again.
      reply.header('etag', entry.etag);
      if (reply.request.headers['if-none-match'] === entry.etag) {
        reply.code(304);
        return '';
      }
      return entry.body;
    },
    invalidate() {
      entries.clear();
    },
  };
}

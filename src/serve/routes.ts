/**
 * The API's routing table, top to bottom: every view of the dashboard has its JSON twin here, built
 * by the store's query for it. Inputs are validated by the schemas in `schemas.ts`; failures
 * answer with the envelope in `errors.ts`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginThrottle, Role } from '../auth/index.ts';
import type { IndicatorSummary, Overview, Store } from '../store/types.ts';
import { ApiError, notFound } from './errors.ts';
import { readingMultipart } from './guards.ts';
import { exportResponse, type ExportFormat, type ExportTableName } from './export.ts';
import * as schema from './schemas.ts';
import type { UploadResult } from './upload.ts';
import { watchRoutes } from './watch-routes.ts';

export interface ApiContext {
  store: Store;
  /** Reads, extracts and stores one uploaded file (see upload.ts). */
  ingestUpload(bytes: Uint8Array, filename: string, mediaType: string | undefined): Promise<UploadResult>;
  /**
   * `compute()` serialized as JSON (and the reply typed so), reusing the serialized answer for a
   * while (see responseCache in app.ts). A handler returns it as its payload.
   */
  cachedJson(reply: FastifyReply, key: string, compute: () => unknown): Promise<string | Buffer>;
  /** Drops every reused answer: called after this server writes to the store. */
  invalidate(): void;
  /** Largest upload accepted, in bytes. */
  uploadLimitBytes: number;
  /** Whether requests need a signed-in account (else they act as the local operator). */
  authRequired: boolean;
  throttle: LoginThrottle;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  querystring?: object;
  params?: object;
  consumes?: string[];
  /** A JSON body, validated (and described in the OpenAPI document). */
  body?: object;
  /** A body described in the OpenAPI document but not validated by Ajv (multipart uploads). */
  documentedBody?: object;
  /** Per-route rate limit (requests per minute per client), tighter than the global one. */
  perMinute?: number;
  /** Who may call it: null anyone; default viewer for GET, analyst for the rest. */
  role?: Role | null;
  /** State-changing routes need the CSRF token with the session cookie; false only for sign-in (JSON only, nothing to forge). */
  csrf?: boolean;
  handler(request: FastifyRequest, reply: FastifyReply, ctx: ApiContext): unknown;
}

type Query<T> = FastifyRequest<{ Querystring: T }>;
type Params<T> = FastifyRequest<{ Params: T }>;

/**
 * The overview's cards show the latest value, its period and how many sources it has; the sources'
 * sentences are on the indicator page. Leaving them out keeps the overview a fraction of the size.
 */
function overviewCards(overview: Overview): Overview {
  const card = (indicator: IndicatorSummary): IndicatorSummary =>
    indicator.latest ? { ...indicator, latest: { ...indicator.latest, sources: [] } } : indicator;
  return { ...overview, areas: overview.areas.map((a) => ({ ...a, indicators: a.indicators.map(card) })) };
}

function found<T>(value: T | null, what: string): T {
  if (value === null) throw notFound(what);
  return value;
}

export const routes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/overview',
    summary: 'Key areas with their indicator cards, store figures and recent conflicts (overview page)',
    description: "Cards carry the latest point without its sources' sentences (`latest.sources` is empty; see `sourceCount` and /api/indicators/{id}).",
    tags: ['pages'],
    handler: (_req, reply, { cachedJson, store }) => cachedJson(reply, 'overview', async () => overviewCards(await store.overview())),
  },
  {
    method: 'GET',
    url: '/api/stats',
    summary: 'How many reports, facts, indicators and conflicts the store holds',
    tags: ['pages'],
    handler: (_req, reply, { cachedJson, store }) => cachedJson(reply, 'stats', () => store.stats()),
  },
  {
    method: 'GET',
    url: '/api/reports',
    summary: 'Reports, newest first, a page at a time',
    tags: ['reports'],
    querystring: schema.reportsQuery,
    handler: (req, _reply, { store }) => {
      const { limit, offset, q } = (req as Query<{ limit: number; offset: number; q?: string }>).query;
      return store.reports({ limit, offset, q });
    },
  },
  {
    method: 'POST',
    url: '/api/reports',
    summary: 'Upload a report file (multipart field `file`): it is read, extracted and stored; returns its record',
    description:
      'HTML in any charset, Markdown, plain/OCR text, PDF or an RSS/Atom feed (one record per item). ' +
      '201 when something new was stored, 200 when the same content was already there.',
    tags: ['reports'],
    consumes: ['multipart/form-data'],
    documentedBody: schema.uploadBody,
    role: 'analyst',
    perMinute: 30,
    handler: async (req, reply, ctx) => {
      if (!req.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send the report as multipart/form-data, field "file"');
      const file = await readingMultipart(() => req.file({ limits: { fileSize: ctx.uploadLimitBytes, files: 1, fields: 4 } }));
      if (!file) throw new ApiError(400, 'invalid_request', 'no file in the upload (multipart field "file")');
      if (file.fieldname !== 'file') throw new ApiError(400, 'invalid_request', `unexpected field "${file.fieldname}"; send the report as "file"`);
      const bytes = await readingMultipart(() => file.toBuffer());
      if (bytes.length === 0) throw new ApiError(400, 'invalid_request', 'the uploaded file is empty');
      const result = await ctx.ingestUpload(bytes, file.filename, file.mimetype);
      ctx.invalidate();
      return reply.code(result.reports.some((r) => r.status !== 'unchanged') ? 201 : 200).send(result);
    },
  },
  {
    method: 'GET',
    url: '/api/reports/:id',
    summary: 'One report: clean text, metadata, and every quantity, event and item with its span and sentence',
    tags: ['reports'],
    params: schema.reportParams,
    handler: async (req, _reply, { store }) => {
      const { id } = (req as Params<{ id: number }>).params;
      return found(await store.report(id), `report ${id}`);
    },
  },
  {
    method: 'GET',
    url: '/api/indicators',
    summary: 'Indicators (catalogued and automatic groups) with latest value, counts and sparkline, a page at a time',
    tags: ['indicators'],
    querystring: schema.indicatorsQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const { area, catalogued, limit, offset } = (req as Query<{ area?: string; catalogued?: boolean; limit: number; offset: number }>).query;
      return cachedJson(reply, `indicators:${area ?? ''}:${catalogued ?? ''}:${limit}:${offset}`, async () => {
        const all = await store.indicators({ area, catalogued });
        return { total: all.length, limit, offset, rows: all.slice(offset, offset + limit) };
      });
    },
  },
  {
    method: 'GET',
    url: '/api/indicators/:id',
    summary: "One indicator's series ordered by period, each point with its sources and their sentences",
    tags: ['indicators'],
    params: schema.indicatorParams,
    handler: (req, reply, { cachedJson, store }) => {
      const { id } = (req as Params<{ id: string }>).params;
      return cachedJson(reply, `indicator:${id}`, async () => found(await store.indicator(id), `indicator ${id}`));
    },
  },
  {
    method: 'GET',
    url: '/api/indicators/:id/points/:ord/sources',
    summary: "Every source of one series point, in ingest order, a page at a time (the series carries each point's first few)",
    tags: ['indicators'],
    params: schema.pointParams,
    querystring: schema.pointSourcesQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const { id, ord } = (req as Params<{ id: string; ord: number }>).params;
      const { limit, offset } = (req as Query<{ limit: number; offset: number }>).query;
      return cachedJson(reply, `point-sources:${id}:${ord}:${limit}:${offset}`, async () =>
        found(await store.pointSources(id, ord, { limit, offset }), `point ${ord} of indicator ${id}`),
      );
    },
  },
  {
    method: 'GET',
    url: '/api/conflicts',
    summary:
      'Conflict groups: one per indicator, region and period reported with values that disagree, each with its first values ' +
      '(members: value as printed, series point, first sources) and memberCount; /api/conflicts/{id}/members pages them all',
    tags: ['indicators'],
    querystring: schema.conflictsQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const q = (req as Query<{ indicatorId?: string; area?: string; region?: string; limit: number; offset: number }>).query;
      return cachedJson(reply, `conflicts:${JSON.stringify(q)}`, () => store.conflicts(q));
    },
  },
  {
    method: 'GET',
    url: '/api/conflicts/:id/members',
    summary: "Every value of one conflict group, most reports first, a page at a time (the listing carries each group's first few)",
    tags: ['indicators'],
    params: schema.conflictParams,
    querystring: schema.conflictMembersQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const { id } = (req as Params<{ id: number }>).params;
      const { limit, offset } = (req as Query<{ limit: number; offset: number }>).query;
      return cachedJson(reply, `conflict-members:${id}:${limit}:${offset}`, async () =>
        found(await store.conflictMembers(id, { limit, offset }), `conflict ${id}`),
      );
    },
  },
  {
    method: 'GET',
    url: '/api/timeline',
    summary: 'Dated milestones (events) and cooperation items by date, filterable by key area and dates',
    tags: ['facts'],
    querystring: schema.timelineQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const q = (req as Query<{ area?: string; from?: string; to?: string; limit: number }>).query;
      return cachedJson(reply, `timeline:${JSON.stringify(q)}`, async () => ({ limit: q.limit, rows: await store.timeline(q) }));
    },
  },
  {
    method: 'GET',
    url: '/api/items',
    summary: 'Cooperation items with their progress (done of total), a page at a time',
    tags: ['facts'],
    querystring: schema.itemsQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const { area, limit, offset } = (req as Query<{ area?: string; limit: number; offset: number }>).query;
      return cachedJson(reply, `items:${area ?? ''}:${limit}:${offset}`, () => store.items({ area, limit, offset }));
    },
  },
  {
    method: 'GET',
    url: '/api/search',
    summary: 'Full-text search over reports and facts, ranked, with highlighted snippets',
    tags: ['facts'],
    querystring: schema.searchQuery,
    handler: (req, reply, { cachedJson, store }) => {
      const { q, limit, offset } = (req as Query<{ q: string; limit: number; offset: number }>).query;
      const words = q.trim().replace(/\s+/g, ' ');
      if (!words) throw new ApiError(400, 'invalid_request', 'querystring/q must contain a word');
      return cachedJson(reply, `search:${limit}:${offset}:${words}`, () => store.search(words, { limit, offset }));
    },
  },
  {
    method: 'GET',
    url: '/api/export',
    summary: 'Download the tables, streamed as they are read: CSV (UTF-8 with BOM, one table), XLSX (one sheet per table, Chinese headers), JSON or JSON Lines',
    tags: ['export'],
    querystring: schema.exportQuery,
    perMinute: 60,
    handler: async (req, reply, { store }) => {
      const { format, table } = (req as Query<{ format: ExportFormat; table?: ExportTableName }>).query;
      const file = exportResponse(store, format, table);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  },
  // sources, changes and their Atom feeds (watch-routes.ts)
  ...watchRoutes,
];

/**
 * Routes for watching (issue 14): the sources (admin page), what changed since a moment, and the
 * same as Atom feeds — all changes, and one feed per indicator.
 */
import type { FastifyRequest } from 'fastify';
import { CHANGE_KINDS } from '../store/changes.ts';
import type { ChangeKind } from '../store/types.ts';
import { describeSource, isPrivateAddress, type SourceRequest } from '../watch/index.ts';
import { atomFeed } from './atom.ts';
import { ApiError, notFound } from './errors.ts';
import type { ApiRoute } from './routes.ts';

const sourceBody = {
  type: 'object',
  required: ['location'],
  additionalProperties: false,
  properties: {
    location: { type: 'string', minLength: 1, maxLength: 2000, description: 'an http(s) URL: an RSS/Atom feed or a list page' },
    every: { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*[smhdSMHD]?\\s*$', description: 'how often: 30m, 2h, 1d (default 30m)' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: ['feed', 'page'], description: 'default: guessed from the URL' },
  },
} as const;

const sourceParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

const changesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', format: 'date-time', description: 'changes strictly after this moment (ISO 8601)' },
    kind: {
      type: 'string',
      pattern: `^(${CHANGE_KINDS.join('|')})(,(${CHANGE_KINDS.join('|')}))*$`,
      description: 'comma-separated: report, point, conflict, decision',
    },
    indicator: { type: 'string', minLength: 1, maxLength: 300 },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200, description: 'the newest this many (1–1000), oldest first' },
  },
} as const;

const feedParams = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: { file: { type: 'string', minLength: 5, maxLength: 320, description: 'the indicator id followed by .xml' } },
} as const;

type ChangesQuery = { since?: string; kind?: string; indicator?: string; limit: number };

/** The site's origin as the client reached it, for absolute links in the feeds. */
const originOf = (req: FastifyRequest): string => `${req.protocol}://${req.host}`;
const FEED_ENTRIES = 100;

export const watchRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/sources',
    summary: 'Subscribed sources (feeds, list pages, folders) with their state and latest errors',
    tags: ['sources'],
    handler: async (_req, _reply, { store }) => {
      const sources = await store.sources();
      const rows = [];
      for (const source of sources) rows.push({ ...source, errors: await store.sourceErrors(source.id, 5) });
      return { rows };
    },
  },
  {
    method: 'POST',
    url: '/api/sources',
    summary: 'Subscribe to an http(s) feed or list page (folders are added with `twincity source add DIR`)',
    description: 'Addresses of this machine or of a private network are refused: a shared server must not be made to fetch inside its network.',
    tags: ['sources'],
    role: 'admin',
    body: sourceBody,
    perMinute: 30,
    handler: async (req, reply, { store }) => {
      const body = req.body as SourceRequest;
      if (!/^https?:\/\//i.test(body.location.trim()))
        throw new ApiError(400, 'invalid_request', 'body/location must be an http(s) URL (add folders with the command line)');
      let source;
      try {
        source = await describeSource(body);
      } catch (error) {
        throw new ApiError(400, 'invalid_request', error instanceof Error ? error.message : String(error));
      }
      if (isPrivateAddress(source.location))
        throw new ApiError(403, 'forbidden', `${source.location}: addresses of this machine or a private network cannot be added here`);
      if (await store.source(source.location)) throw new ApiError(409, 'conflict', `${source.location} is a source already`);
      return reply.code(201).send(await store.addSource(source));
    },
  },
  {
    method: 'DELETE',
    url: '/api/sources/:id',
    summary: 'Unsubscribe a source (what it brought stays in the store)',
    tags: ['sources'],
    role: 'admin',
    params: sourceParams,
    handler: async (req, reply, { store }) => {
      const { id } = req.params as { id: number };
      if (!(await store.removeSource(id))) throw notFound(`source ${id}`);
      return reply.code(204).send();
    },
  },
  {
    method: 'GET',
    url: '/api/changes',
    summary: 'What changed since a moment: new reports, series points, conflicts and curated decisions, oldest first',
    description: '`latest` is the time of the newest change returned (or `since`): pass it as `since` next time.',
    tags: ['sources'],
    querystring: changesQuery,
    handler: async (req, _reply, { store }) => {
      const q = req.query as ChangesQuery;
      const kinds = q.kind ? (q.kind.split(',') as ChangeKind[]) : undefined;
      const since = q.since ? new Date(q.since).toISOString() : undefined;
      const rows = await store.changes({ since, kinds, indicatorId: q.indicator, limit: q.limit });
      return { since: since ?? null, latest: rows.at(-1)?.at ?? since ?? null, rows };
    },
  },
  {
    method: 'GET',
    url: '/feeds/changes.xml',
    summary: 'Atom feed of every change (the newest 100)',
    tags: ['sources'],
    handler: async (req, reply, { store }) => {
      const origin = originOf(req);
      const changes = await store.changes({ limit: FEED_ENTRIES });
      const xml = atomFeed({ selfUrl: `${origin}/feeds/changes.xml`, title: '双城观察 · 最新变化', origin, changes });
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  },
  {
    method: 'GET',
    url: '/feeds/indicators/:file',
    summary: "Atom feed of one indicator's new series points, conflicts and decisions (`/feeds/indicators/{id}.xml`)",
    tags: ['sources'],
    params: feedParams,
    handler: async (req, reply, { store }) => {
      const { file } = req.params as { file: string };
      if (!file.endsWith('.xml')) throw notFound(`feed ${file}`);
      const id = file.slice(0, -'.xml'.length);
      const indicator = await store.indicator(id);
      if (!indicator) throw notFound(`indicator ${id}`);
      const origin = originOf(req);
      const changes = await store.changes({ indicatorId: id, limit: FEED_ENTRIES });
      const selfUrl = `${origin}/feeds/indicators/${encodeURIComponent(id)}.xml`;
      return reply.type('application/atom+xml; charset=utf-8').send(atomFeed({ selfUrl, title: `双城观察 · ${indicator.nameZh}`, origin, changes }));
    },
  },
];

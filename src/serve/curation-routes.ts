/**
 * The routes that change what the store says or who may use it: sign-in, accounts, curation of
 * figures, indicators and conflicts, and the audit log. Every state-changing route needs its role
 * and (with the session cookie) the CSRF token; see auth.ts.
 */
import type { FastifyRequest } from 'fastify';
import { authenticate, createUser, removeUserNamed } from '../auth/index.ts';
import type { AuditQuery, FigureDecision, IndicatorDecision } from '../store/types.ts';
import { gridToCsv } from '../store/export.ts';
import { csrfToken, signIn, signOut } from './auth.ts';
import { ApiError, notFound } from './errors.ts';
import * as schema from './curation-schemas.ts';
import type { ApiRoute } from './routes.ts';

type Body<T> = FastifyRequest<{ Body: T }>;
type Params<T> = FastifyRequest<{ Params: T }>;

/** Our own refusals (bad field, unknown indicator, duplicate user) as 400s naming the problem. */
async function refusalsAsBadRequest<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = (error as Error).name;
    if (['CurationError', 'UserError', 'AccountError', 'PasswordError'].includes(name)) {
      throw new ApiError(name === 'AccountError' ? 409 : 400, 'invalid_request', (error as Error).message);
    }
    throw error;
  }
}

const actorOf = (req: FastifyRequest): string => req.user!.name;
const publicUser = (u: { name: string; role: string } | null) => (u ? { name: u.name, role: u.role } : null);

const AUDIT_COLUMNS: [string, string][] = [
  ['at', '时间'],
  ['actor', '操作人'],
  ['action', '操作'],
  ['targetKind', '对象类型'],
  ['targetId', '对象'],
  ['before', '之前'],
  ['after', '之后'],
  ['reason', '原因'],
];
/** A CSV export reads the log a page at a time, up to this many rows. */
const AUDIT_EXPORT_MAX = 100_000;

export const curationRoutes: ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/session',
    summary: 'Who is signed in (null when nobody), whether sign-in is required, and the CSRF token for state-changing requests (header x-csrf-token)',
    tags: ['session'],
    role: null,
    handler: (req, reply, ctx) => ({ user: publicUser(req.user), authRequired: ctx.authRequired, csrfToken: csrfToken(reply) }),
  },
  {
    method: 'POST',
    url: '/api/session',
    summary: 'Sign in with name and password; failed attempts are throttled per name and per address',
    tags: ['session'],
    role: null,
    csrf: false,
    body: schema.sessionBody,
    handler: async (req, reply, ctx) => {
      const { name, password } = (req as Body<{ name: string; password: string }>).body;
      const keys = [`name:${name}`, `ip:${req.ip}`];
      const wait = ctx.throttle.retryAfter(keys);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new ApiError(429, 'rate_limited', `too many failed sign-ins: try again in ${wait} s`);
      }
      const user = await authenticate(ctx.store, name, password);
      if (!user) {
        ctx.throttle.fail(keys);
        throw new ApiError(401, 'unauthorized', 'wrong name or password');
      }
      ctx.throttle.succeed(keys);
      signIn(req, user);
      return { user: publicUser(user), authRequired: ctx.authRequired, csrfToken: csrfToken(reply) };
    },
  },
  {
    method: 'DELETE',
    url: '/api/session',
    summary: 'Sign out',
    tags: ['session'],
    role: null,
    handler: (req, reply) => {
      signOut(req);
      return reply.code(204).send();
    },
  },
  {
    method: 'GET',
    url: '/api/users',
    summary: 'Accounts and their roles (admin)',
    tags: ['session'],
    role: 'admin',
    handler: async (_req, _reply, { store }) => (await store.users()).map((u) => ({ name: u.name, role: u.role, createdAt: u.createdAt })),
  },
  {
    method: 'POST',
    url: '/api/users',
    summary: 'Add an account (admin)',
    tags: ['session'],
    role: 'admin',
    body: schema.userBody,
    handler: async (req, reply, { store }) => {
      const { name, role, password } = (req as Body<{ name: string; role: string; password: string }>).body;
      const user = await refusalsAsBadRequest(() => createUser(store, name, role, password, actorOf(req)));
      return reply.code(201).send({ name: user.name, role: user.role, createdAt: user.createdAt });
    },
  },
  {
    method: 'DELETE',
    url: '/api/users/:name',
    summary: 'Remove an account and its API tokens (admin)',
    tags: ['session'],
    role: 'admin',
    params: schema.userParams,
    handler: async (req, reply, { store }) => {
      const { name } = (req as Params<{ name: string }>).params;
      await refusalsAsBadRequest(() => removeUserNamed(store, name, actorOf(req)));
      return reply.code(204).send();
    },
  },
  {
    method: 'POST',
    url: '/api/quantities/:id/decision',
    summary:
      "An analyst's decision on a figure: accept it, correct fields (value, unit, approx, measure, subject, period, region, status; indicatorId moves it), or reject it",
    tags: ['curation'],
    role: 'analyst',
    params: schema.idParams,
    body: schema.figureDecisionBody,
    handler: async (req, _reply, ctx) => {
      const { id } = (req as Params<{ id: number }>).params;
      const decision = (req as Body<FigureDecision>).body;
      const figure = await refusalsAsBadRequest(() => ctx.store.curateFigure(id, decision, actorOf(req)));
      ctx.invalidate();
      if (!figure) throw notFound(`figure ${id}`);
      return figure;
    },
  },
  {
    method: 'POST',
    url: '/api/indicators/:id/decision',
    summary: 'Promote an automatic group to a catalogued indicator, rename an indicator, merge it into another, or split figures off into a new one',
    tags: ['curation'],
    role: 'analyst',
    params: schema.indicatorIdParams,
    body: schema.indicatorDecisionBody,
    handler: async (req, _reply, ctx) => {
      const { id } = (req as Params<{ id: string }>).params;
      const body = (req as Body<Record<string, unknown>>).body;
      const decision = { ...body, id } as unknown as IndicatorDecision;
      if (decision.op === 'rename' && !decision.nameZh) throw new ApiError(400, 'invalid_request', 'body/nameZh is required to rename');
      if (decision.op === 'merge' && !decision.into) throw new ApiError(400, 'invalid_request', 'body/into is required to merge');
      if (decision.op === 'split' && (!decision.nameZh || !decision.quantityIds))
        throw new ApiError(400, 'invalid_request', 'body/nameZh and body/quantityIds are required to split');
      const indicator = await refusalsAsBadRequest(() => ctx.store.curateIndicator(decision, actorOf(req)));
      ctx.invalidate();
      if (!indicator) throw notFound(`indicator ${id}`);
      return indicator;
    },
  },
  {
    method: 'POST',
    url: '/api/conflicts/:id/decision',
    summary: 'Mark a conflict resolved (which value stands, why) or not a conflict; kept by indicator, region and date across rebuilds',
    tags: ['curation'],
    role: 'analyst',
    params: schema.idParams,
    body: schema.conflictDecisionBody,
    handler: async (req, _reply, ctx) => {
      const { id } = (req as Params<{ id: number }>).params;
      const body = (req as Body<{ verdict: 'resolved' | 'not_conflict'; stands?: string; reason?: string }>).body;
      const conflict = await refusalsAsBadRequest(() => ctx.store.decideConflict(id, body, actorOf(req)));
      ctx.invalidate();
      if (!conflict) throw notFound(`conflict ${id}`);
      return conflict;
    },
  },
  {
    method: 'GET',
    url: '/api/curations',
    summary: "Analysts' decisions on figures, newest first; state=stale lists those whose characters a re-reading no longer found, for review",
    tags: ['curation'],
    querystring: schema.curationsQuery,
    handler: (req, _reply, { store }) =>
      store.curations((req as FastifyRequest<{ Querystring: { state?: 'active' | 'stale'; limit: number; offset: number } }>).query),
  },
  {
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit log, newest first, filterable by actor, action, target kind and dates; format=csv downloads it',
    tags: ['curation'],
    querystring: schema.auditQuery,
    handler: async (req, reply, { store }) => {
      const { format, ...q } = (req as FastifyRequest<{ Querystring: AuditQuery & { format: 'json' | 'csv' } }>).query;
      if (format !== 'csv') return store.audit(q);
      const rows: string[][] = [AUDIT_COLUMNS.map(([, header]) => header)];
      for (let offset = 0; offset < AUDIT_EXPORT_MAX; offset += 1000) {
        const page = await store.audit({ ...q, limit: 1000, offset });
        for (const e of page.rows) {
          rows.push(
            AUDIT_COLUMNS.map(([key]) => {
              const v = e[key as keyof typeof e];
              return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
            }),
          );
        }
        if (page.rows.length < 1000) break;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="twincity-audit.csv"')
        .send(gridToCsv(rows));
    },
  },
];

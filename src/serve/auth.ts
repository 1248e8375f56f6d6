/**
 * Who is asking, and may they: sessions in an encrypted HttpOnly, SameSite=Strict cookie
 * (@fastify/secure-session), CSRF tokens on every state-changing request made with that cookie
 * (@fastify/csrf-protection), API tokens (`Authorization: Bearer tc_…`) for scripts, and a role
 * check per route. Without `auth` (the embedded default on loopback) every request acts as the
 * local operator, an admin, and still needs the CSRF token to change anything: a page on another
 * site must not be able to upload through the operator's browser.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import secureSession from '@fastify/secure-session';
import csrfProtection from '@fastify/csrf-protection';
import { allows, userForToken, type Role } from '../auth/index.ts';
import type { Store, UserAccount } from '../store/types.ts';
import { ApiError } from './errors.ts';

declare module '@fastify/secure-session' {
  interface SessionData {
    uid: number;
    epoch: number;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The account making the request; null when nobody is signed in. */
    user: UserAccount | null;
    /** Signed by an API token rather than the session cookie: no CSRF token needed. */
    viaToken: boolean;
  }
}

/** Who acts when the server runs without accounts (loopback, no --auth): the audit log names them so. */
export const LOCAL_OPERATOR: UserAccount = { id: 0, name: 'local', role: 'admin', createdAt: '', passwordEpoch: 0 };

export interface AuthOptions {
  store: Store;
  /** Require sign-in. */
  required: boolean;
  /** Cookies only over HTTPS (behind a TLS proxy). */
  secureCookies: boolean;
  /** Hours a session lasts. */
  sessionHours: number;
}

async function sessionKey(store: Store): Promise<Buffer> {
  const fromEnv = process.env.TWINCITY_SESSION_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'hex');
    if (key.length !== 32) throw new Error('TWINCITY_SESSION_KEY: 64 hexadecimal digits (32 bytes)');
    return key;
  }
  // kept in the store, so every server on a shared database accepts the same sessions
  return Buffer.from(await store.secret('session-key', () => randomBytes(32).toString('hex')), 'hex');
}

async function userOf(request: FastifyRequest, options: AuthOptions): Promise<UserAccount | null> {
  const header = request.headers.authorization;
  // A feed reader sends no header: the Atom feeds also take the token as ?token=.
  const feedToken = request.url.startsWith('/feeds/') ? new URL(request.url, 'http://x').searchParams.get('token') : null;
  if (header?.startsWith('Bearer ') || feedToken) {
    const user = await userForToken(options.store, feedToken ?? header!.slice(7).trim());
    if (!user) throw new ApiError(401, 'unauthorized', 'the API token is not valid');
    request.viaToken = true;
    return user;
  }
  if (!options.required) return LOCAL_OPERATOR;
  const uid = request.session.get('uid');
  if (typeof uid !== 'number') return null;
  const user = await options.store.user(uid);
  // a removed user, or a password changed since this session signed in, ends it
  if (!user || user.passwordEpoch !== request.session.get('epoch')) {
    request.session.delete();
    return null;
  }
  return user;
}

export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  await app.register(secureSession, {
    key: await sessionKey(options.store),
    cookieName: 'tc_session',
    expiry: options.sessionHours * 3600,
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookies },
  });
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/secure-session',
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  app.decorateRequest('user', null);
  app.decorateRequest('viaToken', false);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/feeds/')) request.user = await userOf(request, options);
  });
}

export function signIn(request: FastifyRequest, user: UserAccount): void {
  request.session.set('uid', user.id);
  request.session.set('epoch', user.passwordEpoch);
}

export function signOut(request: FastifyRequest): void {
  request.session.delete();
}

/**
 * The guard a route runs before its handler: a role (null: anyone, even signed out) and, for a
 * state-changing request made with the session cookie, the CSRF token.
 */
export function guard(app: FastifyInstance, role: Role | null, checkCsrf: boolean) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    if (role) {
      if (!request.user) return done(new ApiError(401, 'unauthorized', 'sign in first (POST /api/session) or send an API token'));
      if (!allows(request.user.role, role))
        return done(new ApiError(403, 'forbidden', `this needs the ${role} role; ${request.user.name} is ${request.user.role}`));
    }
    if (checkCsrf && !request.viaToken) return app.csrfProtection(request, reply, done);
    done();
  };
}

/** The CSRF token for the session (creating its secret when the session has none). */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

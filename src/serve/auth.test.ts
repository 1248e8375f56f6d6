// Who may do what on a server that requires sign-in: every state-changing route refused without a
// session (401), to a viewer (403), without the CSRF token (403), and allowed to the roles it names;
// reads need a session too; API tokens work without CSRF; wrong passwords are throttled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, createUser } from '../auth/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { csrfHeaders } from '../../test/helpers.ts';
import { buildServer } from './app.ts';
import { curationRoutes } from './curation-routes.ts';
import { routes } from './routes.ts';

let dir: string;
let store: Store;
let app: FastifyInstance;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tc-auth-'));
  store = await openStore(join(dir, 'o.db'));
  for (const role of ['viewer', 'analyst', 'admin']) await createUser(store, role, role, `${role}-password`, 'test');
  app = await buildServer({ store, webRoot: null, rateLimitPerMinute: false, auth: true, maxLoginFailures: 3 });
  for (const role of ['viewer', 'analyst', 'admin']) as[role] = await csrfHeaders(app, { name: role, password: `${role}-password` });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every state-changing route but sign-in and sign-out, with the least role it needs. */
const changing = [...routes, ...curationRoutes]
  .filter((r) => r.method !== 'GET' && r.url !== '/api/session')
  .map((r) => ({ method: r.method as 'POST' | 'DELETE', url: r.url.replace(':id', '1').replace(':name', 'nobody'), needs: r.role ?? 'analyst' }));

const send = (route: { method: 'POST' | 'DELETE'; url: string }, headers: Record<string, string> = {}) =>
  route.method === 'POST'
    ? app.inject({ method: 'POST', url: route.url, headers: { 'content-type': 'application/json', ...headers }, payload: '{}' })
    : app.inject({ method: route.method, url: route.url, headers });

describe('every state-changing route', () => {
  it('is in the table', () => {
    expect(changing.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'POST /api/reports',
        'POST /api/quantities/1/decision',
        'POST /api/indicators/1/decision',
        'POST /api/conflicts/1/decision',
        'POST /api/users',
        'DELETE /api/users/nobody',
      ]),
    );
  });

  it.each(changing)('$method $url: 401 without a session, 403 for a viewer, 403 without the CSRF token, allowed to its role', async (route) => {
    expect((await send(route)).statusCode).toBe(401);
    expect((await send(route, as.viewer)).json()).toMatchObject({ error: { status: 403, code: 'forbidden' } });
    const withoutToken = await send(route, { cookie: as[route.needs].cookie });
    expect(withoutToken.json()).toMatchObject({ error: { status: 403, code: 'csrf_invalid' } });
    const wrongToken = await send(route, { cookie: as[route.needs].cookie, 'x-csrf-token': 'forged' });
    expect(wrongToken.statusCode).toBe(403);
    for (const role of route.needs === 'admin' ? ['admin'] : ['analyst', 'admin']) {
      // past the guard: the route itself answers (a bad body, an unknown id), never 401/403
      const allowed = await send(route, as[role]);
      expect([401, 403]).not.toContain(allowed.statusCode);
    }
    if (route.needs === 'admin') expect((await send(route, as.analyst)).statusCode).toBe(403);
  });
});

describe('sessions, reads and tokens', () => {
  it('needs a session to read, and says who is signed in', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/overview' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/overview', headers: { cookie: as.viewer.cookie } })).statusCode).toBe(200);
    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: as.analyst.cookie } });
    expect(session.json()).toMatchObject({ user: { name: 'analyst', role: 'analyst' }, authRequired: true });
    expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toMatchObject({ user: null, authRequired: true });
  });

  it('sets the session in an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'viewer', password: 'viewer-password' } });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('takes an API token instead of a session, without a CSRF token', async () => {
    const token = await createToken(store, 'analyst', 'script', 'test');
    const response = await app.inject({
      method: 'POST',
      url: '/api/conflicts/999/decision',
      headers: { authorization: `Bearer ${token}` },
      payload: { verdict: 'resolved' },
    });
    expect(response.json()).toMatchObject({ error: { status: 404 } });
    const bad = await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: 'Bearer tc_not-a-token' } });
    expect(bad.statusCode).toBe(401);
  });

  it('ends sessions of a user whose password changed', async () => {
    await createUser(store, 'moving', 'viewer', 'first-password', 'test');
    const headers = await csrfHeaders(app, { name: 'moving', password: 'first-password' });
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers })).statusCode).toBe(200);
    const { changePassword } = await import('../auth/index.ts');
    await changePassword(store, 'moving', 'second-password', 'test');
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers })).statusCode).toBe(401);
  });

  it('throttles wrong passwords, even when the right one follows', async () => {
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/session', payload: { name: 'admin', password }, remoteAddress: '10.0.0.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('wrong-password')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const right = await attempt('admin-password');
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('audits account changes and lists them to signed-in users only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    const audit = await app.inject({ method: 'GET', url: '/api/audit?targetKind=user', headers: { cookie: as.viewer.cookie } });
    const actions = (audit.json() as { rows: { action: string; targetId: string }[] }).rows.map((r) => `${r.action} ${r.targetId}`);
    expect(actions).toEqual(expect.arrayContaining(['user.add viewer', 'user.passwd moving', 'token.create analyst']));
  });
});

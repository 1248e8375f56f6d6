/**
 * Input guards Fastify and its plugins leave open (issue 16), each answered in the envelope:
 * a number that is not finite (Ajv coerces `offset=Infinity` to Infinity and then skips its bounds),
 * a URL whose percent-encoding is broken (Fastify's own error shape otherwise), and a multipart
 * body that does not parse (busboy's errors carry no status and would answer 500).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, envelope } from './errors.ts';

/** A preHandler: every number in the query and the path, once validated, is finite. */
export function finiteNumbers(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  for (const [where, values] of [
    ['querystring', request.query],
    ['params', request.params],
  ] as const) {
    if (!values || typeof values !== 'object') continue;
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        done(new ApiError(400, 'invalid_request', `${where}/${key} must be a finite number`));
        return;
      }
    }
  }
  done();
}

/** Fastify's `frameworkErrors`: a malformed URL (bad percent-encoding) is a 400 in the envelope. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send(envelope(status, 'invalid_request', error.message));
}

/** Runs a multipart read; a body that does not parse is the caller's fault (400), not ours. */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw error;
    throw new ApiError(400, 'invalid_request', `malformed multipart body: ${(error as Error).message}`);
  }
}

/** An onRequest hook: a query string whose percent-encoding is broken is refused, not guessed at. */
export function wellFormedQuery(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const at = request.url.indexOf('?');
  if (at >= 0 && request.url.includes('%', at)) {
    try {
      for (const part of request.url.slice(at + 1).split('&')) decodeURIComponent(part);
    } catch {
      done(new ApiError(400, 'invalid_request', 'the query string has broken percent-encoding'));
      return;
    }
  }
  done();
}

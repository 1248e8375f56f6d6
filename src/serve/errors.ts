/**
 * One error envelope for every failure the API returns (after Datasette): a status, a stable
 * machine code and a message a person can read. Never a stack trace: unexpected errors are logged
 * on the server and answered with a generic message.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface ErrorEnvelope {
  error: { status: number; code: string; message: string };
}

/** An error our handlers raise on purpose; its message is safe to show. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** The name Fastify and its plugins read the status under. */
  get statusCode(): number {
    return this.status;
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);

export function envelope(status: number, code: string, message: string): ErrorEnvelope {
  return { error: { status, code, message } };
}

/** Fastify's own error codes we translate into ours; the message Fastify gives is safe for these. */
const KNOWN_CODES: Record<string, string> = {
  FST_ERR_VALIDATION: 'invalid_request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_request',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'invalid_request',
  FST_PARTS_LIMIT: 'invalid_request',
  FST_FIELDS_LIMIT: 'invalid_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_PROTO_VIOLATION: 'invalid_request',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
};

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiError) {
    void reply.code(error.status).send(envelope(error.status, error.code, error.message));
    return;
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  if (error.validation) {
    // Validation messages name the field ("querystring/limit must be <= 500"): what a caller needs.
    void reply
      .code(400)
      .send(envelope(400, 'invalid_request', `${error.validationContext ?? 'request'}${error.message.replace(/^(querystring|params|body|headers)/, '')}`));
    return;
  }
  if (status === 429) {
    void reply.code(429).send(envelope(429, 'rate_limited', error.message || 'too many requests'));
    return;
  }
  if (status < 500) {
    const code = (error.code && KNOWN_CODES[error.code]) ?? 'bad_request';
    void reply.code(status).send(envelope(status, code, error.message));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.code(500).send(envelope(500, 'internal_error', 'internal error: the server could not answer this request'));
}

/**
 * JSON Schemas for every input the API takes. Fastify validates requests against them (Ajv) and
 * @fastify/swagger turns them into the OpenAPI description, so the two never drift apart.
 */
import { KEY_AREA_NAMES } from '../reconcile/catalog.ts';

export const EXPORT_TABLES = ['reports', 'quantities', 'indicators', 'series', 'conflicts', 'events', 'items', 'failures'] as const;
export { EXPORT_FORMATS } from '../store/export-formats.ts';
import { EXPORT_FORMATS } from '../store/export-formats.ts';

const limit = (max: number, fallback: number) =>
  ({ type: 'integer', minimum: 1, maximum: max, default: fallback, description: `page size (1–${max})` }) as const;
const offset = { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0, description: 'rows to skip' } as const;
const area = { type: 'string', enum: [...KEY_AREA_NAMES], description: 'key area of the Circle (重点领域)' } as const;
/** A date or a prefix of one: 2022, 2022-06, 2022-06-28. */
const datePrefix = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } as const;

export const reportsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: limit(500, 50),
    offset,
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'filter by title or source' },
  },
} as const;

export const reportParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

export const indicatorsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    area,
    catalogued: { type: 'boolean', description: 'true: catalogue entries only; false: automatic groups only' },
    limit: limit(1000, 200),
    offset,
  },
} as const;

export const indicatorParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  // Catalogue ids are slugs; automatic groups are `auto:` + a normalized subject (may hold CJK).
  properties: { id: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

export const pointParams = {
  type: 'object',
  required: ['id', 'ord'],
  additionalProperties: false,
  properties: {
    id: indicatorParams.properties.id,
    ord: { type: 'integer', minimum: 0, maximum: 10_000_000, description: "the point's place in the series (0 = first)" },
  },
} as const;

export const pointSourcesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: limit(500, 50), offset },
} as const;

export const conflictsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    indicatorId: { type: 'string', minLength: 1, maxLength: 300 },
    area,
    region: { type: 'string', minLength: 1, maxLength: 50 },
    limit: limit(500, 100),
    offset,
  },
} as const;

export const conflictParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the conflict group (rebuilt with its indicator)' } },
} as const;

export const conflictMembersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: limit(1000, 100), offset },
} as const;

export const timelineQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    area,
    from: { ...datePrefix, description: 'inclusive lower bound: YYYY, YYYY-MM or YYYY-MM-DD' },
    to: { ...datePrefix, description: 'inclusive upper bound: YYYY, YYYY-MM or YYYY-MM-DD' },
    limit: limit(5000, 1000),
  },
} as const;

export const itemsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { area, limit: limit(1000, 200), offset },
} as const;

export const searchQuery = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'words to find (Chinese words of two characters work)' },
    limit: limit(100, 20),
    offset,
  },
} as const;

export const exportQuery = {
  type: 'object',
  required: ['format'],
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: [...EXPORT_FORMATS] },
    table: {
      type: 'string',
      enum: [...EXPORT_TABLES],
      description: 'CSV holds one table (default: series); XLSX, JSON and JSON Lines hold every table unless one is named',
    },
  },
} as const;

/**
 * The upload's body, for the OpenAPI description only: multipart bodies are streamed by
 * @fastify/multipart and checked by the handler (one part named `file`, size limit), not by Ajv.
 */
export const uploadBody = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'the report file' } },
} as const;

/** JSON Schemas for sign-in, accounts, curation and the audit log (see schemas.ts for the rest). */
import { KEY_AREA_NAMES } from '../reconcile/catalog.ts';
import { ROLES } from '../store/types.ts';

const reason = { type: 'string', maxLength: 500, description: 'why (kept in the audit log)' } as const;
const datePrefix = { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } as const;
const nullableDate = { anyOf: [datePrefix, { type: 'null' }] } as const;
const finite = { type: 'number', minimum: -1e15, maximum: 1e15 } as const;

export const sessionBody = {
  type: 'object',
  required: ['name', 'password'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 40 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

export const userBody = {
  type: 'object',
  required: ['name', 'role', 'password'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 40 },
    role: { type: 'string', enum: [...ROLES] },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
  },
} as const;

export const userParams = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 40 } },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

export const indicatorIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const figureDecisionBody = {
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: { type: 'string', enum: ['accept', 'correct', 'reject'] },
    reason,
    fields: {
      type: 'object',
      additionalProperties: false,
      properties: {
        value: finite,
        valueMax: { anyOf: [finite, { type: 'null' }] },
        unit: { type: 'string', minLength: 1, maxLength: 20 },
        approx: { type: 'string', enum: ['exact', 'about', 'over', 'under'] },
        measure: { type: 'string', enum: ['level', 'change', 'share'] },
        subject: { type: 'string', minLength: 1, maxLength: 200 },
        period: {
          anyOf: [{ type: 'object', additionalProperties: false, properties: { start: nullableDate, end: nullableDate } }, { type: 'null' }],
        },
        region: { anyOf: [{ type: 'string', maxLength: 40 }, { type: 'null' }] },
        status: { type: 'string', enum: ['actual', 'target'] },
        indicatorId: { anyOf: [{ type: 'string', minLength: 1, maxLength: 200 }, { type: 'null' }] },
      },
    },
  },
} as const;

export const indicatorDecisionBody = {
  type: 'object',
  required: ['op'],
  additionalProperties: false,
  properties: {
    op: { type: 'string', enum: ['promote', 'rename', 'merge', 'split'] },
    nameZh: { type: 'string', minLength: 1, maxLength: 60 },
    area: { anyOf: [{ type: 'string', enum: [...KEY_AREA_NAMES] }, { type: 'null' }] },
    into: { type: 'string', minLength: 1, maxLength: 200 },
    quantityIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'integer', minimum: 1 } },
    reason,
  },
} as const;

export const conflictDecisionBody = {
  type: 'object',
  required: ['verdict'],
  additionalProperties: false,
  properties: { verdict: { type: 'string', enum: ['resolved', 'not_conflict'] }, stands: { type: 'string', maxLength: 100 }, reason },
} as const;

export const curationsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: ['active', 'stale'] },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  },
} as const;

export const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    actor: { type: 'string', maxLength: 40 },
    action: { type: 'string', maxLength: 40, description: 'an action or its prefix: figure, figure.correct, indicator, conflict, user' },
    targetKind: { type: 'string', enum: ['figure', 'indicator', 'conflict', 'user'] },
    from: datePrefix,
    to: datePrefix,
    format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
  },
} as const;

/** The store's types for accounts, analysts' decisions and the audit log (see types.ts). */
import type { Approx, FigureStatus, Measure, Period, Span } from '../document/index.ts';
import type { CurationMark, KeyArea } from './types-facts.ts';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
/** viewer reads; analyst also uploads and corrects; admin also manages users and sources. */
export type Role = (typeof ROLES)[number];

export interface UserAccount {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  /** Bumped by every new password: a session carries the epoch it was signed in under. */
  passwordEpoch: number;
}

export type FigureAction = 'accept' | 'correct' | 'reject';

/** The fields of a figure an analyst may correct; `indicatorId` moves it to another indicator. */
export interface FigureFields {
  value?: number;
  valueMax?: number | null;
  unit?: string;
  approx?: Approx;
  measure?: Measure;
  subject?: string;
  period?: Period | null;
  region?: string | null;
  status?: FigureStatus;
  indicatorId?: string | null;
}

export interface FigureDecision {
  action: FigureAction;
  /** For `correct`: the fields to set (merged over earlier corrections). */
  fields?: FigureFields;
  reason?: string | null;
}

export type IndicatorDecision =
  | { op: 'promote'; id: string; nameZh?: string; area?: KeyArea | null; reason?: string | null }
  | { op: 'rename'; id: string; nameZh: string; reason?: string | null }
  | { op: 'merge'; id: string; into: string; reason?: string | null }
  | { op: 'split'; id: string; quantityIds: number[]; nameZh: string; reason?: string | null };

/** A decision on a figure, as listed for review. */
export interface CurationRecord extends CurationMark {
  reportId: number;
  reportTitle: string | null;
  span: Span;
  surface: string;
  sentence: string;
  /** `stale`: re-reading the report found no figure at these characters; listed for review. */
  state: 'active' | 'stale';
  quantityId: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** figure.accept, figure.correct, figure.reject, indicator.promote|rename|merge|split, conflict.resolved|not_conflict, user.add|remove|passwd, token.create */
  action: string;
  targetKind: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetKind?: string;
  /** Inclusive bounds on `at` (ISO prefixes). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

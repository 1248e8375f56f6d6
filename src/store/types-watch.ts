/** The store's types for subscribed sources and the change log (watch; see types.ts). */

export type SourceKind = 'feed' | 'page' | 'folder';

/** A subscribed source and the state its next fetch needs. Times are ISO strings. */
export interface Source {
  id: number;
  /** feed: RSS/Atom, its items' links followed; page: a list page, its same-site article links followed; folder: a directory. */
  kind: SourceKind;
  /** The URL, or the folder's absolute path. */
  location: string;
  name: string;
  everySeconds: number;
  addedAt: string;
  nextDueAt: string;
  lastFetchAt: string | null;
  lastOkAt: string | null;
  /** HTTP validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  itemsSeen: number;
  /** Failures since the last success: the back-off grows with them. */
  consecutiveErrors: number;
  lastError: string | null;
  lastErrorAt: string | null;
}

export interface NewSource {
  kind: SourceKind;
  location: string;
  name: string;
  everySeconds: number;
}

/** How one fetch of a source went, and when it is due again. */
export type SourceFetchOutcome =
  | { ok: true; at: string; nextDueAt: string; etag?: string | null; lastModified?: string | null }
  | { ok: false; at: string; nextDueAt: string; location: string; reason: string };

export interface SourceError {
  at: string;
  /** What failed: the source itself or one of its items. */
  location: string;
  reason: string;
}

export type ChangeKind = 'report' | 'point' | 'conflict' | 'decision';

/** Something that changed, for `GET /api/changes` and the Atom feeds. */
export interface Change {
  id: number;
  kind: ChangeKind;
  /** The thing's identity: the same change recorded twice is one change. */
  key: string;
  at: string;
  reportId: number | null;
  indicatorId: string | null;
  /** One line for people (zh-CN). */
  title: string;
  detail: Record<string, unknown>;
}

export type NewChange = Omit<Change, 'id' | 'at' | 'reportId' | 'indicatorId' | 'detail'> & {
  at?: string;
  reportId?: number | null;
  indicatorId?: string | null;
  detail?: Record<string, unknown>;
};

export interface ChangeQuery {
  /** Changes strictly after this moment (ISO); default: all. */
  since?: string;
  kinds?: readonly ChangeKind[];
  indicatorId?: string;
  /** Default 200, at most 1 000: the newest that many, returned oldest first. */
  limit?: number;
}

/** The dashboard talks to the JSON API only; these are its calls, typed by the store's row types. */
import type {
  AuditEntry,
  Change,
  Conflict,
  CurationRecord,
  FigureDecision,
  StoredQuantity,
  IndicatorDetail,
  IndicatorSummary,
  Overview,
  Page,
  ReportDetail,
  ReportSummary,
  SearchHit,
  Source,
  SourceError,
  StoredItem,
  SourceRef,
  TimelineEntry,
} from '../../src/store/types.ts';

export type {
  AuditEntry,
  CurationRecord,
  FigureFields,
  Change,
  Source,
  SourceError,
  Conflict,
  ConflictMember,
  IndicatorDetail,
  IndicatorSummary,
  Overview,
  Page,
  ReportDetail,
  ReportSummary,
  SearchHit,
  SeriesPoint,
  SourceRef,
  StoredEvent,
  StoredItem,
  StoredQuantity,
  TimelineEntry,
} from '../../src/store/types.ts';

export interface UploadResult {
  reports: { status: 'new' | 'unchanged' | 'replaced'; report: ReportSummary }[];
}

/** An API failure, carrying the server's envelope message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionInfo {
  user: { name: string; role: 'viewer' | 'analyst' | 'admin' } | null;
  authRequired: boolean;
  csrfToken: string;
}

/** The session's CSRF token, sent with every state-changing request (the server checks it with the cookie). */
let csrfToken: string | null = null;

async function freshSession(): Promise<SessionInfo> {
  const info = await request<SessionInfo>('/api/session', {}, false);
  csrfToken = info.csrfToken;
  return info;
}

async function request<T>(path: string, init: RequestInit = {}, retry = true): Promise<T> {
  const changes = init.method !== undefined && init.method !== 'GET';
  if (changes && csrfToken === null) await freshSession();
  const headers: Record<string, string> = { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) };
  if (changes && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { ...init, headers });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { message?: string; code?: string } } | null)?.error;
    // a session that was renewed (signed in elsewhere, restarted server) needs a new token: once
    if (changes && retry && error?.code === 'csrf_invalid') {
      await freshSession();
      return request<T>(path, init, false);
    }
    throw new ApiFailure(response.status, error?.message ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

const postJson = <T>(path: string, body: unknown, method = 'POST') =>
  request<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '');
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() : '';
};

export const api = {
  overview: () => request<Overview>('/api/overview'),
  indicators: (p: { area?: string; catalogued?: boolean; limit?: number; offset?: number } = {}) =>
    request<Page<IndicatorSummary>>(
      '/api/indicators' + query({ area: p.area, catalogued: p.catalogued === undefined ? undefined : String(p.catalogued), limit: p.limit, offset: p.offset }),
    ),
  indicator: (id: string) => request<IndicatorDetail>(`/api/indicators/${encodeURIComponent(id)}`),
  pointSources: (id: string, ord: number, p: { limit?: number; offset?: number } = {}) =>
    request<Page<SourceRef>>(`/api/indicators/${encodeURIComponent(id)}/points/${ord}/sources` + query(p)),
  reports: (p: { limit?: number; offset?: number; q?: string } = {}) => request<Page<ReportSummary>>('/api/reports' + query(p)),
  report: (id: number) => request<ReportDetail>(`/api/reports/${id}`),
  conflicts: (p: { area?: string; limit?: number; offset?: number } = {}) => request<Page<Conflict>>('/api/conflicts' + query(p)),
  timeline: (p: { area?: string; from?: string; to?: string } = {}) => request<{ rows: TimelineEntry[] }>('/api/timeline' + query(p)),
  items: (p: { area?: string; limit?: number; offset?: number } = {}) => request<Page<StoredItem>>('/api/items' + query(p)),
  search: (q: string, p: { limit?: number; offset?: number } = {}) => request<Page<SearchHit>>('/api/search' + query({ q, ...p })),
  changes: (p: { since?: string; kind?: string; limit?: number } = {}) =>
    request<{ since: string | null; latest: string | null; rows: Change[] }>('/api/changes' + query(p)),
  sources: () => request<{ rows: (Source & { errors: SourceError[] })[] }>('/api/sources'),
  addSource: (body: { location: string; every?: string; name?: string }) =>
    request<Source>('/api/sources', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  removeSource: async (id: number) => {
    await request<null>(`/api/sources/${id}`, { method: 'DELETE' });
  },
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<UploadResult>('/api/reports', { method: 'POST', body: form });
  },
  session: freshSession,
  signIn: async (name: string, password: string) => {
    const info = await postJson<SessionInfo>('/api/session', { name, password });
    csrfToken = info.csrfToken;
    return info;
  },
  signOut: async () => {
    await request<null>('/api/session', { method: 'DELETE' });
    csrfToken = null;
  },
  decideFigure: (id: number, decision: FigureDecision) => postJson<StoredQuantity>(`/api/quantities/${id}/decision`, decision),
  decideIndicator: (id: string, decision: Record<string, unknown>) =>
    postJson<IndicatorSummary>(`/api/indicators/${encodeURIComponent(id)}/decision`, decision),
  decideConflict: (id: number, decision: { verdict: 'resolved' | 'not_conflict'; stands?: string; reason?: string }) =>
    postJson<Conflict>(`/api/conflicts/${id}/decision`, decision),
  audit: (p: { actor?: string; action?: string; from?: string; to?: string; limit?: number; offset?: number } = {}) =>
    request<Page<AuditEntry>>('/api/audit' + query(p)),
  curations: (p: { state?: 'active' | 'stale'; limit?: number; offset?: number } = {}) => request<Page<CurationRecord>>('/api/curations' + query(p)),
};

export const auditCsvUrl = (p: { actor?: string; action?: string; from?: string; to?: string }): string => '/api/audit' + query({ ...p, format: 'csv' });

export const exportUrl = (format: 'csv' | 'xlsx' | 'json', table?: string): string => '/api/export' + query({ format, table });

/** The dashboard talks to the JSON API only; these are its calls, typed by the store's row types. */
import type {
  Change,
  Conflict,
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
  Change,
  Source,
  SourceError,
  Conflict,
  ConflictSide,
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

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `${response.status} ${response.statusText}`;
    throw new ApiFailure(response.status, message);
  }
  return body as T;
}

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
    const response = await fetch(`/api/sources/${id}`, { method: 'DELETE' });
    if (!response.ok)
      throw new ApiFailure(
        response.status,
        ((await response.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `${response.status}`,
      );
  },
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<UploadResult>('/api/reports', { method: 'POST', body: form });
  },
};

export const exportUrl = (format: 'csv' | 'xlsx' | 'json', table?: string): string => '/api/export' + query({ format, table });

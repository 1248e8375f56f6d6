/**
 * Watching subscribed sources (issue 14): feeds, list pages and folders visited on their schedules
 * through a job queue, what they bring ingested through src/ingest. See README "Sources and watching".
 */
export { Watcher, type RoundSummary, type WatcherOptions } from './watcher.ts';
export { describeSource, isPrivateAddress, DEFAULT_EVERY, type SourceRequest } from './sources.ts';
export { formatInterval, parseInterval } from './schedule.ts';
export { PoliteFetcher, FetchError, USER_AGENT, type FetcherOptions } from './fetcher.ts';
export { InProcessQueue, PgQueue, type JobQueue } from './queue.ts';
export type { VisitResult } from './run-source.ts';
export type { FolderResult } from './folder.ts';

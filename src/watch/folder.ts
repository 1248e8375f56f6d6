/**
 * Folder sources. A file is known by its path with its size and modification time: an unchanged
 * file is never read again, a changed one goes through the ingest road again (which keeps the
 * report id and replaces its facts). A file modified within the settle time may still be being
 * written: it is left for later (the scan after, or the watcher's next event), so a file written
 * slowly in pieces is read once, complete.
 *
 * `scanFolder` is one pass (`watch --once`, and the catch-up when watching starts); `watchFolder`
 * follows the folder with chokidar, whose awaitWriteFinish holds an event until the file's size has
 * stopped changing.
 */
import { watch, type FSWatcher } from 'chokidar';
import { stat } from 'node:fs/promises';
import { ingestPaths } from '../ingest/index.ts';
import { expandInputs, notAReport } from '../read/walk.ts';
import type { Source, Store } from '../store/index.ts';
import { addSeconds, nextWaitSeconds } from './schedule.ts';

export interface FolderOptions {
  store: Store;
  /** Extraction worker threads per ingest; 0 (default): in this thread. */
  workers?: number;
  /** A file modified less than this long ago may be half-written (default 2 000 ms). */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface FolderResult {
  sourceId: number;
  /** Report files found, those new or changed, and the reports stored from them. */
  files: number;
  fresh: number;
  stored: number;
  /** Files left for later: modified within the settle time. */
  settling: number;
  failed: number;
  error?: string;
}

const stateOf = (info: { size: number; mtimeMs: number }): string => `${info.size}:${Math.round(info.mtimeMs)}`;

/** Ingests those of `files` that are new or changed and settled; the rest are left as they are. */
async function ingestFiles(
  source: Source,
  files: readonly string[],
  o: FolderOptions,
  settleMs = o.settleMs ?? 2000,
): Promise<Omit<FolderResult, 'sourceId' | 'files'>> {
  const seen = await o.store.seenItems(source.id, files);
  const fresh: { key: string; state: string }[] = [];
  let settling = 0;
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    const state = stateOf(info);
    if (seen.get(file) === state) continue;
    if (Date.now() - info.mtimeMs < settleMs) {
      settling++;
      continue;
    }
    fresh.push({ key: file, state });
  }
  if (!fresh.length) return { fresh: 0, stored: 0, settling, failed: 0 };
  const summary = await ingestPaths(
    fresh.map((f) => f.key),
    { store: o.store, workers: o.workers || 1, inThread: !o.workers },
  );
  for (const failure of summary.failures) {
    await o.store.recordSourceError(source.id, { at: new Date().toISOString(), location: failure.location, reason: failure.reason });
  }
  // a file that could not be read is seen too: it is tried again when it changes
  await o.store.markItemsSeen(source.id, fresh);
  o.log?.(
    `${source.name}: ${fresh.length} new or changed file(s), ${summary.new + summary.replaced} stored${summary.failed ? `, ${summary.failed} failed` : ''}`,
  );
  return { fresh: fresh.length, stored: summary.new + summary.replaced, settling, failed: summary.failed };
}

/** One pass over a folder source; the outcome (or the error) is recorded on the source. */
export async function scanFolder(source: Source, o: FolderOptions): Promise<FolderResult> {
  const files: string[] = [];
  try {
    for await (const entry of expandInputs([source.location])) {
      if ('error' in entry) throw new Error(entry.error);
      if (!('skipped' in entry)) files.push(entry.input);
    }
    const info = await stat(source.location).catch(() => null);
    if (!info?.isDirectory()) throw new Error(`${source.location} is no longer a folder`);
    const result = await ingestFiles(source, files, o);
    const at = new Date().toISOString();
    await o.store.recordSourceFetch(source.id, { ok: true, at, nextDueAt: addSeconds(at, source.everySeconds) });
    return { sourceId: source.id, files: files.length, ...result };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = new Date().toISOString();
    await o.store.recordSourceFetch(source.id, {
      ok: false,
      at,
      location: source.location,
      reason,
      nextDueAt: addSeconds(at, nextWaitSeconds(source.everySeconds, source.consecutiveErrors + 1)),
    });
    o.log?.(`${source.name}: failed: ${reason}`);
    return { sourceId: source.id, files: files.length, fresh: 0, stored: 0, settling: 0, failed: 0, error: reason };
  }
}

export interface FolderWatch {
  /** Resolves when the catch-up scan and every ingest started so far are done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Follows a folder source: a catch-up scan, then every file added or changed once chokidar has seen
 * its size settle. Ingests run one at a time per folder; events arriving meanwhile are gathered.
 */
export function watchFolder(source: Source, o: FolderOptions): FolderWatch {
  const settleMs = o.settleMs ?? 2000;
  let chain: Promise<unknown> = scanFolder(source, o);
  const pending = new Set<string>();
  const flush = () => {
    const files = [...pending];
    pending.clear();
    // chokidar has waited for the size to settle already: no second wait (its mtime may be a hair younger)
    if (files.length) chain = chain.then(() => ingestFiles(source, files, o, 0)).catch((error) => o.log?.(`${source.name}: failed: ${error}`));
  };
  const watcher: FSWatcher = watch(source.location, {
    ignoreInitial: true,
    ignored: (path: string) => /(^|[/\\])\.[^/\\]/.test(path.slice(source.location.length)),
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(50, Math.min(500, settleMs / 4)) },
  });
  const onFile = (path: string) => {
    if (notAReport(path)) return;
    pending.add(path);
    flush();
  };
  watcher.on('add', onFile).on('change', onFile);
  watcher.on('error', (error) => o.log?.(`${source.name}: watching failed: ${error}`));
  return {
    idle: async () => {
      for (let before; before !== chain;) {
        before = chain;
        await chain.catch(() => undefined);
      }
    },
    close: async () => {
      await watcher.close();
      await chain.catch(() => undefined);
    },
  };
}

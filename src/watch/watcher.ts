/**
 * Watching: every due source visited on its schedule. Feeds and list pages go through the job
 * queue (shared through PostgreSQL, in-process with SQLite), so several watchers on one database
 * share them; a due source is claimed by one watcher only (Store.dueSources with a claim). Folders
 * are local to the machine that sees them: scanned by the watcher that claims them (`once`), or
 * followed with chokidar while watching (`run`).
 */
import { isDatabaseUrl, type Source, type Store } from '../store/index.ts';
import { PoliteFetcher, type FetcherOptions } from './fetcher.ts';
import { scanFolder, watchFolder, type FolderResult, type FolderWatch } from './folder.ts';
import { InProcessQueue, PgQueue, type JobQueue } from './queue.ts';
import { visitSource, type VisitResult } from './run-source.ts';
import { addSeconds } from './schedule.ts';

export interface WatcherOptions {
  store: Store;
  /** Default: pg-boss on the store's database when it is PostgreSQL, else in-process. */
  queue?: JobQueue;
  fetcher?: FetcherOptions;
  /** Extraction worker threads per ingest; 0 (default): in the watcher's own thread. */
  workers?: number;
  /** Folder files younger than this may be half-written (ms). */
  settleMs?: number;
  /** How often due sources are looked for while running (ms, default 5 000). */
  tickMs?: number;
  /** A visit taking longer is taken for dead and retried by another watcher (s, default 900). */
  jobTimeoutSeconds?: number;
  /** How often a shared-queue worker asks for work (s, default 2). */
  pollSeconds?: number;
  log?: (line: string) => void;
}

export interface RoundSummary {
  visits: VisitResult[];
  folders: FolderResult[];
}

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export class Watcher {
  private readonly fetcher: PoliteFetcher;
  private readonly log: (line: string) => void;
  private readonly summary: RoundSummary = { visits: [], folders: [] };
  private readonly folders = new Map<number, FolderWatch>();

  private constructor(
    private readonly o: WatcherOptions,
    private readonly queue: JobQueue,
  ) {
    this.fetcher = new PoliteFetcher(o.fetcher);
    this.log = o.log ?? (() => undefined);
  }

  /** A watcher with its queue open and its worker taking jobs. */
  static async open(o: WatcherOptions): Promise<Watcher> {
    const log = o.log ?? (() => undefined);
    const queue =
      o.queue ??
      (isDatabaseUrl(o.store.location)
        ? await PgQueue.open(o.store.location, { jobTimeoutSeconds: o.jobTimeoutSeconds, pollSeconds: o.pollSeconds, log })
        : new InProcessQueue(2, log));
    const watcher = new Watcher(o, queue);
    await queue.work((job) => watcher.visit(job.sourceId));
    return watcher;
  }

  private get jobTimeoutSeconds(): number {
    return this.o.jobTimeoutSeconds ?? 900;
  }

  /** The job: one visit of a URL source, as it is in the store now (it may have been removed). */
  private async visit(sourceId: number): Promise<void> {
    const source = await this.o.store.source(sourceId);
    if (!source || source.kind === 'folder') return;
    this.log(`${source.name}: visiting ${source.location}`);
    this.summary.visits.push(await visitSource(source, { store: this.o.store, fetcher: this.fetcher, workers: this.o.workers, log: this.log }));
  }

  /** Claims the due sources: URL sources are queued, folder sources handed to `folder`. */
  private async claimDue(folder: (source: Source) => Promise<void>): Promise<void> {
    const now = new Date().toISOString();
    const due = await this.o.store.dueSources(now, addSeconds(now, this.jobTimeoutSeconds));
    for (const source of due) {
      if (source.kind === 'folder') await folder(source);
      else await this.queue.send({ sourceId: source.id });
    }
  }

  /** One round (`watch --once`): the due sources visited; returns when the queue is idle. */
  async once(signal?: AbortSignal): Promise<RoundSummary> {
    await this.claimDue(async (source) => {
      this.summary.folders.push(await scanFolder(source, { store: this.o.store, workers: this.o.workers, settleMs: this.o.settleMs, log: this.log }));
    });
    await this.queue.idle(signal);
    return this.summary;
  }

  /** Until `signal` aborts: due sources visited on their schedules, folders followed as they change. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.followFolders();
        // a folder followed is claimed like any source (so its schedule moves on), but its
        // watcher does the work as files change
        await this.claimDue(async (source) => {
          const at = new Date().toISOString();
          if (!this.folders.has(source.id)) return;
          await this.o.store.recordSourceFetch(source.id, { ok: true, at, nextDueAt: addSeconds(at, source.everySeconds) });
        });
      } catch (error) {
        this.log(`watch: ${error instanceof Error ? error.message : error}`);
      }
      await sleep(this.o.tickMs ?? 5000, signal);
    }
  }

  /** Starts following folder sources added since the last tick, stops those removed. */
  private async followFolders(): Promise<void> {
    const folders = (await this.o.store.sources()).filter((s) => s.kind === 'folder');
    const ids = new Set(folders.map((s) => s.id));
    for (const [id, watch] of this.folders) {
      if (!ids.has(id)) {
        this.folders.delete(id);
        await watch.close();
      }
    }
    for (const source of folders) {
      if (this.folders.has(source.id)) continue;
      this.log(`${source.name}: following ${source.location}`);
      this.folders.set(source.id, watchFolder(source, { store: this.o.store, workers: this.o.workers, settleMs: this.o.settleMs, log: this.log }));
    }
  }

  /** Resolves when every followed folder has ingested what it has seen so far. */
  async foldersIdle(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.idle()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.close()));
    this.folders.clear();
    await this.queue.stop();
  }
}

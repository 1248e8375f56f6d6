/**
 * The job queue visits go through. With PostgreSQL, pg-boss keeps the jobs in the database, so any
 * number of `twincity watch` processes on any number of machines share them: a source has at most
 * one visit queued and one running (a "stately" queue keyed by source), and a visit whose worker
 * died is failed by timeout and retried by another. With SQLite (one machine, one writer) an
 * in-process queue does the same within the process.
 */
import PgBoss from 'pg-boss';

export interface VisitJob {
  sourceId: number;
}

export interface JobQueue {
  /** Queues a visit; a visit of the same source already waiting makes this a no-op. */
  send(job: VisitJob): Promise<void>;
  /** Starts taking jobs; a handler that throws has its job retried later. */
  work(handler: (job: VisitJob) => Promise<void>): Promise<void>;
  /** Resolves once no job is waiting or running (anywhere, for a shared queue). */
  idle(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Within one process: visits run `concurrency` at a time, one per source at once. */
export class InProcessQueue implements JobQueue {
  private readonly waiting: VisitJob[] = [];
  private readonly running = new Set<number>();
  private handler: ((job: VisitJob) => Promise<void>) | null = null;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async send(job: VisitJob): Promise<void> {
    if (this.stopped || this.waiting.some((j) => j.sourceId === job.sourceId)) return;
    this.waiting.push(job);
    this.pump();
  }

  async work(handler: (job: VisitJob) => Promise<void>): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  private pump(): void {
    if (!this.handler || this.stopped) return;
    while (this.running.size < this.concurrency) {
      const n = this.waiting.findIndex((j) => !this.running.has(j.sourceId));
      if (n < 0) break;
      const [job] = this.waiting.splice(n, 1);
      this.running.add(job.sourceId);
      this.handler(job)
        .catch((error: unknown) => this.log(`source ${job.sourceId}: visit failed: ${error instanceof Error ? error.message : error}`))
        .finally(() => {
          this.running.delete(job.sourceId);
          this.pump();
          if (!this.running.size && !this.waiting.length) this.idleWaiters.splice(0).forEach((wake) => wake());
        });
    }
  }

  idle(): Promise<void> {
    if (!this.running.size && !this.waiting.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    if (this.running.size) await this.idle();
  }
}

export const QUEUE_NAME = 'twincity-visit';
/** pg-boss keeps its tables in a schema of its own, apart from the store's. */
export const QUEUE_SCHEMA = 'twincity_queue';

export interface PgQueueOptions {
  /** A visit running longer than this is taken for dead and retried elsewhere (default 900 s). */
  jobTimeoutSeconds?: number;
  /** How often a worker asks for work (default 2 s; at least 0.5 s). */
  pollSeconds?: number;
  log?: (line: string) => void;
}

/** The shared queue: pg-boss over the store's PostgreSQL database. */
export class PgQueue implements JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly o: Required<PgQueueOptions>,
  ) {}

  static async open(url: string, options: PgQueueOptions = {}): Promise<PgQueue> {
    const o: Required<PgQueueOptions> = { jobTimeoutSeconds: 900, pollSeconds: 2, log: () => undefined, ...options };
    const boss = new PgBoss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: 4,
      // timed-out jobs are found by the supervisor: often enough that a dead worker's job waits
      // about its timeout, not minutes more
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(o.jobTimeoutSeconds / 2))),
      schedule: false,
    });
    boss.on('error', (error) => o.log(`queue: ${error.message}`));
    await boss.start();
    await boss.createQueue(QUEUE_NAME, {
      name: QUEUE_NAME,
      policy: 'stately',
      retryLimit: 5,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: o.jobTimeoutSeconds,
    });
    return new PgQueue(boss, o);
  }

  async send(job: VisitJob): Promise<void> {
    await this.boss.send(QUEUE_NAME, job, { singletonKey: `source:${job.sourceId}`, expireInSeconds: this.o.jobTimeoutSeconds });
  }

  async work(handler: (job: VisitJob) => Promise<void>): Promise<void> {
    await this.boss.work<VisitJob>(QUEUE_NAME, { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, this.o.pollSeconds) }, async ([job]) => {
      await handler(job.data);
    });
  }

  /** Waits until no visit is queued, retrying or running — a dead worker's included, until it times out and is done elsewhere. */
  async idle(signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted && (await this.boss.getQueueSize(QUEUE_NAME, { before: 'completed' })) > 0) await sleep(Math.max(250, this.o.pollSeconds * 500));
  }

  /** Lets the running visit finish (no new one is taken), then closes the queue's connections. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}

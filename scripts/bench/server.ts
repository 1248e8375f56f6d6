/**
 * The real server for the bench's HTTP sections: `twincity start` (or `serve`) in a child process,
 * so the load generator does not share its event loop, on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface BenchServer {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** `start` ingests the bundled corpus into an empty store first; `serve` serves the store as it is. */
  command?: 'start' | 'serve';
  cacheTtlMs?: number;
  /** Requests per minute per client address; 0 turns the limiter off (the default here). */
  rateLimit?: number;
  /** Flags for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

/** Starts the server over `store`; resolves once it listens. */
export function startServer(store: string, options: ServerOptions = {}): Promise<BenchServer> {
  const args = [
    ...(options.nodeArgs ?? []),
    join(repoRoot, 'bin', 'twincity.js'),
    options.command ?? 'start',
    '--store',
    store,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--rate-limit',
    String(options.rateLimit ?? 0),
    '--cache-ttl',
    String(options.cacheTtlMs ?? 2000),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /serving .* on (http:\/\/\S+)/.exec(stderr);
      if (match)
        resolvePromise({
          child,
          base: match[1],
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`twincity ${options.command ?? 'start'} exited (${code}) before listening:\n${stderr}`)));
  });
}

/** A Linux process's resident set now and at its peak (VmRSS, VmHWM), in bytes; null elsewhere. */
export function processMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * CPU seconds each thread of a Linux process has used (user + system, from /proc/PID/task/*\/stat),
 * by thread name (the main thread is named after the process; Node names its workers, its GC and
 * libuv helpers). Empty elsewhere. Two readings' difference over a run shows whether the server's
 * one JavaScript thread was saturated or waiting for a core.
 */
export function threadCpu(pid: number): Map<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = (tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))).trim();
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticks);
    }
  } catch {
    // not Linux, or the process is gone
  }
  return out;
}

/**
 * The main thread's time on a CPU and waiting in the run queue for one (seconds, from
 * /proc/PID/schedstat); null where the kernel does not keep it. Waiting time is starvation: the
 * thread had work and no core.
 */
export function mainThreadSchedule(pid: number): { onCpu: number; waiting: number } | null {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
  } catch {
    return null;
  }
}

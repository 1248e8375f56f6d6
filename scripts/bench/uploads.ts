/**
 * Uploads as the dashboard sends them (POST /api/reports, multipart field `file`, the session
 * cookie and its CSRF token from GET /api/session), paced by the clock: one every `everyMs`
 * whether or not the previous one was answered, as users uploading independently would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { repoRoot } from './server.ts';
import { smallReport } from './small-reports.ts';

export interface UploadTally {
  sent: number;
  /** 200 or 201: read, extracted, stored and the derived data rebuilt before the answer. */
  accepted: number;
  created: number;
  unchanged: number;
  maxInFlight: number;
  latencies: number[];
  /** Answers other than 200/201 by status and error code ("503 busy"), and network errors. */
  errors: Map<string, number>;
}

async function session(base: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/session`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  if (!cookie || !csrfToken) throw new Error('GET /api/session gave no session cookie or CSRF token');
  return { cookie, 'x-csrf-token': csrfToken };
}

function multipart(file: { name: string; bytes: Uint8Array; type: string }): { body: Buffer; type: string } {
  const boundary = `----twincity-bench-${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

function post(base: string, headers: Record<string, string>, file: { name: string; bytes: Uint8Array; type: string }, agent: http.Agent) {
  const { body, type } = multipart(file);
  return new Promise<{ status: number; text: string }>((done, fail) => {
    const request = http.request(
      `${base}/api/reports`,
      { method: 'POST', agent, headers: { ...headers, 'content-type': type, 'content-length': body.length }, timeout: 60_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', fail);
    request.end(body);
  });
}

export function pacedUploads(
  base: string,
  everyMs: number,
  durationMs: number,
  file: (index: number) => { name: string; bytes: Uint8Array; type: string },
): { finished: Promise<UploadTally> } {
  const tally: UploadTally = { sent: 0, accepted: 0, created: 0, unchanged: 0, maxInFlight: 0, latencies: [], errors: new Map() };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const count = (kind: string) => tally.errors.set(kind, (tally.errors.get(kind) ?? 0) + 1);
  const finished = (async () => {
    const headers = await session(base);
    const pending = new Set<Promise<void>>();
    const until = performance.now() + durationMs;
    for (let index = 0; performance.now() < until; index++) {
      const started = performance.now();
      tally.sent++;
      const one = post(base, headers, file(index), agent)
        .then(({ status, text }) => {
          tally.latencies.push(performance.now() - started);
          if (status === 200 || status === 201) {
            tally.accepted++;
            if (status === 201) tally.created++;
            else tally.unchanged++;
          } else count(`${status} ${/"code":"([^"]+)"/.exec(text)?.[1] ?? ''}`.trim());
        })
        .catch((error: Error) => {
          count((error as NodeJS.ErrnoException).code ?? error.message);
        })
        .finally(() => pending.delete(one));
      pending.add(one);
      tally.maxInFlight = Math.max(tally.maxInFlight, pending.size);
      await new Promise((wake) => setTimeout(wake, Math.max(0, started + everyMs - performance.now())));
    }
    await Promise.all(pending);
    agent.destroy();
    return tally;
  })();
  return { finished };
}

/** What is uploaded: in turn a bundled report with a line of its own (new content, the same facts) and a small generated one. */
export function uploadFile(index: number): { name: string; bytes: Uint8Array; type: string } {
  const corpus = join(repoRoot, 'data', 'corpus');
  const files = readdirSync(corpus).sort();
  if (index % 2 === 0) {
    const file = files[(index / 2) % files.length];
    const bytes = Buffer.concat([readFileSync(join(corpus, file)), Buffer.from(`\n\n（转载编号 ${index}）\n`)]);
    return { name: `load-${index}-${file}`, bytes, type: 'text/plain' };
  }
  const small = smallReport(9, index);
  return { name: `load-${index}-${small.name}`, bytes: small.bytes, type: 'text/markdown' };
}


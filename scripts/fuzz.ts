/**
 * `npm run fuzz -- --cases N [--seed S] [--hang-ms MS] [--corpus DIR]… [--jobs J]`: mutated copies
 * of the shipped and development corpora through the whole pipeline; prints the counts, cases/s
 * and every finding (crash, hang, non-finite value) with the case index and seed file to reproduce
 * it. Exits 1 on any. `--jobs J` runs J processes side by side, each every J-th case (`--shard K/J`),
 * and adds up their counts: the same N cases as one process, in a J-th of the time on J free cores.
 * A progress line goes to stderr every 30 s.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mergeSummaries, runFuzz, type FuzzSummary } from './fuzz/run.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '16' },
    'hang-ms': { type: 'string', default: '10000' },
    corpus: { type: 'string', multiple: true },
    jobs: { type: 'string', default: '1' },
    shard: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const positive = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: not a whole number: ${text}`);
  return n;
};
const here = new URL('..', import.meta.url).pathname;
const corpora = values.corpus?.length ? values.corpus.map((c) => resolve(c)) : [resolve(here, '../shared/corpus'), resolve(here, '../shared/devcorpus')];
const cases = positive('cases', values.cases);
const jobs = Math.max(1, positive('jobs', values.jobs));
const shardMatch = values.shard ? /^(\d+)\/(\d+)$/.exec(values.shard) : null;
if (values.shard && (!shardMatch || Number(shardMatch[1]) >= Number(shardMatch[2]))) throw new Error(`--shard K/N with K < N, not ${values.shard}`);
const shard = shardMatch ? { index: Number(shardMatch[1]), count: Number(shardMatch[2]) } : undefined;

/** One shard in a child process; its summary comes back as the last line of its stdout (--json). */
function runShard(index: number): Promise<FuzzSummary> {
  const args = [
    fileURLToPath(import.meta.url),
    '--cases',
    String(cases),
    '--seed',
    values.seed!,
    '--hang-ms',
    values['hang-ms']!,
    '--shard',
    `${index}/${jobs}`,
    '--json',
  ];
  for (const c of corpora) args.push('--corpus', c);
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((done, fail) =>
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (last.startsWith('{')) done(JSON.parse(last) as FuzzSummary);
      else fail(new Error(`fuzz shard ${index}/${jobs} exited ${code} without a summary`));
    }),
  );
}

const started = performance.now();
let lastLine = started;
const progress = (sofar: Readonly<FuzzSummary>) => {
  const now = performance.now();
  if (now - lastLine < 30_000) return;
  lastLine = now;
  const label = shard ? ` (shard ${shard.index}/${shard.count})` : '';
  const rate = sofar.cases / ((now - started) / 1000);
  process.stderr.write(
    `  … fuzz${label}: ${sofar.cases} cases, ${rate.toFixed(1)} cases/s; ${sofar.crashes} crashes, ${sofar.hangs} hangs, ${sofar.nonFinite} non-finite so far\n`,
  );
};
const summary =
  jobs > 1 && !shard
    ? mergeSummaries(await Promise.all(Array.from({ length: jobs }, (_, i) => runShard(i))))
    : runFuzz({ cases, seed: positive('seed', values.seed), hangMs: positive('hang-ms', values['hang-ms']), corpora, shard, onCase: progress });
const seconds = (performance.now() - started) / 1000;
if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
else {
  for (const f of summary.findings) process.stdout.write(`${f.kind} case ${f.index} (seed file ${f.seed}): ${f.detail}\n`);
  process.stdout.write(
    `fuzz: ${summary.cases} cases in ${seconds.toFixed(1)} s (${(summary.cases / seconds).toFixed(1)} cases/s, ${jobs} process${jobs > 1 ? 'es' : ''}): ` +
      `${summary.read} read, ${summary.refused} refused; ` +
      `${summary.crashes} crashes, ${summary.hangs} hangs, ${summary.nonFinite} with non-finite values; slowest ${Math.round(summary.slowestMs)} ms\n`,
  );
}
process.exitCode = summary.findings.length ? 1 : 0;

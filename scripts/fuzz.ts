/**
 * `npm run fuzz -- --cases N [--seed S] [--hang-ms MS] [--corpus DIR]…`: mutated copies of the
 * shipped and development corpora through the whole pipeline; prints the counts and every finding
 * (crash, hang, non-finite value) with the case index and seed file to reproduce it. Exits 1 on any.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz/run.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '16' },
    'hang-ms': { type: 'string', default: '10000' },
    corpus: { type: 'string', multiple: true },
  },
});
const positive = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: not a whole number: ${text}`);
  return n;
};
const here = new URL('..', import.meta.url).pathname;
const corpora = values.corpus?.length ? values.corpus.map((c) => resolve(c)) : [resolve(here, '../shared/corpus'), resolve(here, '../shared/devcorpus')];
const started = performance.now();
const summary = runFuzz({
  cases: positive('cases', values.cases),
  seed: positive('seed', values.seed),
  hangMs: positive('hang-ms', values['hang-ms']),
  corpora,
});
const seconds = (performance.now() - started) / 1000;
for (const f of summary.findings) process.stdout.write(`${f.kind} case ${f.index} (seed file ${f.seed}): ${f.detail}\n`);
process.stdout.write(
  `fuzz: ${summary.cases} cases in ${seconds.toFixed(1)} s: ${summary.read} read, ${summary.refused} refused; ` +
    `${summary.crashes} crashes, ${summary.hangs} hangs, ${summary.nonFinite} with non-finite values; slowest ${Math.round(summary.slowestMs)} ms\n`,
);
process.exitCode = summary.findings.length ? 1 : 0;

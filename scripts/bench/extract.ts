/**
 * Extraction throughput for the full read → clean → extract path (`npm run bench -- --only extract`):
 * the bundled corpus (data/corpus), read from bytes each round, on one core. Prints MB/s of input
 * bytes and reports/s for the whole path, for read + clean alone and for the extract stages alone
 * (on already-clean Documents), so the share of each part is measured, not inferred.
 * Each part is warmed up first (`--warm-up S`, default 4 s), then timed over `--rounds N` (default 40); `--corpus DIR` times another folder instead (e.g. one written by
 * `npm run corpus -- --reports 2000 --out /tmp/c2k`), read recursively, one round by default.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../../src/document/index.ts';
import { cleanStages } from '../../src/clean/index.ts';
import { extractStages } from '../../src/extract/index.ts';
import { processDocument } from '../../src/pipeline.ts';
import { readBytes } from '../../src/read/index.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'data', 'corpus');
/**
 * Each part runs this long before it is timed. V8 optimizes hot functions in tiers as it sees them
 * run; on the five-report corpus the full path needs a few hundred rounds (seconds) to settle, and
 * a batch of thousands of reports runs at the settled speed. `--warm-up S` changes it.
 */
const WARM_UP_SECONDS = 4;

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** Wall and CPU time of `rounds` calls. CPU time counts this process's helper threads (GC, JIT) too. */
function time(rounds: number, once: () => void): Timing {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let r = 0; r < rounds; r++) once();
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** The report's Documents, or none when it cannot be read (a bad file does not stop the benchmark). */
function read(file: { location: string; bytes: Uint8Array }): Document[] {
  try {
    return readBytes(file.bytes, { location: file.location });
  } catch {
    return [];
  }
}

const cleanDocument = (doc: Document): Document => cleanStages.reduce((d, stage) => stage.run(d), doc);

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const corpus = argv.includes('--corpus') ? argv[argv.indexOf('--corpus') + 1] : CORPUS;
  const rounds = Number(argv.includes('--rounds') ? argv[argv.indexOf('--rounds') + 1] : corpus === CORPUS ? 40 : 1);
  const files = filesUnder(corpus).map((location) => ({ location, bytes: new Uint8Array(readFileSync(location)) }));
  const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const reportsPerRound = files.flatMap(read).length;
  let quantities = 0;

  const fullPath = () => {
    for (const f of files) for (const doc of read(f)) quantities += processDocument(doc).quantities.length;
  };
  const readAndClean = () => {
    for (const f of files) read(f).forEach(cleanDocument);
  };
  const cleaned = files.flatMap(read).map(cleanDocument);
  const extractOnly = () => {
    for (const doc of cleaned) {
      let current: Document = { ...doc, stages: [] };
      for (const stage of extractStages) current = stage.run(current);
    }
  };

  // The path as a short batch sees it: the first rounds, while V8 is still optimizing.
  fullPath(); // the segmenter loads its dictionary
  const coldRounds = Math.min(rounds, 40);
  const cold = time(coldRounds, fullPath);
  // Warm up every part alike (the JIT settles), then time each.
  const warmUp = Number(argv.includes('--warm-up') ? argv[argv.indexOf('--warm-up') + 1] : WARM_UP_SECONDS);
  for (const part of [fullPath, readAndClean, extractOnly]) {
    const until = process.hrtime.bigint() + BigInt(Math.round(warmUp * 1e9));
    do part();
    while (process.hrtime.bigint() < until);
  }
  quantities = 0;
  const whole = time(rounds, fullPath);
  const readClean = time(rounds, readAndClean);
  const extract = time(rounds, extractOnly);

  const mb = (totalBytes * rounds) / 1024 / 1024;
  const rate = (t: Timing) =>
    `${(mb / t.seconds).toFixed(2)} MB/s, ${((reportsPerRound * rounds) / t.seconds).toFixed(1)} reports/s wall; ` +
    `${(mb / t.cpuSeconds).toFixed(2)} MB/s, ${((reportsPerRound * rounds) / t.cpuSeconds).toFixed(1)} reports/s per CPU-second`;
  console.log(`corpus: ${corpus === CORPUS ? 'data/corpus' : corpus}: ${reportsPerRound} reports, ${(totalBytes / 1024).toFixed(1)} KiB, ${rounds} round(s) after ${warmUp} s of warm-up per part, one core`);
  // Wall time suffers when other processes share the cores; CPU time is what this process spends.
  console.log(`read→clean→extract: ${rate(whole)} (target ≥ 5 MB/s)`);
  const coldMb = (totalBytes * coldRounds) / 1024 / 1024;
  console.log(
    `  before warm-up (first ${coldRounds} round(s)): ${(coldMb / cold.seconds).toFixed(2)} MB/s wall, ${(coldMb / cold.cpuSeconds).toFixed(2)} MB/s per CPU-second`,
  );
  console.log(`read+clean alone: ${rate(readClean)}; ${((readClean.seconds / (readClean.seconds + extract.seconds)) * 100).toFixed(0)}% of read+clean+extract`);
  console.log(`extract stages alone: ${rate(extract)}; ${((extract.seconds / (readClean.seconds + extract.seconds)) * 100).toFixed(0)}% of read+clean+extract`);
  console.log(`quantities per round: ${quantities / rounds}`);
}

/**
 * Extraction throughput for the full read → clean → extract path (`npm run bench -- --only extract`):
 * the bundled corpus (data/corpus), read from bytes each round, on one core. Prints MB/s of input
 * bytes and reports/s, and the extract stages' share of the time. `--rounds N` (default 40).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../../src/document/index.ts';
import { cleanStages } from '../../src/clean/index.ts';
import { extractStages } from '../../src/extract/index.ts';
import { processDocument } from '../../src/pipeline.ts';
import { readBytes } from '../../src/read/index.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'data', 'corpus');

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const rounds = Number(argv.includes('--rounds') ? argv[argv.indexOf('--rounds') + 1] : 40);
  const files = readdirSync(CORPUS)
    .sort()
    .map((name) => ({ name, location: join(CORPUS, name), bytes: new Uint8Array(readFileSync(join(CORPUS, name))) }));
  const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

  const once = (): { docs: Document[]; quantities: number } => {
    const docs = files.flatMap((f) => readBytes(f.bytes, { location: f.location, source: f.name })).map(processDocument);
    return { docs, quantities: docs.reduce((n, d) => n + d.quantities.length, 0) };
  };
  once(); // warm up: the segmenter loads its dictionary, the JIT settles

  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let reports = 0;
  let quantities = 0;
  for (let r = 0; r < rounds; r++) {
    const result = once();
    reports += result.docs.length;
    quantities += result.quantities;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  // The extract stages alone, on already-clean Documents, for the share of the time they take.
  const cleaned = files.flatMap((f) => readBytes(f.bytes, { location: f.location, source: f.name })).map((d) => cleanStages.reduce((doc, s) => s.run(doc), d));
  const extractStart = process.hrtime.bigint();
  const extractCpuStart = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const doc of cleaned) {
      let current: Document = { ...doc, stages: [] };
      for (const stage of extractStages) current = stage.run(current);
    }
  }
  const extractSeconds = Number(process.hrtime.bigint() - extractStart) / 1e9;
  const extractCpu = process.cpuUsage(extractCpuStart);
  const extractCpuSeconds = (extractCpu.user + extractCpu.system) / 1e6;

  const mb = (totalBytes * rounds) / 1024 / 1024;
  console.log(`corpus: ${files.length} reports, ${(totalBytes / 1024).toFixed(1)} KiB, ${rounds} rounds, one core`);
  // Wall time suffers when other processes share the cores; CPU time is what one core spends.
  console.log(`read→clean→extract: ${(mb / seconds).toFixed(2)} MB/s, ${(reports / seconds).toFixed(1)} reports/s wall; ${(mb / cpuSeconds).toFixed(2)} MB/s per CPU-second (target ≥ 5 MB/s)`);
  console.log(`extract stages alone: ${(mb / extractSeconds).toFixed(2)} MB/s wall, ${(mb / extractCpuSeconds).toFixed(2)} MB/s per CPU-second; ${((extractSeconds / seconds) * 100).toFixed(0)}% of the path`);
  console.log(`quantities per round: ${quantities / rounds}`);
}

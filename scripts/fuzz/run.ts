/**
 * One fuzz run: mutated reports through read → clean → extract → reconcile, checking that every
 * case either reads or is refused with a ReportError (no crash), finishes within a time limit (no
 * hang), and yields finite numbers only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ReportError, type Document } from '../../src/document/index.ts';
import { processDocument } from '../../src/pipeline.ts';
import { readBytes } from '../../src/read/index.ts';
import { mutateCase } from './mutate.ts';

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Folders whose files are the seeds (default: the shipped and development corpora). */
  corpora: readonly string[];
  /** A case slower than this counts as a hang (ms). */
  hangMs: number;
  /** Run only the cases whose index is `index` modulo `count` (one of `count` processes side by side). */
  shard?: { index: number; count: number };
  /** Called after every case with the counts so far. */
  onCase?: (sofar: Readonly<FuzzSummary>) => void;
}

export interface FuzzFinding {
  index: number;
  seed: string;
  kind: 'crash' | 'hang' | 'non-finite';
  detail: string;
}

export interface FuzzSummary {
  cases: number;
  read: number;
  refused: number;
  crashes: number;
  hangs: number;
  nonFinite: number;
  findings: FuzzFinding[];
  slowestMs: number;
}

/** The seed files: every regular file of the corpora but their READMEs, in name order. */
export function seedFiles(corpora: readonly string[]): string[] {
  return corpora.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => !/^readme/i.test(name) && !name.startsWith('.'))
      .sort()
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile()),
  );
}

/** The numbers a document carries that are not finite, as "quantities[3].value". */
export function nonFiniteValues(doc: Document): string[] {
  const bad: string[] = [];
  const check = (where: string, n: number | null | undefined) => {
    if (n !== null && n !== undefined && !Number.isFinite(n)) bad.push(where);
  };
  doc.quantities.forEach((q, i) => {
    check(`quantities[${i}].value`, q.value);
    check(`quantities[${i}].valueMax`, q.valueMax);
  });
  doc.items.forEach((it, i) => {
    check(`items[${i}].total`, it.total);
    check(`items[${i}].done`, it.done);
  });
  return bad;
}

export function runFuzz(options: FuzzOptions): FuzzSummary {
  const paths = seedFiles(options.corpora);
  if (!paths.length) throw new Error(`fuzz: no seed files in ${options.corpora.join(', ')}`);
  const seeds = paths.map((p) => new Uint8Array(readFileSync(p)));
  const summary: FuzzSummary = { cases: 0, read: 0, refused: 0, crashes: 0, hangs: 0, nonFinite: 0, findings: [], slowestMs: 0 };
  const shard = options.shard ?? { index: 0, count: 1 };
  for (let index = shard.index; index < options.cases; index += shard.count) {
    const { bytes, seedIndex } = mutateCase(seeds, options.seed, index);
    const seed = paths[seedIndex];
    const started = performance.now();
    summary.cases++;
    try {
      for (const doc of readBytes(bytes, { location: `fuzz:${index}` })) {
        const bad = nonFiniteValues(processDocument(doc));
        if (bad.length) {
          summary.nonFinite++;
          summary.findings.push({ index, seed, kind: 'non-finite', detail: bad.slice(0, 5).join(', ') });
        }
      }
      summary.read++;
    } catch (error) {
      if (error instanceof ReportError) summary.refused++;
      else {
        summary.crashes++;
        summary.findings.push({ index, seed, kind: 'crash', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    const ms = performance.now() - started;
    summary.slowestMs = Math.max(summary.slowestMs, ms);
    if (ms > options.hangMs) {
      summary.hangs++;
      summary.findings.push({ index, seed, kind: 'hang', detail: `${Math.round(ms)} ms` });
    }
    options.onCase?.(summary);
  }
  return summary;
}

/** The summaries of several shards of one run as one. */
export function mergeSummaries(parts: readonly FuzzSummary[]): FuzzSummary {
  const total: FuzzSummary = { cases: 0, read: 0, refused: 0, crashes: 0, hangs: 0, nonFinite: 0, findings: [], slowestMs: 0 };
  for (const p of parts) {
    for (const key of ['cases', 'read', 'refused', 'crashes', 'hangs', 'nonFinite'] as const) total[key] += p[key];
    total.findings.push(...p.findings);
    total.slowestMs = Math.max(total.slowestMs, p.slowestMs);
  }
  total.findings.sort((a, b) => a.index - b.index);
  return total;
}

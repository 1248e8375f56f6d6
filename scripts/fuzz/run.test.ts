import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDir } from '../../test/helpers.ts';
import { mergeSummaries, runFuzz } from './run.ts';

// The shipped and development corpora when they sit beside the checkout, else the bundled reports.
const corpora = existsSync(join(sharedDir, 'corpus')) ? [join(sharedDir, 'corpus'), join(sharedDir, 'devcorpus')] : [join(repoRoot, 'data', 'corpus')];

describe('fuzz (300 cases; `npm run bench -- --only fuzz` runs 100,000)', () => {
  it('reads or refuses every mutated report: 0 crashes, 0 hangs, 0 non-finite values', () => {
    const summary = runFuzz({ cases: 300, seed: 7, hangMs: 30_000, corpora });
    expect(summary.findings).toEqual([]);
    expect(summary.cases).toBe(300);
    expect(summary.read + summary.refused).toBe(300);
  }, 240_000); // ≈ 5 s on an idle machine, 48 s on the shared one: the limit is for a busy machine, not a speed check

  it('splits a run into shards that add up to the same counts', () => {
    const options = { cases: 12, seed: 3, hangMs: 30_000, corpora };
    const whole = runFuzz(options);
    const parts = mergeSummaries([0, 1, 2].map((index) => runFuzz({ ...options, shard: { index, count: 3 } })));
    expect({ ...parts, slowestMs: 0 }).toEqual({ ...whole, slowestMs: 0 });
  });
});

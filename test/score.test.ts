// The scorer of ../shared/eval run on the corpus the project started from, with the thresholds
// the issues set. The held-out set is scored the same way; these are floors, not targets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, runCliInProcess, sharedDir } from './helpers.ts';

interface Figures {
  quantities: { f1: number; precision: number; recall: number };
  attributes: Record<'subject' | 'period' | 'approx' | 'measure' | 'region', number>;
  events: { f1: number };
  text: number;
  meta: number;
  missing: string[];
}

describe.skipIf(!hasShared)('scorer on ../shared/corpus', () => {
  let figures: Figures;
  beforeAll(async () => {
    const jsonl = await runCliInProcess(['extract', join(sharedDir, 'corpus')]);
    const file = join(mkdtempSync(join(tmpdir(), 'twincity-score-')), 'predictions.jsonl');
    writeFileSync(file, jsonl);
    const out = execFileSync(process.execPath, [join(sharedDir, 'eval', 'score.mjs'), '--gold', join(sharedDir, 'eval', 'gold'), '--json', file], {
      encoding: 'utf8',
    });
    figures = JSON.parse(out);
  });

  it('reads every report', () => expect(figures.missing).toEqual([]));
  it('keeps the main text (text checks 1.000)', () => expect(figures.text).toBe(1));
  it('finds title and date (meta 1.000)', () => expect(figures.meta).toBe(1));
  it('finds the quantities (F1 ≥ 0.95)', () => expect(figures.quantities.f1).toBeGreaterThanOrEqual(0.95));
  it('reads their attributes', () => {
    const a = figures.attributes;
    expect(a.subject).toBeGreaterThanOrEqual(0.85);
    expect(a.period).toBeGreaterThanOrEqual(0.9);
    expect(a.approx).toBeGreaterThanOrEqual(0.95);
    expect(a.measure).toBeGreaterThanOrEqual(0.9);
    expect(a.region).toBeGreaterThanOrEqual(0.85);
  });
  it('finds the events (F1 ≥ 0.90)', () => expect(figures.events.f1).toBeGreaterThanOrEqual(0.9));
});

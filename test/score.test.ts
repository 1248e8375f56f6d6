// The scorer of ../shared/eval run on the corpus the project started from, with the thresholds
// the issues set. The held-out set is scored the same way; these are floors, not targets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasShared, repoRoot, runCliInProcess, sharedDir } from './helpers.ts';

interface Figures {
  quantities: { f1: number; precision: number; recall: number };
  attributes: Record<'subject' | 'period' | 'approx' | 'measure' | 'region', number>;
  events: { f1: number };
  targets: { f1: number };
  series: { f1: number; precision: number };
  text: number;
  meta: number;
  missing: string[];
  reports: number;
}

/** Extracts `inputs` in-process and scores the lines against a gold folder. */
async function score(inputs: string[], gold: string): Promise<{ figures: Figures; jsonl: string }> {
  // A folder of real reports may hold a record with no text: extract says so and exits 1.
  const jsonl = await runCliInProcess(['extract', ...inputs], { allowFail: true });
  const file = join(mkdtempSync(join(tmpdir(), 'twincity-score-')), 'predictions.jsonl');
  writeFileSync(file, jsonl);
  const out = execFileSync(process.execPath, [join(sharedDir, 'eval', 'score.mjs'), '--gold', gold, '--json', file], { encoding: 'utf8' });
  return { figures: JSON.parse(out) as Figures, jsonl };
}

/** Each attribute's share at or above its floor. */
function expectAttributes(figures: Figures, floors: Figures['attributes']): void {
  for (const [name, floor] of Object.entries(floors) as [keyof Figures['attributes'], number][]) {
    expect(figures.attributes[name], name).toBeGreaterThanOrEqual(floor);
  }
}

describe.skipIf(!hasShared)('scorer on ../shared/corpus', () => {
  let figures: Figures;
  beforeAll(async () => {
    ({ figures } = await score([join(sharedDir, 'corpus')], join(sharedDir, 'eval', 'gold')));
  });
  it('finds the targets (F1 ≥ 0.85) and files figures by meaning (series precision ≥ 0.95)', () => {
    expect(figures.targets.f1).toBeGreaterThanOrEqual(0.85);
    expect(figures.series.precision).toBeGreaterThanOrEqual(0.95);
    expect(figures.series.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('reads every report', () => expect(figures.missing).toEqual([]));
  it('keeps the main text (text checks 1.000)', () => expect(figures.text).toBe(1));
  it('finds title and date (meta 1.000)', () => expect(figures.meta).toBe(1));
  it('finds the quantities (F1 ≥ 0.95)', () => expect(figures.quantities.f1).toBeGreaterThanOrEqual(0.95));
  it('reads their attributes', () => expectAttributes(figures, { subject: 0.85, period: 0.9, approx: 0.95, measure: 0.9, region: 0.85 }));
  it('finds the events (F1 ≥ 0.90)', () => expect(figures.events.f1).toBeGreaterThanOrEqual(0.9));
});

// Hand-written gold for reports of every kind in ../shared/devcorpus (data/eval/gold-dev, by the
// guide). Floors at what the readings measure today, so a change that loses ground fails; the
// issue's targets (README: Measured) are above several of them.
describe.skipIf(!hasShared)('scorer on the development gold (../shared/devcorpus)', () => {
  let figures: Figures;
  beforeAll(async () => {
    ({ figures } = await score([join(sharedDir, 'devcorpus')], join(repoRoot, 'data', 'eval', 'gold-dev')));
  });
  it('reads every report the gold names', () => {
    expect(figures.missing).toEqual([]);
    expect(figures.reports).toBeGreaterThanOrEqual(40);
  });
  it('keeps the main text and finds title and date', () => {
    expect(figures.text).toBeGreaterThanOrEqual(0.98);
    expect(figures.meta).toBeGreaterThanOrEqual(0.95);
  });
  it('finds the quantities', () => {
    expect(figures.quantities.f1).toBeGreaterThanOrEqual(0.98);
    expect(figures.quantities.precision).toBeGreaterThanOrEqual(0.99);
  });
  it('reads their attributes', () => expectAttributes(figures, { subject: 0.92, period: 0.925, approx: 0.98, measure: 0.96, region: 0.92 }));
  it('finds targets and files figures by meaning', () => {
    expect(figures.targets.f1).toBeGreaterThanOrEqual(0.89);
    expect(figures.series.precision).toBeGreaterThanOrEqual(0.92);
    expect(figures.series.f1).toBeGreaterThanOrEqual(0.845);
  });
  it('finds the events', () => expect(figures.events.f1).toBeGreaterThanOrEqual(0.95));
});

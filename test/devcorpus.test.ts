// Every report of ../shared/devcorpus, real files of every kind nobody tuned for, goes through the
// pipeline: each reads or fails with a reason naming it; none crashes or comes out empty unsaid.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processDocument, readInputs } from '../src/pipeline.ts';
import { hasShared, sharedDir } from './helpers.ts';

describe.skipIf(!hasShared)('../shared/devcorpus', () => {
  it('reads every file, or says which and why', async () => {
    const dir = join(sharedDir, 'devcorpus');
    let read = 0;
    const refused: string[] = [];
    const empty: string[] = [];
    for await (const result of readInputs([dir])) {
      if (!result.ok) {
        expect(result.error.message.startsWith(dir)).toBe(true);
        refused.push(result.error.message);
        continue;
      }
      const doc = processDocument(result.doc);
      read++;
      if (!doc.text.trim()) {
        // an empty reading always carries the message that says so
        expect(doc.messages.map((m) => m.ruleId)).toContain('clean:no-main-text');
        empty.push(doc.source);
      }
    }
    // 67 files, JSON listings and feeds among them holding many reports each
    expect(read).toBeGreaterThan(900);
    expect(refused).toEqual([expect.stringMatching(/provenance\.tsv: skipped: \.tsv is not a kind of report/)]);
    // title-only records of a broadcast's listing (完整版视频) are the only empty ones
    expect(empty.length).toBeLessThanOrEqual(6);
  }, 120_000);
});

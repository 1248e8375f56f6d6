// Honest stage versions: a stage whose output on the shipped reports and reader fixtures changed
// must carry a new version (so `reindex` re-reads what it made), and every chain of versions in use
// must have its fingerprints recorded. See scripts/stage-fingerprints.ts.
import { describe, expect, it } from 'vitest';
import { recordedFingerprints, stageFingerprints } from '../scripts/stage-fingerprints.ts';

describe('stage versions', () => {
  it('change whenever a stage’s output changes', async () => {
    const now = await stageFingerprints();
    const recorded = recordedFingerprints();
    for (const [chain, hash] of Object.entries(now)) {
      const stage = chain.split(' → ').at(-1);
      expect(
        recorded[chain],
        `no fingerprint recorded for ${chain}: after bumping a version, run \`npm run stage-fingerprints\` and commit data/eval/stage-fingerprints.json`,
      ).toBeDefined();
      expect(hash, `${stage} now gives other output under the same versions: bump its version, then run \`npm run stage-fingerprints\``).toBe(recorded[chain]);
    }
  }, 60_000);
});

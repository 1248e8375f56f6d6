// Honest stage versions: a stage whose output on the shipped reports and reader fixtures changed
// must carry a new version (so `reindex` re-reads what it made), and every chain of versions in use
// must have its fingerprints recorded. See scripts/stage-fingerprints.ts.
import { describe, expect, it } from 'vitest';
import { DEV_INPUT, DEV_PREFIX, hasDevCorpus, recordedFingerprints, stageFingerprints, type Fingerprints } from '../scripts/stage-fingerprints.ts';

function expectRecorded(now: Fingerprints) {
  const recorded = recordedFingerprints();
  for (const [chain, hash] of Object.entries(now)) {
    const stage = chain.split(' → ').at(-1);
    expect(
      recorded[chain],
      `no fingerprint recorded for ${chain}: after bumping a version, run \`npm run stage-fingerprints\` and commit data/eval/stage-fingerprints.json`,
    ).toBeDefined();
    expect(hash, `${stage} now gives other output under the same versions: bump its version, then run \`npm run stage-fingerprints\``).toBe(recorded[chain]);
  }
}

describe('stage versions', () => {
  it('change whenever a stage’s output on the shipped reports and the reader fixtures changes', async () => {
    expectRecorded(await stageFingerprints());
  }, 60_000);
  // The refactor snapshot of issue 15: the development corpus's readings change only with a version.
  it.skipIf(!hasDevCorpus)(
    'change whenever a stage’s output on the development corpus changes',
    async () => {
      expectRecorded(await stageFingerprints([DEV_INPUT], DEV_PREFIX));
    },
    120_000,
  );
});

/**
 * What each stage makes of the shipped reports and the reader fixtures, as one hash per stage,
 * keyed by the chain of stage@version names up to it: `npm run stage-fingerprints` records them
 * in data/eval/stage-fingerprints.json, and test/stage-versions.test.ts fails when a stage's
 * output changes under the same chain of versions (bump the stage's version, then record again).
 * That is what lets `reindex` re-read exactly the reports whose stages changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentPipeline, readInputs } from '../src/pipeline.ts';
import type { Document } from '../src/document/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const FINGERPRINT_FILE = join(root, 'data', 'eval', 'stage-fingerprints.json');
export const FINGERPRINT_INPUTS = [join(root, 'data', 'corpus'), join(root, 'src', 'read', 'fixtures'), join(root, 'src', 'extract', 'fixtures')];

/**
 * The development corpus beside the project (../shared/devcorpus, real reports of many kinds): a
 * refactor must leave its readings alone too. Its chains are recorded under DEV_PREFIX, and checked
 * where the folder is there (CI has it; a bare checkout skips them).
 */
export const DEV_INPUT = join(root, '..', 'shared', 'devcorpus');
export const DEV_PREFIX = 'devcorpus · ';
export const hasDevCorpus = existsSync(DEV_INPUT);

export type Fingerprints = Record<string, string>;

/** Every stage's output over the inputs: the fields it assigns, after it ran, hashed in input order. */
export async function stageFingerprints(inputs: readonly string[] = FINGERPRINT_INPUTS, prefix = ''): Promise<Fingerprints> {
  const stages = documentPipeline.stages;
  const hashes = stages.map(() => createHash('sha256'));
  for await (const result of readInputs([...inputs])) {
    if (!result.ok) continue;
    let doc: Document = result.doc;
    stages.forEach((stage, i) => {
      doc = stage.run(doc);
      const out = stage.assigns.filter((f) => f !== 'stages').map((f) => [f, doc[f]]);
      hashes[i].update(`${doc.source}\n${JSON.stringify(out)}\n`);
    });
  }
  const fingerprints: Fingerprints = {};
  stages.forEach((_stage, i) => {
    const chain = stages
      .slice(0, i + 1)
      .map((s) => `${s.name}@${s.version}`)
      .join(' → ');
    fingerprints[prefix + chain] = hashes[i].digest('hex').slice(0, 16);
  });
  return fingerprints;
}

export function recordedFingerprints(): Fingerprints {
  return JSON.parse(readFileSync(FINGERPRINT_FILE, 'utf8')) as Fingerprints;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fingerprints = { ...(await stageFingerprints()), ...(hasDevCorpus ? await stageFingerprints([DEV_INPUT], DEV_PREFIX) : {}) };
  if (!hasDevCorpus) process.stderr.write(`no ${DEV_INPUT}: its fingerprints are not recorded\n`);
  writeFileSync(FINGERPRINT_FILE, JSON.stringify(fingerprints, null, 2) + '\n');
  process.stdout.write(`recorded ${Object.keys(fingerprints).length} stage fingerprints in ${FINGERPRINT_FILE}\n`);
}

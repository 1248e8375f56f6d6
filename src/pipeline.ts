/**
 * The Observatory's pipeline, in the order the folders tell it:
 * read (src/read) → clean (src/clean) → extract (src/extract) → reconcile (src/reconcile) →
 * store (src/store) → serve (src/serve). Reading yields Documents; this pipeline takes one
 * Document through cleaning and extraction. Reconciliation works across reports, in the store.
 */
import { createPipeline, type Document } from './document/index.ts';
import { cleanStages } from './clean/index.ts';
import { extractStages } from './extract/index.ts';
import { indicatorStage } from './reconcile/stage.ts';

export const documentPipeline = createPipeline([...cleanStages, ...extractStages, indicatorStage()]);

/** Clean, extract and file one read report's figures. */
export function processDocument(doc: Document): Document {
  return documentPipeline.run(doc);
}

export { readInputs, type ReadResult } from './read/index.ts';

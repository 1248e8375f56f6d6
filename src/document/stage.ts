import type { Document } from './document.ts';

/** Document fields a stage can read or write; the pipeline checks their order when it is built. */
export type DocumentField = keyof Document;

/**
 * One step of the pipeline (after spaCy's components): a name, what it needs, what it fills in, and
 * a `run` that returns the Document with those fields set. Inside, keep a pure `find…` function
 * that computes and a small write step.
 */
export interface Stage {
  name: string;
  version: string;
  requires: readonly DocumentField[];
  assigns: readonly DocumentField[];
  run(doc: Document): Document;
}

export class PipelineError extends Error {
  override name = 'PipelineError';
}

/** Fields every Document has from the moment it is read. */
const READ_FIELDS: readonly DocumentField[] = ['source', 'location', 'format', 'contentHash', 'charset', 'raw', 'meta'];

export interface Pipeline {
  stages: readonly Stage[];
  run(doc: Document): Document;
}

/** Builds a pipeline, refusing one whose stages need a field no earlier stage assigns. */
export function createPipeline(stages: readonly Stage[]): Pipeline {
  const available = new Set<DocumentField>(READ_FIELDS);
  for (const stage of stages) {
    const missing = stage.requires.filter((f) => !available.has(f));
    if (missing.length) {
      throw new PipelineError(`stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage assigns`);
    }
    stage.assigns.forEach((f) => available.add(f));
  }
  return {
    stages,
    run(doc) {
      let current = doc;
      for (const stage of stages) {
        try {
          current = stage.run(current);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new PipelineError(`stage "${stage.name}" failed on ${doc.source}: ${reason}`, { cause: error });
        }
        current.stages.push(`${stage.name}@${stage.version}`);
      }
      return current;
    },
  };
}

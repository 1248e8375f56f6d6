/**
 * The work one extraction worker does for one report: clean and extract a read Document. Plain
 * data in, plain data out (documentToJSON), so it can cross a thread boundary — or, later, a
 * network one: the function keeps no state between calls.
 */
import { documentFromJSON, documentToJSON } from '../document/index.ts';
import { processDocument } from '../pipeline.ts';

export interface ProcessTask {
  /** A read Document as `documentToJSON` gives it. */
  doc: unknown;
}

export type ProcessOutcome = { ok: true; doc: unknown } | { ok: false; reason: string };

export function processTask(task: ProcessTask): ProcessOutcome {
  try {
    return { ok: true, doc: documentToJSON(processDocument(documentFromJSON(task.doc))) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

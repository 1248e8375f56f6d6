// Entry of the upload extraction worker thread (piscina). The pipeline is TypeScript run without a
// build step, so the worker registers tsx's loader in its own thread before importing it.
import { register } from 'tsx/esm/api';

register();
const { extractUpload } = await import('./extract.ts');
const { warmUp } = await import('../ingest/process.ts');
warmUp();

export default extractUpload;

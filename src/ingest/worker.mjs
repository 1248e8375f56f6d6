// Entry of an extraction worker thread (piscina). The pipeline is TypeScript run without a build
// step, so the worker registers tsx's loader in its own thread before importing it.
import { register } from 'tsx/esm/api';

register();
const { processTask, warmUp } = await import('./process.ts');
warmUp();

export default processTask;

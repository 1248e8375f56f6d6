import type { Command } from 'commander';
import { registerExtract } from './extract.ts';
import { registerIngest } from './ingest.ts';
import { registerServe } from './serve.ts';

/** Every CLI command, each a thin layer over a pipeline stage or the store. */
export const commands: ((program: Command) => void)[] = [registerExtract, registerIngest, registerServe];

import type { Command } from 'commander';
import { registerExtract } from './extract.ts';
import { registerIngest } from './ingest.ts';
import { registerReindex } from './reindex.ts';
import { registerSearch } from './search.ts';
import { registerIndicators } from './indicators.ts';
import { registerSeries } from './series.ts';
import { registerConflicts } from './conflicts.ts';
import { registerTimeline } from './timeline.ts';
import { registerExport } from './export.ts';
import { registerServe } from './serve.ts';
import { registerUsers } from './users.ts';
import { registerSource } from './source.ts';
import { registerWatch } from './watch.ts';

/** Every CLI command, each a thin layer over a pipeline stage or the store. */
export const commands: ((program: Command) => void)[] = [
  registerExtract,
  registerIngest,
  registerReindex,
  registerSearch,
  registerIndicators,
  registerSeries,
  registerConflicts,
  registerTimeline,
  registerExport,
  registerServe,
  registerUsers,
  registerSource,
  registerWatch,
];

// PLACEHOLDER until the extract stages land.
import type { Stage } from '../document/index.ts';

export const extractStages: Stage[] = [];

// PLACEHOLDER until the clean stage lands.
import type { Stage } from '../document/index.ts';

export const cleanStages: Stage[] = [
  {
    name: 'clean',
    version: '0',
    requires: ['raw'],
    assigns: ['text', 'blocks', 'sentences'],
    run(doc) {
      doc.text = doc.raw;
      return doc;
    },
  },
];

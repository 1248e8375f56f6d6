/** What filing depends on besides the catalogue: the head-word, unit-kind and owner-word lexicons, as text, so the store refiles when they change. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILES = ['head-words.json', 'unit-kinds.json', 'owner-words.json'].map((f) => fileURLToPath(new URL(`../../data/lexicon/${f}`, import.meta.url)));

export function filingLexiconText(): string {
  return FILES.map((f) => readFileSync(f, 'utf8')).join('\n');
}

/**
 * Chrome lines kept as data (data/lexicon/page-chrome.json): trackback boxes, comment forms, reader
 * counters, forum sign-offs and greetings, editor and photo credits. Each phrase is
 * written in a small notation (`…` a short run of text, `#` a number, `~` names set apart by spaces)
 * and compiled here into a rule of the same shape as boilerplate.ts's own.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LexiconChromeRule {
  id: string;
  pattern: RegExp;
  maxLength: number;
}

interface RuleEntry {
  id: string;
  maxLength: number;
  at: 'anywhere' | 'start' | 'whole';
  phrases: string[];
}

const LEXICON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicon', 'page-chrome.json');

/** What each mark of the notation stands for (no flag but `i`: the rules join boilerplate.ts's screens). */
const MARKS: Record<string, string> = {
  '…': '[^。！？!?]{1,40}?',
  '#': String.raw`\s*\d+\s*`,
  '~': String.raw`(?:\s+[\u4e00-\u9fff]{2,4}){1,8}`,
  '：': String.raw`\s*[:：]\s*`,
  ':': String.raw`\s*[:：]\s*`,
  '（': '[（(]',
  '(': '[（(]',
  '）': '[）)]',
  ')': '[）)]',
  ' ': String.raw`\s*`,
};

/** One phrase of the notation as a regular-expression source. */
export function phraseSource(phrase: string): string {
  return [...phrase].map((c) => MARKS[c] ?? c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('');
}

function compile(entry: RuleEntry): LexiconChromeRule {
  const alternatives = entry.phrases.map(phraseSource);
  const body = alternatives.map((a) => `(?:${a})`).join('|');
  const source = entry.at === 'whole' ? `^(?:${body})\\s*$` : entry.at === 'start' ? `^(?:${body})` : body;
  return { id: entry.id, pattern: new RegExp(source, 'i'), maxLength: entry.maxLength };
}

const data = JSON.parse(readFileSync(LEXICON, 'utf8')) as { rules: RuleEntry[]; endHeadings: string[] };

/** The lexicon's chrome rules, compiled. */
export const LEXICON_CHROME_RULES: readonly LexiconChromeRule[] = data.rules.map(compile);

const END_HEADINGS = new Set(data.endHeadings);

/** A heading after which the page prints its own notices, not the article ("郑 重 声 明"). */
export function isNoticeHeading(text: string): boolean {
  const flat = text.replace(/[\s\u3000:：【】[\]]/g, '');
  return flat.length <= 12 && END_HEADINGS.has(flat);
}

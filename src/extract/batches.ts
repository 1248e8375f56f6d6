/**
 * Batches named after their programme (GUIDE §2 subject): 已联合发布两批次210项“川渝通办”事项 … 第一批
 * 95项事项已于2020年底前全部实现 — the batch's figure says only 事项, and the programme is named by the
 * figure before that counted the batches. Word lists in data/lexicon/batches.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Quantity } from '../document/index.ts';

type Finding = Omit<Quantity, 'stage'>;

const schema = z.object({ nouns: z.array(z.string()), batchWord: z.string(), ordinal: z.string(), reach: z.number().int().positive() });
const path = fileURLToPath(new URL('../../data/lexicon/batches.json', import.meta.url));
let loaded: { nouns: string[]; batchWord: string; ordinal: RegExp; reach: number } | null = null;
function words() {
  if (loaded) return loaded;
  const raw = schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return (loaded = { ...raw, ordinal: new RegExp(raw.ordinal, 'u') });
}

/** The bare noun a batch's subject counts (第一批 事项已 → 事项), or null when it names more. */
function batchNoun(subject: string): string | null {
  const { nouns, ordinal } = words();
  const parts = subject.split(/\s+/u).filter(Boolean);
  if (parts.length !== 2 || !ordinal.test(parts[0])) return null;
  return nouns.find((n) => parts[1].startsWith(n) && parts[1].length <= n.length + 1) ?? null;
}

/** Gives each batch's figure the programme's name from the figure before that counted the batches. */
export function nameBatches(text: string, findings: Finding[]): void {
  const { batchWord, reach } = words();
  findings.forEach((f, i) => {
    const noun = batchNoun(f.subject);
    if (!noun) return;
    for (let k = i - 1; k >= 0 && findings[k].span[0] >= f.span[0] - reach; k--) {
      const g = findings[k];
      const named = g.subject.split(/\s+/u).at(-1) ?? '';
      if (g.unit !== f.unit || !named.endsWith(noun) || named.length <= noun.length) continue;
      if (!text.slice(g.sentence[0], g.span[0]).includes(batchWord)) continue;
      f.subject = `${f.subject.split(/\s+/u)[0]} ${named}`;
      return;
    }
  });
}

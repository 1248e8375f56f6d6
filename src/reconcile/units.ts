/**
 * Unit kinds (data/lexicon/unit-kinds.json): 人, 名 and 人次 all count people, so a figure in one
 * and a catalogue entry in another still measure the same thing. Loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const kindsPath = fileURLToPath(new URL('../../data/lexicon/unit-kinds.json', import.meta.url));
const kindsSchema = z.object({ kinds: z.record(z.string(), z.array(z.string().min(1))) });

let table: Map<string, string> | null = null;

function kindTable(): Map<string, string> {
  if (table) return table;
  const parsed = kindsSchema.parse(JSON.parse(readFileSync(kindsPath, 'utf8')));
  table = new Map();
  for (const [kind, units] of Object.entries(parsed.kinds)) for (const unit of units) table.set(unit, kind);
  return table;
}

/** The kind a unit counts (名 → 人); a unit of no listed kind is its own. */
export const unitKind = (unit: string): string => kindTable().get(unit) ?? unit;

/** Whether two units count the same kind of thing. */
export const sameUnitKind = (a: string, b: string): boolean => unitKind(a) === unitKind(b);

/**
 * Finite numbers only (issue 16): a figure whose value overflows a double (1亿亿亿…, a hundred
 * thousand digits) is no reading of anything; it is dropped with a Message on the Document naming
 * where it stands, and the rest of the report is kept.
 */
import { makeSpan, type Document } from '../document/index.ts';

interface Valued {
  span: readonly [number, number];
  value?: number | null;
  valueMax?: number;
  total?: number | null;
  done?: number | null;
}

const finiteOrAbsent = (n: number | null | undefined) => n === undefined || n === null || Number.isFinite(n);

/** True when every number the finding carries is finite (or absent). */
export function isFiniteFinding(f: Valued): boolean {
  return finiteOrAbsent(f.value) && finiteOrAbsent(f.valueMax) && finiteOrAbsent(f.total) && finiteOrAbsent(f.done);
}

/** The findings whose numbers are finite; one warning on `doc` for each one dropped. */
export function keepFinite<T extends Valued>(doc: Document, findings: readonly T[], source: string): T[] {
  const kept: T[] = [];
  for (const f of findings) {
    if (isFiniteFinding(f)) {
      kept.push(f);
      continue;
    }
    doc.messages.push({
      reason: `a number at ${f.span[0]}–${f.span[1]} is too large to hold and was dropped`,
      ruleId: 'extract:number-overflow',
      source,
      severity: 'warning',
      span: makeSpan(doc.text, f.span[0], f.span[1], 'overflowing number'),
    });
  }
  return kept;
}

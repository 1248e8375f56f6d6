/**
 * A fact's sentence as shown, for facts that store none (a sentence longer than the excerpt bound:
 * see `storedSentence`): cut from the report's text at read time, around the fact, at clause
 * punctuation. Reports' texts are fetched once per report, a few hundred at a time.
 */
import { sentenceExcerpt } from './excerpt.ts';
import type { SqlDriver } from './sql.ts';

/** The columns a row needs to have its sentence cut from its report's text. */
export interface SentenceRow {
  report_id: number;
  span_start: number;
  span_end: number;
  sentence_start: number;
  sentence_end: number;
  sentence_text: string;
}

const CHUNK = 200;

/** Fills `sentence_text` of the rows that store none, from the text of `reportText`'s report. */
export function fillFromText(reportText: string, rows: readonly SentenceRow[]): void {
  for (const row of rows) if (row.sentence_text === '') row.sentence_text = cutSentence(reportText, row);
}

/** Fills `sentence_text` of the rows that store none, reading their reports' texts from the store. */
export async function fillSentences(db: SqlDriver, rows: readonly SentenceRow[]): Promise<void> {
  const missing = rows.filter((r) => r.sentence_text === '' && r.sentence_end > r.sentence_start);
  if (!missing.length) return;
  const ids = [...new Set(missing.map((r) => r.report_id))];
  for (let at = 0; at < ids.length; at += CHUNK) {
    const part = ids.slice(at, at + CHUNK);
    const texts = new Map(
      (await db.all<{ id: number; text: string }>(`SELECT id, text FROM reports WHERE id IN (${part.map(() => '?').join(', ')})`, part)).map((r) => [
        r.id,
        r.text,
      ]),
    );
    for (const row of missing) {
      const text = texts.get(row.report_id);
      if (text !== undefined) row.sentence_text = cutSentence(text, row);
    }
  }
}

function cutSentence(text: string, row: SentenceRow): string {
  return sentenceExcerpt(text, [row.sentence_start, row.sentence_end], [row.span_start, row.span_end]);
}

/**
 * The extract stages (issue 3): after cleaning, fill `sentences`, `quantities`, `events` and `items`
 * of the Document. Each stage wraps a pure `find…` function and only writes its result, tagging every
 * fact with the stage that made it (`name@version`).
 */
import { makeSpan, type Document, type Stage } from '../document/index.ts';
import { keepFinite } from './finite.ts';
import { findEvents } from './events.ts';
import { findItems } from './items.ts';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { findTimeExpressions, timeContextFor, type TimeContext, type TimeExpression } from './time.ts';

export { parseNumber, parseChineseNumeral, readNumberAt, findNumbers, type NumberReading } from './numbers.ts';
export { findTimeExpressions, resolveTime, timeContextFor, inferReportYear, type TimeContext, type TimeExpression } from './time.ts';
export { findSentences, findParagraphs } from './sentences.ts';
export { findQuantities, type QuantityFinding } from './quantities.ts';
export { findEvents, type EventFinding } from './events.ts';
export { findItems, type ItemFinding } from './items.ts';

const tag = (stage: Pick<Stage, 'name' | 'version'>) => `${stage.name}@${stage.version}`;

/** The report's time expressions, as the extract.times stage put them on the Document. */
function timesOf(doc: Document): { time: TimeContext; times: TimeExpression[] } {
  if (!doc.times) throw new Error('extract.times has not run on this document');
  return { time: doc.times.context, times: doc.times.expressions };
}

/** Paragraph spans from the clean stage's blocks when it gives them, else from blank lines. */
function paragraphsOf(doc: Document) {
  return doc.blocks.length ? doc.blocks.map((b) => b.span).sort((a, b) => a[0] - b[0]) : findParagraphs(doc.text);
}

export function sentenceStage(): Stage {
  const stage: Stage = {
    name: 'extract.sentences',
    version: '1',
    requires: ['text'],
    assigns: ['sentences'],
    run(doc) {
      doc.sentences = findSentences(doc.text);
      return doc;
    },
  };
  return stage;
}

/**
 * Every time expression of the text, resolved against the report's date (or the year it speaks
 * from): quantities take their periods from them and events their dates, so they are read once.
 */
export function timeStage(): Stage {
  const stage: Stage = {
    name: 'extract.times',
    version: '5',
    requires: ['text', 'meta'],
    assigns: ['times'],
    run(doc) {
      const context = timeContextFor(doc.text, doc.meta.published);
      doc.times = { context, expressions: findTimeExpressions(doc.text, context) };
      return doc;
    },
  };
  return stage;
}

export function quantityStage(): Stage {
  const stage: Stage = {
    name: 'extract.quantities',
    version: '26',
    requires: ['text', 'blocks', 'sentences', 'times', 'meta'],
    assigns: ['quantities'],
    run(doc) {
      const { time, times } = timesOf(doc);
      const found = findQuantities({
        text: doc.text,
        sentences: doc.sentences,
        paragraphs: paragraphsOf(doc),
        time,
        times,
        blocks: doc.blocks,
        headline: doc.meta.title,
      });
      doc.quantities = keepFinite(doc, found, tag(stage)).map((q) => ({
        ...q,
        span: makeSpan(doc.text, q.span[0], q.span[1], 'quantity'),
        sentence: makeSpan(doc.text, q.sentence[0], q.sentence[1], 'quantity sentence'),
        stage: tag(stage),
      }));
      return doc;
    },
  };
  return stage;
}

export function eventStage(): Stage {
  const stage: Stage = {
    name: 'extract.events',
    version: '13',
    // blocks: its paragraphs are the clean stage's blocks (paragraphsOf).
    requires: ['text', 'blocks', 'sentences', 'times', 'meta'],
    assigns: ['events'],
    run(doc) {
      const { time, times } = timesOf(doc);
      const found = findEvents({ text: doc.text, sentences: doc.sentences, paragraphs: paragraphsOf(doc), time, times, title: doc.meta.title });
      doc.events = found.map((e) => ({
        ...e,
        span: makeSpan(doc.text, e.span[0], e.span[1], 'event'),
        sentence: makeSpan(doc.text, e.sentence[0], e.sentence[1], 'event sentence'),
        stage: tag(stage),
      }));
      return doc;
    },
  };
  return stage;
}

export function itemStage(): Stage {
  const stage: Stage = {
    name: 'extract.items',
    version: '2',
    requires: ['text', 'sentences'],
    assigns: ['items'],
    run(doc) {
      doc.items = keepFinite(doc, findItems({ text: doc.text, sentences: doc.sentences }), tag(stage)).map((i) => ({
        ...i,
        span: makeSpan(doc.text, i.span[0], i.span[1], 'item'),
        sentence: makeSpan(doc.text, i.sentence[0], i.sentence[1], 'item sentence'),
        stage: tag(stage),
      }));
      return doc;
    },
  };
  return stage;
}

export const extractStages: Stage[] = [sentenceStage(), timeStage(), quantityStage(), eventStage(), itemStage()];

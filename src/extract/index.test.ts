import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocument, createPipeline, textOf, type Document } from '../document/index.ts';
import * as extract from './index.ts';

/** A stage's name@version as it tags what it finds: the test follows version bumps. */
const tag = (name: string) => {
  const stage = extract.extractStages.find((s) => s.name === name)!;
  return `${stage.name}@${stage.version}`;
};

const NUMERAL = /[0-9０-９〇零一二两三四五六七八九十百千万亿]/;

function documentOf(text: string, published: string | null): Document {
  const doc = createDocument({ source: 'hand.txt', location: '/hand.txt', format: 'text', contentHash: '', charset: 'utf-8', raw: text });
  doc.text = text;
  doc.meta.published = published;
  return doc;
}

/** The extract stages after a stand-in for the clean stage (text is already clean here). */
const given = { name: 'given', version: '0', requires: [], assigns: ['text', 'blocks'] as const, run: (d: Document) => d };
const pipeline = createPipeline([given, ...extract.extractStages]);

describe('public exports', () => {
  it('are the stages, the number reader, the time resolver and the finders', () => {
    expect(Object.keys(extract).sort()).toEqual(
      [
        'eventStage',
        'extractStages',
        'findEvents',
        'findItems',
        'findNumbers',
        'findParagraphs',
        'findQuantities',
        'findSentences',
        'findTimeExpressions',
        'inferReportYear',
        'itemStage',
        'parseChineseNumeral',
        'parseNumber',
        'quantityStage',
        'readNumberAt',
        'resolveTime',
        'sentenceStage',
        'timeContextFor',
        'timeStage',
      ].sort(),
    );
    expect(extract.extractStages.map((s) => s.name)).toEqual(['extract.sentences', 'extract.times', 'extract.quantities', 'extract.events', 'extract.items']);
  });
});

describe('extractStages on a hand-built report', () => {
  const text = [
    '1—5月，成渝两地联合开行中欧班列（成渝）1475列，约占全国开行量的21%。',
    '2021年12月14日，党政联席会议第四次会议在宜宾召开。',
    '两地确定重点工作65项，其中圆满完成35项。',
  ].join('\n\n');
  const doc = pipeline.run(documentOf(text, '2022-06-28'));

  it('fills sentences, quantities, events and items, each tagged with its stage', () => {
    expect(doc.sentences.map((s) => textOf(text, s))).toEqual(text.split('\n\n'));
    expect(doc.quantities.map((q) => [textOf(text, q.span), q.value, q.unit, q.measure, q.stage])).toEqual([
      ['1475列', 1475, '列', 'level', tag('extract.quantities')],
      ['21%', 21, '%', 'share', tag('extract.quantities')],
      ['65项', 65, '项', 'level', tag('extract.quantities')],
      ['35项', 35, '项', 'level', tag('extract.quantities')],
    ]);
    expect(doc.quantities[0]).toMatchObject({ period: { start: '2022-01-01', end: '2022-05-31' }, region: '成渝' });
    expect(textOf(text, doc.quantities[0].sentence)).toBe(text.split('\n\n')[0]);
    expect(doc.events).toMatchObject([{ date: '2021-12-14', stage: tag('extract.events') }]);
    expect(doc.events[0].summary).toContain('党政联席会议第四次会议');
    expect(doc.items).toMatchObject([{ total: 65, done: 35, stage: tag('extract.items') }]);
    // the time expressions are on the Document, where the stages that read them declare them
    expect(doc.times?.expressions.some((t) => text.slice(t.start, t.end).includes('1—5月'))).toBe(true);
    const given = { name: 'given', version: '0', requires: [], assigns: ['text', 'blocks'] as const, run: (d: Document) => d };
    expect(() => createPipeline([given, extract.sentenceStage(), extract.quantityStage()])).toThrow(/"extract.quantities" requires times/);
    expect(doc.stages).toEqual([
      'given@0',
      tag('extract.sentences'),
      tag('extract.times'),
      tag('extract.quantities'),
      tag('extract.events'),
      tag('extract.items'),
    ]);
  });
});

const cjkDigitsPunct = fc.string({
  unit: fc.constantFrom(
    ...'成渝两地重庆四川今年去年月日年万亿元家个项列人次占增长约超余多第前截至目前以来的了和、，。；：“”《》（）\n'.split(''),
    ...'0123456789０１２３一二两三十百千.%—-'.split(''),
  ),
  maxLength: 400,
});

describe('properties', () => {
  it('every quantity span points at its number, and no input makes extraction throw', () => {
    fc.assert(
      fc.property(cjkDigitsPunct, fc.option(fc.constant('2022-06-28')), (text, published) => {
        const doc = pipeline.run(documentOf(text, published));
        for (const q of doc.quantities) {
          expect(NUMERAL.test(textOf(text, q.span))).toBe(true);
          expect(Number.isFinite(q.value)).toBe(true);
        }
        for (const e of doc.events) expect(e.span[1]).toBeGreaterThan(e.span[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('finishes a half-megabyte report of random CJK, digits and punctuation in linear time', () => {
    const alphabet = '成渝两地重庆四川今年月日年万亿元家个项列人次占增长约超余第截至目前以来的、，。；“”《》\n0123456789一二三十百千%—';
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const make = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const time = (n: number) => {
      const text = make(n);
      const t0 = performance.now();
      pipeline.run(documentOf(text, '2022-06-28'));
      return performance.now() - t0;
    };
    time(20_000); // warm up (the segmenter loads its dictionary once)
    const small = time(50_000);
    const large = time(500_000);
    // Ten times the text may cost at most ~25 times the time (linear with generous noise), never quadratic (100×).
    expect(large).toBeLessThan(Math.max(small, 50) * 25);
  }, 120_000);

  it.each(['10个、', '一二三四五六七八九十', '34个问题已整改完成30个，', '1月1日\n\n会议召开。\n\n', '“1《'])(
    'stays linear on a text that repeats %j (long lists, numeral runs, titles)',
    (unit) => {
      const time = (n: number) => {
        const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
        const t0 = performance.now();
        pipeline.run(documentOf(text, '2022-06-28'));
        return performance.now() - t0;
      };
      time(5_000);
      const small = time(50_000);
      const large = time(200_000);
      // Four times the text: linear is ~4× the time; allow noise, refuse quadratic (16×).
      expect(large).toBeLessThan(Math.max(small, 40) * 10);
    },
    60_000,
  );
});

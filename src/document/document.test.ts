import { describe, expect, it } from 'vitest';
import * as api from './index.ts';
import {
  createDocument,
  createPipeline,
  documentFromJSON,
  documentToJSON,
  findSpanAt,
  makeSpan,
  OffsetMap,
  PipelineError,
  SpanError,
  textOf,
  type Stage,
} from './index.ts';

const base = { source: 'a.txt', location: '/tmp/a.txt', format: 'text' as const, contentHash: 'x', charset: 'utf-8', raw: 'raw' };

describe('document module', () => {
  it('exports its public surface', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'OffsetMap',
        'PipelineError',
        'ReportError',
        'SpanError',
        'contains',
        'createDocument',
        'createPipeline',
        'documentFromJSON',
        'documentToJSON',
        'emptyMeta',
        'findSpanAt',
        'makeSpan',
        'overlaps',
        'spanLength',
        'textOf',
        'toContractRecord',
      ].sort(),
    );
  });

  it('makes only spans the text can honour', () => {
    const text = '中欧班列1475列';
    expect(textOf(text, makeSpan(text, 4, 9))).toBe('1475列');
    expect(() => makeSpan(text, 4, 99)).toThrow(SpanError);
    expect(() => makeSpan(text, 5, 4)).toThrow(SpanError);
    expect(() => makeSpan(text, 0.5, 2)).toThrow(SpanError);
  });

  it('finds the span holding an offset', () => {
    const spans: [number, number][] = [
      [0, 3],
      [5, 9],
      [9, 12],
    ];
    expect(findSpanAt(spans, 0)).toBe(0);
    expect(findSpanAt(spans, 4)).toBe(-1);
    expect(findSpanAt(spans, 9)).toBe(2);
    expect(findSpanAt(spans, 12)).toBe(-1);
  });

  it('maps clean offsets back to raw offsets, through entities and inserted breaks', () => {
    // raw: "<p>A&amp;B</p><p>CD</p>"  clean: "A&B\n\nCD"
    const map = new OffsetMap();
    map.add(0, 3, 1); // A
    map.add(1, 4, 1, 5); // & from &amp;
    map.add(2, 9, 1); // B
    map.add(5, 17, 2); // CD
    expect(map.toRaw(0)).toBe(3);
    expect(map.toRaw(2)).toBe(9);
    expect(map.toRaw(3)).toBe(10); // inside the inserted "\n\n": end of the run before
    expect(map.toRaw(6)).toBe(18);
    expect(() => map.add(1, 0, 1)).toThrow(RangeError);
    expect(OffsetMap.fromJSON(JSON.parse(JSON.stringify(map))).toRaw(6)).toBe(18);
  });

  it('survives a JSON round trip unchanged', () => {
    const doc = createDocument({ ...base, text: 'ab' });
    doc.rawOffsets.add(0, 0, 2);
    const back = documentFromJSON(JSON.parse(JSON.stringify(documentToJSON(doc))));
    expect(documentToJSON(back)).toEqual(documentToJSON(doc));
  });

  it('refuses a pipeline whose stages are out of order, and names the failing stage', () => {
    const needsText: Stage = { name: 'needs-text', version: '1', requires: ['text'], assigns: ['quantities'], run: (d) => d };
    const givesText: Stage = { name: 'gives-text', version: '1', requires: ['raw'], assigns: ['text'], run: (d) => ({ ...d, text: d.raw }) };
    expect(() => createPipeline([needsText])).toThrow(/needs-text.*text/);
    const boom: Stage = {
      ...needsText,
      name: 'boom',
      run: () => {
        throw new Error('bad');
      },
    };
    const pipeline = createPipeline([givesText, boom]);
    expect(() => pipeline.run(createDocument(base))).toThrow(PipelineError);
    expect(() => pipeline.run(createDocument(base))).toThrow(/boom.*a\.txt.*bad/);
    const ok = createPipeline([givesText, needsText]).run(createDocument(base));
    expect(ok.stages).toEqual(['gives-text@1', 'needs-text@1']);
  });
});

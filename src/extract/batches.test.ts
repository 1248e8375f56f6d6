import { describe, expect, it } from 'vitest';
import { findQuantities } from './quantities.ts';
import { findParagraphs, findSentences } from './sentences.ts';
import { timeContextFor } from './time.ts';

const subjects = (text: string) =>
  findQuantities({ text, sentences: findSentences(text), paragraphs: findParagraphs(text), time: timeContextFor(text, '2021-05-10') }).map((q) => [
    text.slice(q.span[0], q.span[1]),
    q.subject,
  ]);

describe('batches named after their programme', () => {
  it('gives a batch that says only 事项 the programme of the figure that counted the batches', () => {
    const text = '川渝两地已联合发布两批次210项“川渝通办”事项。第一批95项事项已于2020年底前全部实现。第二批115项事项已于今年3月8日实现。';
    const found = subjects(text);
    expect(found.find(([s]) => s === '95项')?.[1]).toBe('第一批 “川渝通办”事项');
    expect(found.find(([s]) => s === '115项')?.[1]).toBe('第二批 “川渝通办”事项');
  });

  it('leaves a batch alone when no figure before counted batches of that thing', () => {
    const text = '今年新增地方特色事项78项。第一批95项事项已于2020年底前全部实现。';
    expect(subjects(text).find(([s]) => s === '95项')?.[1]).not.toContain('地方特色');
  });
});

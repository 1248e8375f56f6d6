import { describe, expect, it } from 'vitest';
import { MAX_EXCERPT, sentenceExcerpt } from './excerpt.ts';

describe('sentenceExcerpt', () => {
  it('keeps a sentence within the bound whole', () => {
    const text = '川渝通办事项已达311项，累计办件超过1000万件。';
    expect(sentenceExcerpt(text, [0, text.length], [8, 12])).toBe(text);
  });

  it('cuts a long sentence at clause punctuation around the figure, marking the cuts', () => {
    const clause = '两地持续推进合作项目建设并取得积极成效';
    const text = Array.from({ length: 40 }, (_, i) => (i === 20 ? '开行中欧班列4800列' : clause)).join('，');
    const at = text.indexOf('4800列');
    const out = sentenceExcerpt(text, [0, text.length], [at, at + 5]);
    expect(out.length).toBeLessThanOrEqual(MAX_EXCERPT + 2);
    expect(out).toContain('开行中欧班列4800列');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });

  it('bounds a text with no punctuation at all', () => {
    const text = '数'.repeat(100_000) + '500亿元' + '数'.repeat(100_000);
    const at = text.indexOf('500亿元');
    const out = sentenceExcerpt(text, [0, text.length], [at, at + 5]);
    expect(out.length).toBeLessThanOrEqual(MAX_EXCERPT + 2);
    expect(out).toContain('500亿元');
  });
});

import { describe, expect, it } from 'vitest';
import { hanBigrams, indexTokens, queryWords } from './search-terms.ts';
import { ftsMatchExpression } from './drivers/sqlite.ts';
import { tsQueryExpression } from './drivers/postgres.ts';

describe('search segmentation', () => {
  it('indexes jieba words and the words inside compounds', () => {
    const tokens = indexTokens('中欧班列（成渝）开行量和氢能产业');
    expect(tokens).toEqual(expect.arrayContaining(['中欧', '班列', '氢能', '产业']));
    expect(tokens.some((t) => /[（）]/.test(t))).toBe(false);
  });

  it('pairs Han characters and leaves other text alone', () => {
    expect(hanBigrams('川渝通办').trim()).toBe('川渝 渝通 通办');
    expect(hanBigrams('5G基站').replace(/\s+/g, ' ').trim()).toBe('5G 基站');
    expect(hanBigrams('办').trim()).toBe('办');
  });

  it('quotes every query word, so FTS5 syntax in the input is inert', () => {
    expect(queryWords('  川渝  通办 ')).toEqual(['川渝', '通办']);
    const expr = ftsMatchExpression(queryWords('NEAR( "x" 高铁'));
    expect(expr).toContain('tokens : "NEAR"');
    expect(expr).toContain('"""x"""');
    expect(expr).toContain('grams : "高铁"');
  });

  it('quotes every lexeme of a tsquery, so its syntax in the input is inert too', () => {
    const expr = tsQueryExpression(queryWords("it's & 川渝通办 !x"));
    expect(expr).toContain("'it''s':B");
    expect(expr).toContain("('川渝':B <-> '渝通':B <-> '通办':B)");
    expect(expr).toContain("'!x':B");
  });
});

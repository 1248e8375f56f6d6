import { describe, expect, it } from 'vitest';
import { findParagraphs, findSentences } from './sentences.ts';

describe('findSentences', () => {
  it('ends sentences at 。！？；… and line breaks, keeping closing quotes', () => {
    const text = '他说：“好。”两地合作；成效显著！\n\n新段落…完';
    expect(findSentences(text).map(([s, e]) => text.slice(s, e))).toEqual(['他说：“好。”', '两地合作；', '成效显著！', '新段落…', '完']);
  });
  it('never yields an empty or padded sentence', () => {
    const text = '  \n\n　第一句。  \n\n';
    expect(findSentences(text).map(([s, e]) => text.slice(s, e))).toEqual(['第一句。']);
  });
});

describe('findParagraphs', () => {
  it('splits at blank lines', () => {
    const text = '甲。\n\n乙。\n \n丙。';
    expect(findParagraphs(text).map(([s, e]) => text.slice(s, e))).toEqual(['甲。', '乙。', '丙。']);
  });
});

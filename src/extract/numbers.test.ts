import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNumbers, parseChineseNumeral, parseNumber, readNumberAt } from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    ['1475', 1475],
    ['１４７５', 1475],
    ['1,234,567', 1234567],
    ['49.28万', 492800],
    ['7.7万亿', 7.7e12],
    ['3.6万', 36000],
    ['35.1亿', 3.51e9],
    ['8000万', 8e7],
    ['两', 2],
    ['十二', 12],
    ['一百二十万', 1200000],
    ['一千零五', 1005],
    ['一千零十', 1010],
    ['二〇二〇', 2020],
    ['〇', 0],
    ['一万五', 15000],
    ['三点五', 3.5],
    ['三分之二', 2 / 3],
    ['百分之三十', 30],
    ['负五', -5],
    ['壹拾壹元壹角', 11.1],
    ['千一', 1100],
  ])('%s → %d', (input, value) => {
    expect(parseNumber(input)).toBeCloseTo(value, 9);
  });

  it.each(['十四五', '万州', '', '百姓', '1475列'])('refuses %s', (input) => {
    expect(parseNumber(input)).toBeNull();
  });
});

describe('readNumberAt', () => {
  it('reads a range with the magnitude written once', () => {
    const r = readNumberAt('约3—5万人', 1)!;
    expect(r).toMatchObject({ start: 1, end: 5, value: 30000, valueMax: 50000 });
  });
  it('leaves 千伏 and 千瓦 to the unit', () => {
    const text = '1000千伏特高压';
    const r = readNumberAt(text, 0)!;
    expect(text.slice(r.start, r.end)).toBe('1000');
  });
  it('reads percentages written out', () => {
    expect(readNumberAt('百分之三十', 0)).toMatchObject({ value: 30, percent: true, end: 5 });
  });
});

describe('findNumbers', () => {
  it('finds every number with honest spans', () => {
    const text = '中欧班列（成渝）1475列，约占全国开行量的21%；两地共有130余家企业，总投资1054.5亿元';
    const found = findNumbers(text).map((n) => [text.slice(n.start, n.end), n.value]);
    expect(found).toEqual([
      ['1475', 1475],
      ['21', 21],
      ['两', 2],
      ['130', 130],
      ['1054.5亿', 1.0545e11],
    ]);
  });
});

/** A plain writer of Chinese numerals (the way reports spell them), for the round trip. */
function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  const section = (x: number): string => {
    const units = ['', '十', '百', '千'];
    let out = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(x / 10 ** i) % 10;
      if (d === 0) {
        if (out) zero = true;
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += digits[d] + units[i];
    }
    return out;
  };
  if (n === 0) return '零';
  const yi = Math.floor(n / 1e8);
  const wan = Math.floor((n % 1e8) / 1e4);
  const rest = n % 1e4;
  let out = '';
  if (yi) out += section(yi) + '亿';
  if (wan) out += (yi && wan < 1000 ? '零' : '') + section(wan) + '万';
  if (rest) out += ((yi || wan) && rest < 1000 ? '零' : '') + section(rest);
  return out;
}

describe('round trip (property)', () => {
  it('reads back an integer written in Arabic digits, with or without thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.boolean(), (n, grouped) => {
        const written = grouped ? n.toLocaleString('en-US') : String(n);
        expect(parseNumber(written)).toBe(n);
      }),
    );
  });
  it('reads back a number written with a magnitude word (49.28万)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99999 }), fc.constantFrom(['万', 1e4], ['亿', 1e8], ['万亿', 1e12]), (hundredths, [word, factor]) => {
        const written = `${(hundredths / 100).toFixed(2)}${word}`;
        expect(parseNumber(written)).toBeCloseTo((hundredths / 100) * factor, 0);
      }),
    );
  });
  it('reads back an integer written in Chinese numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999999999999 }), (n) => {
        expect(parseChineseNumeral(toChinese(n))).toBe(n);
      }),
    );
  });
});

import { expect, it } from 'vitest';
import { emptyMeta } from '../document/index.ts';
import { referenceDate } from './sql-store.ts';

it('dates an undated report by its latest milestone that has happened, never by one it looks forward to', () => {
  const text = '2021年3月5日，川渝两地联合印发通知。新规将于2021年7月1日起实施。';
  const at = (s: string): [number, number] => [text.indexOf(s), text.indexOf(s) + s.length];
  const event = (date: string, sentence: string) => ({ span: at(sentence), date, summary: sentence, sentence: at(sentence), stage: 't@1' });
  const events = [event('2021-03-05', '2021年3月5日，川渝两地联合印发通知。'), event('2021-07-01', '新规将于2021年7月1日起实施。')];
  expect(referenceDate({ meta: emptyMeta(), events, text })).toBe('2021-03-05');
  expect(referenceDate({ meta: { ...emptyMeta(), published: '2021-03-06' }, events, text })).toBe('2021-03-06');
});

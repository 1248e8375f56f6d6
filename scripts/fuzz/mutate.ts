/**
 * The fuzzer's seeded mutator: a real report's bytes changed the ways damage and malice change them
 * (bytes flipped, cut, repeated; numbers that overflow, nesting that goes deep, sentence breaks
 * removed). Case i of seed s is always the same bytes, whatever N is.
 */
import { randomFor, type Random } from '../corpus/random.ts';

const encoder = new TextEncoder();

/** Text that has broken readers before, spliced in whole. */
const HOSTILE: readonly string[] = [
  '1' + '亿'.repeat(64) + '元',
  '9'.repeat(400) + '万元',
  '<div>'.repeat(2000),
  '</p>'.repeat(500),
  '百分之' + '九'.repeat(200),
  '1,'.repeat(300) + '234',
  '三分之' + '二'.repeat(100),
  '\uFFFD\u0000\u202E',
  '2023年' + '1—'.repeat(200) + '5月',
  '<![CDATA[' + '成都'.repeat(50),
  '---\ntitle: !bad\n---\n',
  '&#xFFFFFF;&#0;&amp;&lt;',
];

type Mutation = (bytes: Uint8Array, r: Random) => Uint8Array;

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const MUTATIONS: readonly Mutation[] = [
  // a few bytes flipped
  (b, r) => {
    const out = b.slice();
    for (let k = r.int(1, 4); k > 0 && out.length; k--) out[r.int(0, out.length - 1)] = r.int(0, 255);
    return out;
  },
  // cut short
  (b, r) => b.slice(0, r.int(0, b.length)),
  // a stretch deleted
  (b, r) => {
    const from = r.int(0, b.length);
    return concat(b.subarray(0, from), b.subarray(Math.min(b.length, from + r.int(1, 512))));
  },
  // a stretch repeated many times
  (b, r) => {
    const from = r.int(0, Math.max(0, b.length - 1));
    const chunk = b.subarray(from, Math.min(b.length, from + r.int(1, 64)));
    return concat(b.subarray(0, from), ...Array.from({ length: r.int(2, 200) }, () => chunk), b.subarray(from));
  },
  // hostile text spliced in
  (b, r) => {
    const at = r.int(0, b.length);
    return concat(b.subarray(0, at), encoder.encode(r.pick(HOSTILE)), b.subarray(at));
  },
  // every sentence break and line break removed (one endless sentence)
  (b) => encoder.encode(new TextDecoder().decode(b).replace(/[。！？!?\n]/g, '，')),
  // random bytes
  (_b, r) => Uint8Array.from({ length: r.int(0, 2048) }, () => r.int(0, 255)),
];

/** Case `index` of `seed`: one of `seeds`, mutated one to three times. */
export function mutateCase(seeds: readonly Uint8Array[], seed: number, index: number): { bytes: Uint8Array; seedIndex: number } {
  const r = randomFor(seed, index);
  const seedIndex = r.int(0, seeds.length - 1);
  let bytes = seeds[seedIndex];
  for (let k = r.int(1, 3); k > 0; k--) bytes = r.pick(MUTATIONS)(bytes, r);
  return { bytes, seedIndex };
}

/** The grain as a rule: an upward import fails the linter, naming the room and what it may import. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.ts';

describe('import directions', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (path: string, code: string) => (await eslint.lintText(code, { filePath: `${repoRoot}/${path}` }))[0].messages;

  it('refuses an upward import from read into store', async () => {
    const messages = await lint('src/read/upward.ts', "import { KEY_AREAS } from '../store/types.ts';\nexport const areas = KEY_AREAS;\n");
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    expect(messages[0].message).toMatch(/src\/read may import only document/);
  });

  it('refuses clean importing its sibling read, and web importing server code at run time', async () => {
    expect((await lint('src/clean/sideways.ts', "import { readBytes } from '../read/index.ts';\nexport const r = readBytes;\n")).length).toBeGreaterThan(0);
    expect((await lint('web/src/x.ts', "import { openStore } from '../../src/store/index.ts';\nexport const o = openStore;\n")).length).toBeGreaterThan(0);
  });

  it('allows a downward import', async () => {
    expect(await lint('src/store/downward.ts', "import { makeSpan } from '../document/index.ts';\nexport const m = makeSpan;\n")).toEqual([]);
  });
});

describe('small rooms', () => {
  const eslint = new ESLint({ cwd: repoRoot });
  const lint = async (path: string, code: string) => (await eslint.lintText(code, { filePath: `${repoRoot}/${path}` }))[0].messages;
  /** A function of `lines` statements, a blank line and a comment between each (neither counts). */
  const functionOf = (lines: number) =>
    `export function long(): number {\n  let n = 0;\n${Array.from({ length: lines - 4 }, (_, i) => `  n += ${i};\n\n  // step ${i}\n`).join('')}  return n;\n}\n`;

  it('refuses a 90-line function, blank lines and comments not counted', async () => {
    const messages = await lint('src/clean/long.ts', functionOf(90));
    expect(messages.map((m) => m.ruleId)).toEqual(['max-lines-per-function']);
    expect(messages[0].message).toMatch(/too many lines \(90\)\. Maximum allowed is 80/);
    expect(await lint('web/src/long.tsx', functionOf(90))).not.toEqual([]);
  });

  it('allows an 80-line function, and a long one in a test', async () => {
    expect(await lint('src/clean/short.ts', functionOf(80))).toEqual([]);
    expect(await lint('src/clean/long.test.ts', functionOf(90))).toEqual([]);
  });

  it('refuses a source file over 500 lines', async () => {
    const code = Array.from({ length: 501 }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n';
    expect((await lint('src/clean/big.ts', code)).map((m) => m.ruleId)).toContain('max-lines');
  });
});

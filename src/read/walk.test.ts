import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// A folder no one may list (tests run as root, where permissions do not stop opendir).
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    opendir: (path: string, ...rest: []) =>
      path.endsWith('locked') ? Promise.reject(Object.assign(new Error(`EACCES: ${path}`), { code: 'EACCES' })) : fs.opendir(path, ...rest),
  };
});

const { readInputs } = await import('./index.ts');

describe('the folder walk', () => {
  const root = mkdtempSync(join(tmpdir(), 'twincity-walk-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names an unreadable subfolder and reads the files after it', async () => {
    for (const dir of ['a', 'b-locked', 'c']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'a', '1.txt'), '第一篇报道。');
    writeFileSync(join(root, 'b-locked', '2.txt'), '第二篇报道。');
    writeFileSync(join(root, 'c', '3.txt'), '第三篇报道。');
    const seen: string[] = [];
    for await (const r of readInputs([root])) seen.push(r.ok ? r.doc.source : r.error.message);
    expect(seen).toEqual(['1.txt', `${join(root, 'b-locked')}: cannot list folder (EACCES)`, '3.txt']);
  });
});

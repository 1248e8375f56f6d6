import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, twincityBin } from '../../test/helpers.ts';

function extract(args: string[]) {
  const run = spawnSync(process.execPath, [twincityBin, 'extract', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('twincity extract', () => {
  it('prints one contract line per report and exits 0 when all read', () => {
    const { status, stdout, stderr } = extract([
      join(repoRoot, 'src', 'read', 'fixtures', 'feed.rss'),
      join(repoRoot, 'src', 'read', 'fixtures', 'gbk-page.html'),
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source)).toEqual(['feed.rss#1', 'feed.rss#2', 'gbk-page.html']);
    expect(Object.keys(lines[2]).sort()).toEqual(['events', 'items', 'published', 'quantities', 'source', 'text', 'title']);
    expect(lines[2]).toMatchObject({ title: '川渝联合开行中欧班列突破5000列', published: '2023-04-12' });
  });

  it('gives each bad input one stderr line naming it, goes on, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twincity-cli-'));
    writeFileSync(join(dir, 'a.html'), '');
    writeFileSync(join(dir, 'b.txt'), '成渝地区双城经济圈建设稳步推进，重大项目加快实施。');
    writeFileSync(join(dir, 'c.pdf'), Buffer.from('%PDF-1.4\n1 0 obj broken'));
    writeFileSync(join(dir, 'd.html'), '<html><body><script>var only = "code";</script></body></html>');
    const { status, stdout, stderr } = extract([dir, join(dir, 'missing.txt')]);
    expect(status).toBe(1);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).source),
    ).toEqual(['b.txt']);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`twincity: ${join(dir, 'a.html')}: empty file (0 bytes)`);
    expect(lines[1]).toMatch(new RegExp(`^twincity: ${join(dir, 'c.pdf')}: unreadable PDF`));
    expect(lines[2]).toBe(`twincity: ${join(dir, 'd.html')}: no main text found`);
    expect(lines[3]).toBe(`twincity: ${join(dir, 'missing.txt')}: no such file or folder`);
  });

  it('refuses a file over --max-bytes without reading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twincity-cli-'));
    writeFileSync(join(dir, 'big.html'), `<p>${'成渝'.repeat(2000)}</p>`);
    const { status, stderr } = extract(['--max-bytes', '1000', dir]);
    expect(status).toBe(1);
    expect(stderr).toBe(`twincity: ${join(dir, 'big.html')}: file is 0.0 MB, over the 0.0 MB limit (--max-bytes)\n`);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the checkout (CI puts it there). */
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'eval', 'score.mjs'));
export const twincityBin = join(repoRoot, 'bin', 'twincity.js');

/** Runs the CLI and returns its stdout; throws with stderr on a non-zero exit unless `allowFail`. */
export function runCli(args: string[], opts: { allowFail?: boolean; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  try {
    return execFileSync(process.execPath, [twincityBin, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, ...opts.env },
      input: opts.input,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    if (opts.allowFail) return e.stdout ?? '';
    throw new Error(`twincity ${args.join(' ')} failed: ${e.stderr}`);
  }
}

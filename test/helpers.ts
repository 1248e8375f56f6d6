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
    throw new Error(`twincity ${args.join(' ')} failed: ${e.stderr}`, { cause: error });
  }
}

/**
 * Runs the CLI inside this process (no TypeScript loader to start, no jieba to load again): the
 * program is built afresh, stdout and stderr are captured while it runs. For commands that need a
 * process of their own (signals, kill -9, piping), use `runCli`.
 */
export async function runCliInProcess(args: string[], opts: { allowFail?: boolean; input?: string } = {}): Promise<string> {
  const { createProgram } = await import('../src/cli/program.ts');
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  const capture = (sink: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  const previousExitCode = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let failure: unknown = null;
  try {
    const program = createProgram().exitOverride();
    program.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
    await program.parseAsync(['node', 'twincity', ...args]);
  } catch (error) {
    failure = error;
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  const code = failure ? 1 : Number(process.exitCode ?? 0);
  process.exitCode = previousExitCode;
  if (code !== 0 && !opts.allowFail) throw new Error(`twincity ${args.join(' ')} failed (${code}): ${err.join('')}${failure ? String(failure) : ''}`);
  return out.join('');
}

/**
 * The headers a state-changing request needs on a server of ours: the session cookie and its CSRF
 * token (from GET /api/session), plus the cookie of a sign-in when `signIn` names an account.
 */
export async function csrfHeaders(
  app: {
    inject(o: {
      method: 'GET' | 'POST';
      url: string;
      payload?: object;
      headers?: Record<string, string>;
    }): Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown }>;
  },
  signIn?: { name: string; password: string },
): Promise<Record<string, string>> {
  const cookieOf = (headers: Record<string, unknown>) => {
    const set = headers['set-cookie'];
    const first = (Array.isArray(set) ? set[0] : set) as string | undefined;
    return first ? first.split(';')[0] : '';
  };
  if (signIn) {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: signIn });
    if (response.statusCode !== 200) throw new Error(`sign-in as ${signIn.name}: ${response.statusCode}`);
    return { cookie: cookieOf(response.headers), 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken };
  }
  const response = await app.inject({ method: 'GET', url: '/api/session' });
  return { cookie: cookieOf(response.headers), 'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken };
}

/**
 * `npm run bench -- --only fuzz [--cases N] [--jobs J]` (or `--fuzz N`): the fuzzer at the issue's
 * size, 100,000 cases by default, in J processes side by side (default: one per core). It takes
 * tens of minutes, so the default bench run leaves it out, as it does the scale section. Prints the
 * fuzzer's line: cases, time, cases/s, read and refused, crashes, hangs and non-finite values.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './server.ts';

export const FUZZ_CASES = 100_000;

function option(argv: string[], names: string[], fallback: number): number {
  for (const name of names) {
    const at = argv.indexOf(name);
    const value = at >= 0 ? Number(argv[at + 1]) : NaN;
    if (Number.isInteger(value) && value > 0) return value;
  }
  return fallback;
}

export async function run(argv: string[] = []): Promise<void> {
  const cases = option(argv, ['--fuzz', '--cases'], FUZZ_CASES);
  const jobs = option(argv, ['--jobs'], availableParallelism());
  console.log(`fuzz ${cases} cases over ../shared/corpus and ../shared/devcorpus, ${jobs} process(es)`);
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'fuzz.ts'), '--cases', String(cases), '--jobs', String(jobs)], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  console.log(code === 0 ? 'PASS       no crash, hang or non-finite value' : `FAIL       the fuzzer exited ${code}: findings above`);
}

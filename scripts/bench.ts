/**
 * `npm run bench`: the speed and memory figures the issues ask for, printed, never asserted in a
 * unit test. Sections: read (read+clean vs readability), extract (read→clean→extract), api
 * (latency under load, one endpoint at a time), load (200 connections over the dashboard's reads
 * with uploads mixed in: p99 < 1 s and no errors), export (peak RSS of exporting 100,000 reports'
 * facts, over HTTP and the CLI; the store is built once and kept), and two long ones left out of a
 * plain run: fuzz (`--fuzz N`, 100,000 cases by default) and scale (`--scale N`).
 * `--only NAME` runs one section; `--scale N` (or `--store PATH`) runs only the scale section,
 * `--fuzz N` only the fuzz section.
 */
const sections: Record<string, () => Promise<{ run: (argv: string[]) => Promise<void> }>> = {
  read: () => import('./bench/read.ts'),
  extract: () => import('./bench/extract.ts'),
  api: () => import('./bench/api.ts'),
  load: () => import('./bench/load.ts'),
  'upload-phases': () => import('./bench/upload-phases.ts'),
  export: () => import('./bench/export.ts'),
  fuzz: () => import('./bench/fuzz.ts'),
  scale: () => import('./bench/scale.ts'),
};
/** Sections a plain `npm run bench` skips: each takes tens of minutes. */
const LONG = new Set(['fuzz', 'scale']);

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
const only = flag('--only') ?? (flag('--scale') || flag('--store') ? 'scale' : flag('--fuzz') ? 'fuzz' : null);
for (const [name, load] of Object.entries(sections)) {
  if (only ? only !== name : LONG.has(name)) continue;
  console.log(`\n## ${name}`);
  await (await load()).run(argv);
}

/**
 * `npm run bench`: the speed and memory figures the issues ask for, printed, never asserted in a
 * unit test. Sections: read (read+clean vs readability), extract (read→clean→extract), api
 * (latency under load), scale (`--scale N`: generated corpus ingested into a fresh store).
 * `--only NAME` runs one section; `--scale N` (or `--store PATH`) runs only the scale section.
 */
const sections: Record<string, () => Promise<{ run: (argv: string[]) => Promise<void> }>> = {
  read: () => import('./bench/read.ts'),
  extract: () => import('./bench/extract.ts'),
  api: () => import('./bench/api.ts'),
  scale: () => import('./bench/scale.ts'),
};

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
const only = flag('--only') ?? (flag('--scale') || flag('--store') ? 'scale' : null);
for (const [name, load] of Object.entries(sections)) {
  if (only ? only !== name : name === 'scale') continue;
  console.log(`\n## ${name}`);
  await (await load()).run(argv);
}

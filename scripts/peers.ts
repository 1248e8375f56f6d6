/**
 * `npm run peers`: measures the Observatory on other projects' test suites (../shared/peers):
 * main text on real news pages, and the number and time readers on public corpora.
 * Each section prints its own figures; `--only body|numbers` runs one.
 */
const sections: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  body: () => import('./peers/body.ts'),
  numbers: () => import('./peers/numbers.ts'),
};

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (const [name, load] of Object.entries(sections)) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}`);
  await (await load()).run();
}

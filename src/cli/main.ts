import { Command } from 'commander';
import { commands } from './commands.ts';

const program = new Command('twincity')
  .description('双城观察 Twin-City Observatory: read, extract, reconcile and serve Chengdu–Chongqing reports')
  .showHelpAfterError();

for (const register of commands) register(program);

await program.parseAsync(process.argv);

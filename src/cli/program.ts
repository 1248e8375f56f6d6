import { Command } from 'commander';
import { commands } from './commands.ts';

/** The `twincity` command with every subcommand registered; main.ts runs it, tests run it in-process. */
export function createProgram(): Command {
  const program = new Command('twincity')
    .description('双城观察 Twin-City Observatory: read, extract, reconcile and serve Chengdu–Chongqing reports')
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}

// Loaded with `node --import` by the export section: prints the process's peak resident set at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\nbench-maxrss-kb ${process.resourceUsage().maxRSS}\n`));

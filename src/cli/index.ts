#!/usr/bin/env node
/** galley: raw text in, EPUB 3 and print PDF out. One file per command; this one only assembles them. */
import { Command } from 'commander';
import { buildCommand } from './build.js';
import { checkCommand } from './check.js';
import { importCommand } from './import.js';
import { GALLEY_VERSION } from './version.js';

const program = new Command('galley')
  .description('a publishing toolchain for public-domain reissues')
  .version(GALLEY_VERSION)
  .option('--debug', 'show stack traces of errors')
  .option('--strict', 'treat warnings as failures');

program.addCommand(importCommand());
program.addCommand(buildCommand());
program.addCommand(checkCommand());

await program.parseAsync(process.argv);

// for `npm run bench`: the peak memory of this process
if (process.env.GALLEY_REPORT_RSS) process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);

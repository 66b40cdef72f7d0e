#!/usr/bin/env node
/** galley: raw text in, EPUB 3 and print PDF out. One file per command; this one only assembles them. */
import { Command } from 'commander';
import { GALLEY_VERSION } from './version.js';

const program = new Command('galley')
  .description('a publishing toolchain for public-domain reissues')
  .version(GALLEY_VERSION)
  .option('--debug', 'show stack traces of errors')
  .option('--strict', 'treat warnings as failures');

/**
 * Each command's module, loaded only when it can be needed: a run of `galley build` does not load the
 * importer (its word list) or the checkers (pdf-lib), which would cost a no-op build a third of its time.
 * Without a known command (help, version, a typo) all are loaded, so that help lists them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./import.js')).importCommand(),
  build: async () => (await import('./build.js')).buildCommand(),
  check: async () => (await import('./check.js')).checkCommand(),
  lint: async () => (await import('./lint.js')).lintCommand(),
};
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]()))) program.addCommand(command);

await program.parseAsync(process.argv);

// for `npm run bench`: the peak memory of this process
if (process.env.GALLEY_REPORT_RSS) process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);

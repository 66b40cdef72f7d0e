#!/usr/bin/env node
/**
 * galley: raw text in, EPUB 3 and print PDF out. One file per command; this one only assembles them.
 * Exit codes: 0 success, 1 the run failed (a build error, a check failure, a warning under --strict),
 * 2 a usage error (an unknown command or option, a missing argument, a book that does not exist).
 */
import { Command, CommanderError } from 'commander';
import { GALLEY_VERSION } from './version.js';
import { EXIT_USAGE } from './output.js';
import { exitOnSignals, stopEverything } from '../build/stop.js';
import { mark } from '../build/timings.js';

// SIGINT/SIGTERM stop the whole run: the browser's process group killed, temporary folders removed, exit 130/143
exitOnSignals();
mark('cli: modules');

const program = new Command('galley')
  .description('a publishing toolchain for public-domain reissues')
  .version(GALLEY_VERSION)
  .option('-C, --root <dir>', 'the project folder (default: the nearest folder above holding galley.yaml)')
  .option('--debug', 'show stack traces of errors')
  .option('--strict', 'treat warnings as failures')
  .option('--json', 'print the results as JSON on stdout (build, check)')
  .showSuggestionAfterError();

/**
 * Each command's module, loaded only when it can be needed: a run of `galley build` does not load the
 * importer (its word list) or the checkers (pdf-lib), which would cost a no-op build a third of its time.
 * Without a known command (help, version, a typo) all are loaded, so that help lists them all.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./init.js')).initCommand(),
  import: async () => (await import('./import.js')).importCommand(),
  build: async () => (await import('./build.js')).buildCommand(),
  check: async () => (await import('./check.js')).checkCommand(),
  lint: async () => (await import('./lint.js')).lintCommand(),
  preview: async () => (await import('./preview.js')).previewCommand(),
  watch: async () => (await import('./build.js')).watchCommand(),
};
/** the command's name: the first word that is neither an option nor the value of a global option */
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-C' || a === '--root') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}
const named = commandName(process.argv.slice(2));
// a build that may make a PDF asks the browser its version (part of the PDF's cache key) while the modules load
if ((named === 'build' || named === 'watch') && !(process.argv.includes('--epub') && !process.argv.includes('--pdf') && !process.argv.includes('--press'))) {
  void import('../build/toolchain.js').then((toolchain) => toolchain.askBrowserVersion());
}
const wanted = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
for (const command of await Promise.all(wanted.map((name) => COMMANDS[name]()))) program.addCommand(command.exitOverride().showSuggestionAfterError());
program.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // commander printed the problem (or the help); help and --version are not errors
  process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
}

// the command is done: nothing may keep the process alive (a browser that failed to start left puppeteer's
// pipe and timers behind, and galley lived on for ten minutes)
if (process.env.GALLEY_REPORT_RSS) process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);
// (a command that serves on, like a preview server, is left to run)
if (named !== 'preview' && named !== 'watch' && !process.argv.includes('--watch') && !process.argv.includes('-w')) {
  mark('exit');
  stopEverything();
  process.exit(process.exitCode ?? 0);
}

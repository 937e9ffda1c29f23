#!/usr/bin/env node
/**
 * `nadaraya`: kernel regression, classification, density and bandwidths on CSV/JSON files. Arguments are
 * parsed by commander; every number comes from the library's public API (src/index.ts).
 */
import { Command } from 'commander';
import '../node.js'; // the Node backends: worker threads and the native addon
import { registerBandwidth } from './commands/bandwidth.js';
import { registerClassify } from './commands/classify.js';
import { registerDemo } from './commands/demo.js';
import { registerDensity } from './commands/density.js';
import { registerExplore } from './commands/explore.js';
import { registerPredict } from './commands/predict.js';
import { oneLine, reportError } from './exit.js';
import { fileError } from './files.js';
import { claimedStdoutErrors } from './output.js';
import { packageVersion } from './version.js';

/** The program, with its four commands; errors are thrown (exitOverride), not exited on. */
export function buildProgram(): Command {
  const program = new Command('nadaraya')
    .description('Nadaraya–Watson kernel regression, classification and Parzen density estimation on CSV and JSON files.\n'
      + 'Exit status: 0 success, 2 usage or parameter error, 3 data error, 4 resource limit.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(`nadaraya: ${oneLine(s)}\n`),
    })
    .addHelpText('after', '\nRun "nadaraya <command> --help" for the flags and examples of a command.');
  registerPredict(program);
  registerClassify(program);
  registerDensity(program);
  registerBandwidth(program);
  registerDemo(program);
  registerExplore(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  // a reader that stops early (`| head`) is not an error: stop quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    // after every listener has run: a write in progress (output.ts) may have taken the error on
    queueMicrotask(() => {
      if (claimedStdoutErrors.has(e)) return;
      process.exitCode = reportError(fileError(e, 'standard output', 'stdout'), { debug: argv.includes('--debug'), write: (s) => { process.stderr.write(s); } });
    });
  });
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (e) {
    process.exitCode = reportError(e, { debug: argv.includes('--debug'), write: (s) => { process.stderr.write(s); } });
  }
}

await main(process.argv);

import type { WarningInfo } from '../index.js';
/**
 * What the CLI says on stderr besides errors: notes (what was done, e.g. standardisation, the
 * leave-one-out accuracy) and warnings (e.g. how many estimates are undefined). --quiet silences both.
 */
import { oneLine } from './exit.js';

export class Reporter {
  constructor(private readonly quiet: boolean, private readonly write: (text: string) => void = (t) => { process.stderr.write(t); }) {}

  note(message: string): void {
    if (!this.quiet) this.write(`nadaraya: note: ${oneLine(message)}\n`);
  }

  warn(message: string): void {
    if (!this.quiet) this.write(`nadaraya: warning: ${oneLine(message)}\n`);
  }

  /**
   * A handler for the library's `onWarning`. The library's warning about empty neighbourhoods counts one
   * batch of queries; the CLI counts all of them and says it once (see `undefinedEstimates`), so that
   * warning is left out here.
   */
  libraryWarnings(): (message: string, info?: WarningInfo) => void {
    return (message, info) => {
      if (info?.code === 'W_EMPTY') return;
      this.warn(message);
    };
  }

  /** "3 of 60 estimates are undefined …", once per run. */
  undefinedEstimates(count: number, total: number, format: 'csv' | 'json', what = 'estimates'): void {
    if (count === 0) return;
    const shown = format === 'json' ? 'null in the JSON' : 'empty cells in the CSV';
    this.warn(`${count} of ${total} ${what} are undefined: no training point is within reach of the kernel `
      + `(written as ${shown}; use a wider --bandwidth, an unbounded --kernel, or --empty nearest|mean)`);
  }
}

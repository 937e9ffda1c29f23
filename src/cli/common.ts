/**
 * The flags every command shares and how they become library options. Names and values go straight to
 * the library (`kernel`, `bandwidth`, `shape`, `empty`), which validates them and names what it accepts.
 */
import { resolve as resolvePath } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { NadarayaError } from '../index.js';
import type { BandwidthInput, EstimatorOptions } from '../index.js';
import type { InputFormat } from './input.js';

/** Flags of any command (each command declares the ones it takes). */
export interface CommonFlags {
  train: string;
  query?: string;
  loo?: boolean;
  x?: string;
  y?: string;
  kernel?: string;
  bandwidth?: string;
  shape?: string;
  standardize?: boolean;
  empty?: string;
  weightsCol?: string;
  attention?: string;
  topK?: string;
  diagnostics?: boolean;
  format?: 'csv' | 'json';
  output?: string;
  delimiter?: string;
  inputFormat?: InputFormat;
  quiet?: boolean;
  debug?: boolean;
  backend?: string;
  precision?: string;
  threads?: string;
}

/** --kernel, --shape, --standardize, --empty, --weights-col (and --bandwidth unless `bandwidth` is false). */
export function addModelOptions(cmd: Command, options: { bandwidth: boolean } = { bandwidth: true }): Command {
  cmd.option('--kernel <name>', 'kernel name or alias (gaussian, boxcar, triangular, epanechnikov, …)', 'gaussian');
  if (options.bandwidth) {
    cmd.option('--bandwidth <b>', 'a width, a comma list (one per x column), or a method: scott, silverman, nrd0, nrd, normal-reference (and the data-driven selectors)', 'normal-reference');
  }
  return cmd
    .option('--shape <shape>', 'radial: α(‖(q − k) ⊘ h‖); product: ∏ α(|q_c − k_c| / h_c)', 'radial')
    .option('--standardize', 'divide each x column by its standard deviation (n − 1) first; the bandwidth is then in SD units')
    .option('--empty <policy>', 'a query with no training point in reach: nan, nearest, mean or error', 'nan')
    .option('--weights-col <col>', 'a column of observation weights (≥ 0) in the training file')
    .option('--backend <name>', 'what computes the exact sums: auto (the fastest that loads), native, workers, wasm or js', 'auto')
    .option('--precision <p>', 'float64 (exact) or float32 (faster; about 1e-5 relative)', 'float64')
    .option('--threads <n>', 'threads for the native and workers backends (default: the cores available)');
}

/** --attention/--top-k/--diagnostics (when `estimates`), then the input and output flags. */
export function addOutputOptions(cmd: Command, options: { estimates: boolean }): Command {
  if (options.estimates) {
    cmd.option('--attention <file>', 'write the attention weights: a dense CSV (query, key_0, …), or with --top-k a table query,key,weight')
      .option('--top-k <k>', 'with --attention: only the k largest weights per query')
      .option('--diagnostics', 'add log_denominator, n_eff and max_weight per query');
  }
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--output <file>', 'write to a file (atomically) instead of stdout')
    .addOption(new Option('--input-format <format>', 'format of stdin and of files without a .csv/.tsv/.json extension (default: csv)').choices(['csv', 'json']))
    .option('--delimiter <c>', 'CSV field delimiter, for input and output ("tab" for a tab; default ",", a tab for .tsv input)')
    .option('--quiet', 'no progress bar, notes or warnings on stderr (errors still)')
    .option('--debug', 'print the stack trace of an error');
}

/** Adds "Examples:" to a command's --help. */
export function addExamples(cmd: Command, examples: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

/**
 * --bandwidth: a number, a comma list of numbers, or a name passed to the library as is.
 * @example parseBandwidth('0.3,0.9') // [0.3, 0.9]
 */
export function parseBandwidth(spec: string, flag = '--bandwidth'): BandwidthInput {
  const s = spec.trim();
  if (s.includes(',') || /^[-+]?(\d|\.\d)/.test(s)) {
    const parts = s.split(',').map((p) => p.trim());
    const values = parts.map(Number);
    values.forEach((v, i) => {
      if (parts[i] === '' || Number.isNaN(v)) {
        throw new NadarayaError('E_PARAM', { argument: flag, value: spec }, 'must be a number, a comma list of numbers (one per x column), or a method name');
      }
    });
    return parts.length === 1 ? values[0]! : values;
  }
  // a method name: the library knows the names and lists them when one is unknown
  return s as BandwidthInput;
}

/** --delimiter: one or more characters; "tab" or "\t" for a tab. */
export function parseDelimiter(spec: string | undefined): string {
  if (spec === undefined) return ',';
  if (spec === 'tab' || spec === '\\t') return '\t';
  if (spec.length === 0 || /["\r\n]/.test(spec)) {
    throw new NadarayaError('E_PARAM', { argument: '--delimiter', value: spec }, 'must be a character other than a quote or a line break');
  }
  return spec;
}

/** --top-k: a whole number ≥ 1, only with --attention. */
export function parseTopK(flags: CommonFlags): number | undefined {
  if (flags.topK === undefined) return undefined;
  if (!flags.attention) throw new NadarayaError('E_PARAM', { argument: '--top-k' }, 'needs --attention FILE');
  const k = Number(flags.topK);
  if (!Number.isInteger(k) || k < 1) throw new NadarayaError('E_PARAM', { argument: '--top-k', value: flags.topK }, 'must be a whole number ≥ 1');
  return k;
}

/** The library options from the flags. */
export function estimatorOptions(flags: CommonFlags, onWarning: (message: string) => void, bandwidth?: BandwidthInput): EstimatorOptions {
  const options: EstimatorOptions = { onWarning };
  if (flags.kernel !== undefined) options.kernel = flags.kernel;
  const b = bandwidth ?? (flags.bandwidth !== undefined ? parseBandwidth(flags.bandwidth) : undefined);
  if (b !== undefined) options.bandwidth = b;
  if (flags.shape !== undefined) options.shape = flags.shape as EstimatorOptions['shape'];
  if (flags.empty !== undefined) options.empty = flags.empty as EstimatorOptions['empty'];
  // names go to the library as they are: it validates them and lists what it accepts
  if (flags.backend !== undefined) options.backend = flags.backend as EstimatorOptions['backend'];
  if (flags.precision !== undefined) options.precision = flags.precision as EstimatorOptions['precision'];
  if (flags.threads !== undefined) {
    const t = Number(flags.threads);
    if (flags.threads.trim() === '' || !Number.isInteger(t) || t < 1) throw new NadarayaError('E_PARAM', { argument: '--threads', value: flags.threads }, 'must be a whole number ≥ 1');
    options.threads = t;
  }
  return options;
}

/** --query FILE or --loo, exactly one. */
export function checkQueryOrLoo(flags: CommonFlags): void {
  if (flags.query !== undefined && flags.loo) throw new NadarayaError('E_PARAM', { argument: '--loo' }, 'cannot be used with --query (leave-one-out estimates are on the training rows)');
  if (flags.query === undefined && !flags.loo) throw new NadarayaError('E_PARAM', { argument: '--query' }, 'is needed (or --loo for leave-one-out estimates on the training rows)');
}

/** --attention and --output must be different files (else one would silently replace the other); neither may be an input. */
export function checkDistinctFiles(flags: CommonFlags): void {
  const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a !== '-' && b !== '-' && resolvePath(a) === resolvePath(b);
  if (same(flags.attention, flags.output)) {
    throw new NadarayaError('E_PARAM', { argument: '--attention', value: flags.attention }, 'is the same file as --output: give the weights a file of their own');
  }
  for (const [flag, path] of [['--output', flags.output], ['--attention', flags.attention]] as const) {
    for (const [input, inPath] of [['--train', flags.train], ['--query', flags.query]] as const) {
      if (same(path, inPath)) throw new NadarayaError('E_PARAM', { argument: flag, value: path }, `is the same file as ${input}: writing it would replace the data being read`);
    }
  }
}

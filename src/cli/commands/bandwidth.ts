/**
 * `nadaraya bandwidth`: the widths a method gives for the data. With a numeric --y the method is applied
 * to a regression, with a text --y to a classifier, without --y to a density; the library decides what
 * each method means there (a rule of thumb looks at x only; a selector at its own objective).
 */
import type { Command } from 'commander';
import { classifier, density, regression } from '../../index.js';
import type { BandwidthSelection } from '../../index.js';
import { columnList, findColumn, labelColumn, numericColumns, typedLabels } from '../../io/select.js';
import type { OutputColumn } from '../../io/write.js';
import { addExamples, addModelOptions, addOutputOptions, estimatorOptions, parseBandwidth, parseDelimiter } from '../common.js';
import type { CommonFlags } from '../common.js';
import { accessors, locateError, records, trainingKeys } from '../dataset.js';
import { readTable } from '../input.js';
import { progressAllowed } from '../progress.js';
import { Reporter } from '../report.js';
import { emitResult, modelEntries, noteStandardized } from '../results.js';
import type { JsonEntry } from '../results.js';

type BandwidthFlags = CommonFlags & { method: string };

/** What every fitted model reports about its widths. */
interface Widths {
  readonly kernel: { readonly name: string };
  readonly bandwidth: Float64Array;
  readonly kernelSd: Float64Array;
  readonly bandwidthSource: string;
  readonly selection?: BandwidthSelection | undefined;
}

export function registerBandwidth(program: Command): void {
  const cmd = program.command('bandwidth')
    .summary('the bandwidth a rule or selector gives for the data')
    .description('The widths --method gives for the training data: a rule of thumb (scott, silverman, nrd0, nrd, '
      + 'normal-reference) or a data-driven selector: cv-ls (leave-one-out squared error for a regression, '
      + 'cross-entropy for a classifier, least-squares CV for a density), cv-ml (density: leave-one-out '
      + 'likelihood), aic (regression: AIC_c), isj (1-D density: improved Sheather–Jones), learn (regression, '
      + 'classifier: gradient descent on the leave-one-out loss). --y numeric: a regression; --y text: a '
      + 'classifier; no --y: a density. Output: the raw width and the kernel SD per x column, and for a '
      + "selector its objective and number of evaluations (a classifier's also its leave-one-out error rate); "
      + '--format json adds every width the selector tried and its objective (curve).')
    .requiredOption('--train <file>', 'training data: CSV with a header, JSON records, or - for stdin')
    .option('--x <cols>', 'key columns, comma-separated (default: every numeric column but --y and --weights-col)')
    .option('--y <col>', 'value or label column (for the selectors that need one)')
    .requiredOption('--method <method>', 'scott, silverman, nrd0, nrd, normal-reference, cv-ls, cv-ml, aic, isj or learn');
  addModelOptions(cmd, { bandwidth: false });
  addOutputOptions(cmd, { estimates: false });
  addExamples(cmd, [
    'nadaraya bandwidth --train data/chapter.csv --x x --method nrd0',
    'nadaraya bandwidth --train data/chapter.csv --x x --y y --method silverman --format json',
    'nadaraya bandwidth --train data/chapter.csv --x x --y y --method cv-ls --format json',
  ]);
  cmd.action((flags: BandwidthFlags) => runBandwidth(flags));
}

export async function runBandwidth(flags: BandwidthFlags): Promise<void> {
  const report = new Reporter(flags.quiet === true);
  const yName = flags.y === undefined ? undefined : columnList(flags.y, '--y')[0];
  const delimiter = flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter);
  const table = await readTable({
    path: flags.train, flag: '--train', format: flags.inputFormat, delimiter, progress: progressAllowed(flags.quiet),
    keepText: new Set(yName === undefined ? [] : [yName]),
  });
  const yNames = yName === undefined ? [] : [yName];
  const yKind = yName === undefined ? undefined : findColumn(table, yName, 'named by --y').kind;
  const training = trainingKeys(table, flags, yNames);
  const options = estimatorOptions(flags, report.libraryWarnings(), parseBandwidth(flags.method, '--method'));
  const data = {
    x: accessors(training.columns),
    ...(training.weights ? { weights: accessors([training.weights])[0]! } : {}),
  };
  let model: Widths;
  try {
    if (yName === undefined) {
      model = density(options).fit(records(table.rows), data);
    } else if (yKind === 'text') {
      const labels = typedLabels(labelColumn(table, yName, 'named by --y'));
      model = classifier(options).fit<unknown, unknown>(records(table.rows), { ...data, y: (_: unknown, i: number) => labels[i] });
    } else {
      const y = numericColumns(table, [yName], 'named by --y')[0]!;
      model = regression(options).fit(records(table.rows), { ...data, y: (_: unknown, i: number) => y[i]! });
    }
  } catch (e) {
    throw locateError(e, { training, yNames });
  }
  noteStandardized(training, report);

  const selection = model.selection;
  const objective = selection?.objective ?? null;
  const [kernelEntry, bandwidthEntry, ...rest] = modelEntries(model, training);
  const entries: JsonEntry[] = [
    ['method', model.bandwidthSource], kernelEntry!, bandwidthEntry!, ['kernelSd', Array.from(model.kernelSd)],
    ['objective', objective],
    ...(selection ? [
      ['evaluations', selection.evaluations] as JsonEntry,
      ...(selection.bracketed === undefined ? [] : [['bracketed', selection.bracketed] as JsonEntry]),
      ...(selection.errorRate === undefined ? [] : [['errorRate', selection.errorRate] as JsonEntry]),
      ['curve', selection.curve.map((e) => ({ bandwidth: [...e.bandwidth], objective: e.objective }))] as JsonEntry,
    ] : []),
    ...rest,
  ];
  const columns: OutputColumn[] = [
    { name: 'column', cell: (c) => training.names[c]! },
    { name: 'bandwidth', cell: (c) => model.bandwidth[c]! },
    { name: 'kernel_sd', cell: (c) => model.kernelSd[c]! },
    { name: 'method', cell: () => model.bandwidthSource },
    { name: 'kernel', cell: () => model.kernel.name },
    { name: 'objective', cell: () => objective },
    { name: 'evaluations', cell: () => selection?.evaluations ?? null },
  ];
  if (selection?.errorRate !== undefined) columns.push({ name: 'error_rate', cell: () => selection.errorRate ?? null });
  await emitResult(flags, columns, training.names.length, entries);
}

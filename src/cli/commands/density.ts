/** `nadaraya density`: the Parzen–Rosenblatt density of the training points at query points. */
import type { Command } from 'commander';
import { density, regression } from '../../index.js';
import type { FittedKernelDensity } from '../../index.js';
import type { OutputColumn } from '../../io/write.js';
import { attentionWeights, writeAttention } from '../attention.js';
import type { AttentionModel } from '../attention.js';
import { inBatches } from '../batches.js';
import { addExamples, checkDistinctFiles, addModelOptions, addOutputOptions, estimatorOptions, parseDelimiter, parseTopK } from '../common.js';
import type { CommonFlags } from '../common.js';
import { MethodSummary, addMethodOptions, withMethod } from '../method.js';
import type { MethodFlags } from '../method.js';
import { accessors, locateError, queryKeys, queryPoints, records, trainingKeys } from '../dataset.js';
import type { ErrorPlaces, Training } from '../dataset.js';
import { checkOneStdin, readTable } from '../input.js';
import { progressAllowed } from '../progress.js';
import { Reporter } from '../report.js';
import {
  DiagnosticsBuffer, countRowsWithNaN, diagnosticColumns, diagnosticsJson, emitResult, keyColumns, queryColumns, queryTextColumns, modelEntries,
  noteStandardized,
} from '../results.js';
import type { JsonEntry } from '../results.js';

type DensityFlags = CommonFlags & MethodFlags & { query: string; log?: boolean };

export function registerDensity(program: Command): void {
  const cmd = program.command('density')
    .summary('kernel density estimate at query points')
    .description('Parzen–Rosenblatt kernel density: f(q) = Σ wᵢ α(‖(q − xᵢ) ⊘ h‖) / (Σ wᵢ · ∏ h · C_d), normalised in any '
      + 'dimension. Under --standardize the bandwidth is in SD units and the density is still in the units of the data. '
      + 'CSV output: the query columns, then density (or log_density with --log).')
    .requiredOption('--train <file>', 'sample: CSV with a header, JSON records, or - for stdin')
    .requiredOption('--query <file>', 'points where the density is wanted: a file with the --x columns')
    .option('--x <cols>', 'columns, comma-separated (default: every numeric column but --weights-col)')
    .option('--log', 'the log-density (log_density / "logDensity")');
  addModelOptions(cmd);
  addMethodOptions(cmd);
  addOutputOptions(cmd, { estimates: true });
  addExamples(cmd, [
    'nadaraya density --train data/chapter.csv --query grid.csv --x x --bandwidth scott',
    'nadaraya density --train sample.csv --query grid.csv --x a,b --kernel epanechnikov --bandwidth 0.8 --log --format json',
  ]);
  cmd.action((flags: DensityFlags) => runDensity(flags));
}

export async function runDensity(flags: DensityFlags): Promise<void> {
  const topK = parseTopK(flags);
  checkOneStdin([flags.train, flags.query]);
  checkDistinctFiles(flags);
  const report = new Reporter(flags.quiet === true);
  const progress = progressAllowed(flags.quiet);
  const delimiter = flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter);

  const trainTable = await readTable({ path: flags.train, flag: '--train', format: flags.inputFormat, delimiter, progress });
  const training = trainingKeys(trainTable, flags, []);
  const queryTable = await readTable({ path: flags.query, flag: '--query', format: flags.inputFormat, delimiter, progress, keepText: queryTextColumns(training.names) });
  const queries = queryKeys(queryTable, training);
  const places: ErrorPlaces = { training, queries: { table: queryTable, offset: 0 } };

  let model: FittedKernelDensity;
  try {
    model = density(withMethod(estimatorOptions(flags, report.libraryWarnings()), flags)).fit(records(trainTable.rows), {
      x: accessors(training.columns),
      ...(training.weights ? { weights: accessors([training.weights])[0]! } : {}),
    });
  } catch (e) {
    throw locateError(e, places);
  }
  noteStandardized(training, report);

  const m = queryTable.rows;
  const values = new Float64Array(m);
  const log = flags.log === true;
  const methods = new MethodSummary();
  await inBatches(m, 'density', progress, places, (start, end) => {
    const points = queryPoints(queries.columns, start, end);
    values.set(log ? model.logPdf(points) : model.pdf(points), start);
    methods.add(model.lastMethod, end - start);
  });
  if (training.scale) toDataUnits(values, training.scale, log);

  // diagnostics and attention weights: the library gives them on regression models; the weights do not
  // depend on the values, so a regression on the same keys, weights and widths (values 0) gives them
  const needWeights = flags.diagnostics || flags.attention;
  const weightsModel = needWeights ? sameWeightsRegression(flags, training, model) : null;
  const diagnostics = flags.diagnostics ? new DiagnosticsBuffer(m) : null;
  if (diagnostics) {
    await inBatches(m, 'diagnostics', progress, places, (start, end) => {
      diagnostics.set(weightsModel!.predictDetailed(queryPoints(queries.columns, start, end)), start);
    });
  }
  if (flags.attention) {
    const attention = await attentionWeights(weightsModel!, queries, topK, progress, places);
    await writeAttention(flags.attention, attention, delimiter ?? ',');
  }

  const name = log ? 'log_density' : 'density';
  const columns: OutputColumn[] = [...queryColumns(queries), { name, cell: (i) => values[i]! }];
  const entries: JsonEntry[] = [...modelEntries(model, training), [log ? 'logDensity' : 'density', values]];
  methods.report(entries, report, flags);
  if (diagnostics) {
    columns.push(...diagnosticColumns(diagnostics));
    entries.push(['diagnostics', diagnosticsJson(diagnostics)]);
  }
  const undefinedCount = countRowsWithNaN(values, 1);
  if (undefinedCount > 0) {
    report.warn(`${undefinedCount} of ${m} ${log ? 'log-densities' : 'densities'} are undefined (the ${model.kernel.name} kernel takes negative values; `
      + `the density estimate is below 0 there); written as ${flags.format === 'json' ? 'null' : 'empty cells'}`);
  }
  if (log && flags.format === 'json') {
    let zeros = 0;
    for (const v of values) if (v === -Infinity) zeros++;
    if (zeros > 0) report.warn(`${zeros} of ${m} log-densities are −Infinity (density 0: no sample point in reach); JSON has no −Infinity, so they are null`);
  }
  await emitResult(flags, columns, m, entries);
}

/**
 * The density was estimated for the standardised coordinates z = x / s; in the data's units it is
 * f(x) = f_z(x / s) / ∏ s (a change of variables), so that it still integrates to 1 over the data's space.
 */
function toDataUnits(values: Float64Array, scale: Float64Array, log: boolean): void {
  let logJacobian = 0;
  for (const s of scale) logJacobian += Math.log(s);
  const factor = Math.exp(-logJacobian);
  for (let i = 0; i < values.length; i++) values[i] = log ? values[i]! - logJacobian : values[i]! * factor;
}

/** A regression with the density's keys, weights and widths, for its attention weights and diagnostics. */
function sameWeightsRegression(flags: DensityFlags, training: Training, model: FittedKernelDensity): AttentionModel & ReturnType<ReturnType<typeof regression>['fit']> {
  const options = withMethod(estimatorOptions(flags, () => undefined, Array.from(model.bandwidth)), flags);
  options.empty = 'nan';
  return regression(options).fit(records(training.table.rows), {
    x: accessors(training.columns),
    y: () => 0,
    ...(training.weights ? { weights: accessors([training.weights])[0]! } : {}),
  });
}

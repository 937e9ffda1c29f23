/** `nadaraya predict`: Nadaraya–Watson regression of the --y columns at query points or leave-one-out. */
import type { Command } from 'commander';
import { regression } from '../../index.js';
import { columnList, numericColumns } from '../../io/select.js';
import { RowMajor } from '../../io/write.js';
import type { OutputColumn } from '../../io/write.js';
import { attentionWeights, writeAttention } from '../attention.js';
import { inBatches } from '../batches.js';
import { addExamples, checkDistinctFiles, addModelOptions, addOutputOptions, checkQueryOrLoo, estimatorOptions, parseDelimiter, parseTopK } from '../common.js';
import type { CommonFlags } from '../common.js';
import { MethodSummary, addMethodOptions, withMethod } from '../method.js';
import type { MethodFlags } from '../method.js';
import { accessors, locateError, queryKeys, queryPoints, records, trainingKeys } from '../dataset.js';
import type { ErrorPlaces } from '../dataset.js';
import { checkOneStdin, readTable } from '../input.js';
import { progressAllowed } from '../progress.js';
import { Reporter } from '../report.js';
import {
  DiagnosticsBuffer, blockColumns, countRowsWithNaN, diagnosticColumns, diagnosticsJson, emitResult, keyColumns, queryColumns, queryTextColumns,
  modelEntries, noteStandardized,
} from '../results.js';
import type { JsonEntry } from '../results.js';

export function registerPredict(program: Command): void {
  const cmd = program.command('predict')
    .summary('kernel regression: estimates of the --y columns at query points')
    .description('Nadaraya–Watson kernel regression: f(q) = Σ wᵢ α(q, xᵢ) yᵢ / Σ wⱼ α(q, xⱼ), at the rows of --query or '
      + 'leave-one-out at the training rows (--loo). Several --y columns give vector estimates. '
      + 'CSV output: the query columns, then <y>_hat per --y column (and the --diagnostics columns).')
    .requiredOption('--train <file>', 'training data: CSV with a header, JSON records, or - for stdin')
    .option('--query <file>', 'query points: a file with the --x columns')
    .option('--loo', 'leave-one-out estimates at the training rows instead of --query')
    .option('--x <cols>', 'key columns, comma-separated (default: every numeric column but --y and --weights-col)')
    .requiredOption('--y <cols>', 'value column(s), comma-separated');
  addModelOptions(cmd);
  addMethodOptions(cmd);
  addOutputOptions(cmd, { estimates: true });
  addExamples(cmd, [
    'nadaraya predict --train data/chapter.csv --query queries.csv --y y --bandwidth 0.5',
    'nadaraya predict --train big.csv --query grid.csv --y y --bandwidth 0.05 --tolerance 1e-6 --format json',
    'nadaraya predict --train data/chapter.csv --loo --y y --kernel boxcar --bandwidth 1 --format json',
    "printf 'x\\n1\\n2.5\\n' | nadaraya predict --train data/chapter.csv --query - --y y --diagnostics",
  ]);
  cmd.action((flags: PredictFlags) => runPredict(flags));
}

type PredictFlags = CommonFlags & MethodFlags & { y: string };

export async function runPredict(flags: PredictFlags): Promise<void> {
  checkQueryOrLoo(flags);
  const topK = parseTopK(flags);
  checkOneStdin([flags.train, flags.query]);
  checkDistinctFiles(flags);
  const report = new Reporter(flags.quiet === true);
  const progress = progressAllowed(flags.quiet);
  const delimiter = flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter);
  const yNames = columnList(flags.y, '--y');

  const trainTable = await readTable({ path: flags.train, flag: '--train', format: flags.inputFormat, delimiter, progress });
  const y = numericColumns(trainTable, yNames, 'named by --y');
  const training = trainingKeys(trainTable, flags, yNames);
  const queryTable = flags.query === undefined ? null
    : await readTable({ path: flags.query, flag: '--query', format: flags.inputFormat, delimiter, progress, keepText: queryTextColumns(training.names) });
  const queries = queryTable ? queryKeys(queryTable, training) : null;
  const places: ErrorPlaces = { training, yNames, queries: queryTable ? { table: queryTable, offset: 0 } : undefined };

  let model;
  try {
    model = regression(withMethod(estimatorOptions(flags, report.libraryWarnings()), flags)).fit(records(trainTable.rows), {
      x: accessors(training.columns),
      y: y.length === 1 ? accessors(y)[0]! : accessors(y),
      ...(training.weights ? { weights: accessors([training.weights])[0]! } : {}),
    });
  } catch (e) {
    throw locateError(e, places);
  }
  noteStandardized(training, report);

  const p = yNames.length;
  const hatNames = yNames.map((n) => `${n}_hat`);
  const entries: JsonEntry[] = modelEntries(model, training);
  const methods = new MethodSummary();
  let columns: OutputColumn[];
  let estimates: Float64Array;
  if (!queries) {
    const loo = model.leaveOneOut();
    estimates = loo.predictions;
    methods.add(model.lastMethod, estimates.length / p);
    columns = [...keyColumns(training), ...blockColumns(hatNames, estimates, p)];
    entries.push(['predictions', p === 1 ? estimates : new RowMajor(estimates, p)], ['mse', loo.mse]);
    if (flags.diagnostics) {
      columns.push(...diagnosticColumns(loo));
      entries.push(['diagnostics', diagnosticsJson(loo)]);
    }
    if (flags.attention) await writeAttention(flags.attention, await attentionWeights(model, null, topK, progress, places), delimiter ?? ',');
  } else {
    const fitted = model;
    const attention = flags.attention ? await attentionWeights(fitted, queries, topK, progress, places) : null;
    const m = queries.table.rows;
    estimates = new Float64Array(m * p);
    const diagnostics = flags.diagnostics ? new DiagnosticsBuffer(m) : null;
    await inBatches(m, 'predict', progress, places, (start, end) => {
      const part = fitted.predictDetailed(queryPoints(queries.columns, start, end));
      estimates.set(part.estimates, start * p);
      methods.add(part.method, end - start);
      diagnostics?.set(part, start);
    });
    columns = [...queryColumns(queries), ...blockColumns(hatNames, estimates, p)];
    entries.push(['predictions', p === 1 ? estimates : new RowMajor(estimates, p)]);
    if (diagnostics) {
      columns.push(...diagnosticColumns(diagnostics));
      entries.push(['diagnostics', diagnosticsJson(diagnostics)]);
    }
    if (attention) await writeAttention(flags.attention!, attention, delimiter ?? ',');
  }
  methods.report(entries, report, flags);
  const rows = estimates.length / p;
  report.undefinedEstimates(countRowsWithNaN(estimates, p), rows, flags.format ?? 'csv');
  await emitResult(flags, columns, rows, entries);
}

/** `nadaraya classify`: Nadaraya–Watson classification (class probabilities from one-hot values). */
import type { Command } from 'commander';
import { NadarayaError, classifier } from '../../index.js';
import type { Diagnostics } from '../../index.js';
import { columnList, labelColumn, typedLabels } from '../../io/select.js';
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

type ClassifyFlags = CommonFlags & MethodFlags & { y: string; proba?: boolean };

export function registerClassify(program: Command): void {
  const cmd = program.command('classify')
    .summary('kernel classification: the class and class probabilities at query points')
    .description('Nadaraya–Watson classification: p(c | q) = Σ_{yᵢ = c} wᵢ α(q, xᵢ) / Σ wⱼ α(q, xⱼ), the prediction its '
      + 'argmax (ties to the first class in sorted order). --loo also reports the leave-one-out accuracy. '
      + 'CSV output: the query columns, <y>_hat, and with --proba p_<class> per class.')
    .requiredOption('--train <file>', 'training data: CSV with a header, JSON records, or - for stdin')
    .option('--query <file>', 'query points: a file with the --x columns')
    .option('--loo', 'leave-one-out predictions at the training rows (and the accuracy) instead of --query')
    .option('--x <cols>', 'key columns, comma-separated (default: every numeric column but --y and --weights-col)')
    .requiredOption('--y <col>', 'the label column')
    .option('--proba', 'add the class probabilities p_<class> to the CSV output (JSON always has them)');
  addModelOptions(cmd);
  addMethodOptions(cmd);
  addOutputOptions(cmd, { estimates: true });
  addExamples(cmd, [
    'nadaraya classify --train train.csv --query new.csv --x a,b --y label --bandwidth 0.5 --proba',
    'nadaraya classify --train train.csv --loo --y label --bandwidth 0.5 --format json',
  ]);
  cmd.action((flags: ClassifyFlags) => runClassify(flags));
}

export async function runClassify(flags: ClassifyFlags): Promise<void> {
  checkQueryOrLoo(flags);
  const topK = parseTopK(flags);
  checkOneStdin([flags.train, flags.query]);
  checkDistinctFiles(flags);
  const yNames = columnList(flags.y, '--y');
  if (yNames.length !== 1) throw new NadarayaError('E_PARAM', { argument: '--y', value: flags.y }, 'classify takes one label column');
  const yName = yNames[0]!;
  const report = new Reporter(flags.quiet === true);
  const progress = progressAllowed(flags.quiet);
  const delimiter = flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter);

  const trainTable = await readTable({ path: flags.train, flag: '--train', format: flags.inputFormat, delimiter, keepText: new Set([yName]), progress });
  const labels = typedLabels(labelColumn(trainTable, yName, 'named by --y'));
  const training = trainingKeys(trainTable, flags, yNames);
  const queryTable = flags.query === undefined ? null
    : await readTable({ path: flags.query, flag: '--query', format: flags.inputFormat, delimiter, progress, keepText: queryTextColumns(training.names) });
  const queries = queryTable ? queryKeys(queryTable, training) : null;
  const places: ErrorPlaces = { training, yNames, queries: queryTable ? { table: queryTable, offset: 0 } : undefined };

  let model;
  try {
    model = classifier(withMethod(estimatorOptions(flags, report.libraryWarnings()), flags)).fit<unknown, unknown>(records(trainTable.rows), {
      x: accessors(training.columns),
      y: (_: unknown, i: number) => labels[i],
      ...(training.weights ? { weights: accessors([training.weights])[0]! } : {}),
    });
  } catch (e) {
    throw locateError(e, places);
  }
  noteStandardized(training, report);

  const { classes } = model;
  const C = classes.length;
  const entries: JsonEntry[] = [...modelEntries(model, training), ['classes', classes]];
  const methods = new MethodSummary();
  let keys = training as typeof training | NonNullable<typeof queries>;
  let predictions: (unknown | null)[];
  let probabilities: Float64Array;
  let diagnostics: Diagnostics | null = null;
  if (!queries) {
    const loo = model.leaveOneOut();
    ({ predictions, probabilities } = loo);
    methods.add(model.lastMethod, predictions.length);
    entries.push(['predictions', predictions as unknown[]], ['probabilities', new RowMajor(probabilities, C)], ['accuracy', loo.accuracy]);
    if (flags.diagnostics) {
      diagnostics = loo;
      entries.push(['diagnostics', diagnosticsJson(loo)]);
    }
    if (flags.attention) await writeAttention(flags.attention, await attentionWeights(model, null, topK, progress, places), delimiter ?? ',');
    report.note(`leave-one-out accuracy ${loo.accuracy} on ${trainTable.rows} training rows`);
  } else {
    const fitted = model;
    keys = queries;
    const attention = flags.attention ? await attentionWeights(fitted, queries, topK, progress, places) : null;
    const m = queries.table.rows;
    predictions = new Array(m);
    probabilities = new Float64Array(m * C);
    const buffer = flags.diagnostics ? new DiagnosticsBuffer(m) : null;
    diagnostics = buffer;
    await inBatches(m, 'classify', progress, places, (start, end) => {
      const part = fitted.predictDetailed(queryPoints(queries.columns, start, end));
      part.predictions.forEach((label, i) => { predictions[start + i] = label; });
      probabilities.set(part.probabilities, start * C);
      methods.add(part.method, end - start);
      buffer?.set(part, start);
    });
    entries.push(['predictions', predictions as unknown[]], ['probabilities', new RowMajor(probabilities, C)]);
    if (buffer) entries.push(['diagnostics', diagnosticsJson(buffer)]);
    if (attention) await writeAttention(flags.attention!, attention, delimiter ?? ',');
  }
  methods.report(entries, report, flags);
  const columns: OutputColumn[] = [
    ...(queries ? queryColumns(queries) : keyColumns(keys)),
    { name: `${yName}_hat`, cell: (i) => { const l = predictions[i]; return l === null || l === undefined ? null : String(l); } },
  ];
  if (flags.proba) columns.push(...blockColumns(classes.map((c) => `p_${String(c)}`), probabilities, C));
  if (diagnostics) columns.push(...diagnosticColumns(diagnostics));
  const rows = predictions.length;
  report.undefinedEstimates(countRowsWithNaN(probabilities, C), rows, flags.format ?? 'csv', 'predictions');
  await emitResult(flags, columns, rows, entries);
}

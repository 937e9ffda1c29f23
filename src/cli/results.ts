/**
 * Turning estimates into the output contract: CSV columns (the query columns, then the estimates, then
 * the diagnostics) and the JSON object's keys, and writing them to stdout or --output.
 */
import type { Diagnostics } from '../index.js';
import { csvChunks, jsonChunks } from '../io/write.js';
import type { Cell, JsonValue, OutputColumn } from '../io/write.js';
import type { TextColumns } from '../io/table.js';
import { parseDelimiter } from './common.js';
import type { CommonFlags } from './common.js';
import type { Keys, Training } from './dataset.js';
import { writeOutput } from './output.js';
import type { Reporter } from './report.js';

export type JsonEntry = readonly [string, JsonValue];

/** Diagnostics of all queries, filled batch by batch. */
export class DiagnosticsBuffer implements Diagnostics {
  readonly logDenominator: Float64Array;
  readonly nEff: Float64Array;
  readonly maxWeight: Float64Array;
  constructor(m: number) {
    this.logDenominator = new Float64Array(m);
    this.nEff = new Float64Array(m);
    this.maxWeight = new Float64Array(m);
  }

  set(part: Diagnostics, offset: number): void {
    this.logDenominator.set(part.logDenominator, offset);
    this.nEff.set(part.nEff, offset);
    this.maxWeight.set(part.maxWeight, offset);
  }
}

/** The key (x) columns as they are in the file. */
export function keyColumns(keys: Keys): OutputColumn[] {
  return keys.names.map((name, c) => ({ name, cell: (i: number) => keys.original[c]![i]! }));
}

/**
 * Every column of a query file, in the file's order: the x columns as numbers, the others (ids, notes…)
 * as their raw cells, read with `queryTextColumns` — so that each output row can be matched to its input.
 */
export function queryColumns(keys: Keys): OutputColumn[] {
  const out: OutputColumn[] = [];
  for (const col of keys.table.columns) {
    const c = keys.names.indexOf(col.name);
    if (c >= 0) out.push({ name: col.name, cell: (i: number) => keys.original[c]![i]! });
    else if (col.text) { const text = col.text; out.push({ name: col.name, cell: (i: number) => text[i] as Cell }); }
  }
  return out;
}

/** What a query file keeps as raw cells: every column but the training's x columns (read as numbers). */
export function queryTextColumns(xNames: readonly string[]): TextColumns {
  return { has: (name) => !xNames.includes(name) };
}

/** Column c of a row-major m × width block, for each name. */
export function blockColumns(names: readonly string[], data: ArrayLike<number>, width: number): OutputColumn[] {
  return names.map((name, c) => ({ name, cell: (i: number) => data[i * width + c]! }));
}

export function diagnosticColumns(d: Diagnostics): OutputColumn[] {
  return [
    { name: 'log_denominator', cell: (i) => d.logDenominator[i]! },
    { name: 'n_eff', cell: (i) => d.nEff[i]! },
    { name: 'max_weight', cell: (i) => d.maxWeight[i]! },
  ];
}

export function diagnosticsJson(d: Diagnostics): JsonValue {
  return { logDenominator: d.logDenominator, nEff: d.nEff, maxWeight: d.maxWeight };
}

/** "kernel", "bandwidth" and, under --standardize, "standardized": true. */
export function modelEntries(model: { kernel: { name: string }; bandwidth: Float64Array }, training: Training): JsonEntry[] {
  const entries: JsonEntry[] = [['kernel', model.kernel.name], ['bandwidth', Array.from(model.bandwidth)]];
  if (training.scale) entries.push(['standardized', true]);
  return entries;
}

/** The stderr note that says the bandwidth is in standardised units. */
export function noteStandardized(training: Training, report: Reporter): void {
  if (!training.scale) return;
  const sds = training.names.map((n, c) => `${n}: ${training.scale![c]}`).join(', ');
  report.note(`--standardize: the x columns were divided by their standard deviations (${sds}); the bandwidth is in those units`);
}

/**
 * Writes the result in the format asked for.
 * @example await emitResult(flags, columns, m, entries);
 */
export async function emitResult(flags: CommonFlags, columns: readonly OutputColumn[], rows: number, entries: readonly JsonEntry[]): Promise<void> {
  const chunks = flags.format === 'json' ? jsonChunks(entries) : csvChunks(columns, rows, parseDelimiter(flags.delimiter));
  await writeOutput(flags.output, chunks, '--output');
}

/** How many entries of a block are NaN (for the warning about undefined estimates). */
export function countRowsWithNaN(data: ArrayLike<number>, width: number): number {
  let count = 0;
  const m = width === 0 ? 0 : data.length / width;
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < width; c++) if (Number.isNaN(data[i * width + c])) { count++; break; }
  }
  return count;
}

/**
 * From tables to what the library's `fit` and `predict` take: the x columns (standardised when asked),
 * the weights, and queries in batches. Columns are handed over through accessor functions over a
 * `{ length: n }` stand-in for records, so no row arrays or record objects are built for the training data.
 */
import { NadarayaError, sampleSd } from '../index.js';
import type { PointsInput } from '../index.js';
import { columnList, numericColumnNames, numericColumns } from '../io/select.js';
import type { ColumnTable } from '../io/table.js';
import type { CommonFlags } from './common.js';

/** The key columns of one file, as given and as the kernel sees them. */
export interface Keys {
  readonly table: ColumnTable;
  readonly names: readonly string[];
  /** The columns as in the file. */
  readonly original: readonly Float64Array[];
  /** The columns the model sees: divided by `scale` under --standardize, else the same arrays. */
  readonly columns: readonly Float64Array[];
}

/** The training side: keys, the standardisation scale, and the weights column. */
export interface Training extends Keys {
  /** The standard deviations the columns were divided by (--standardize), or null. */
  readonly scale: Float64Array | null;
  readonly weightsName: string | undefined;
  readonly weights: Float64Array | null;
}

/** The x column names: --x, or every numeric column but the excluded ones (the y and weight columns). */
export function xColumnNames(table: ColumnTable, flags: CommonFlags, exclude: readonly string[]): string[] {
  return flags.x !== undefined ? columnList(flags.x, '--x') : numericColumnNames(table, exclude);
}

/** Reads the training keys and weights from the table. */
export function trainingKeys(table: ColumnTable, flags: CommonFlags, yNames: readonly string[]): Training {
  const weightsName = flags.weightsCol?.trim();
  const names = xColumnNames(table, flags, weightsName ? [...yNames, weightsName] : yNames);
  const original = numericColumns(table, names, 'named by --x');
  const weights = weightsName ? numericColumns(table, [weightsName], 'named by --weights-col')[0]! : null;
  if (!flags.standardize) return { table, names, original, columns: original, scale: null, weightsName, weights };
  const scale = Float64Array.from(original, (col, c) => {
    const sd = sampleSd(col);
    if (!(sd > 0) || !Number.isFinite(sd)) {
      throw new NadarayaError('E_DATA', { argument: `${table.source}, column ${JSON.stringify(names[c])}`, value: sd },
        '--standardize needs a standard deviation > 0 (at least 2 different values)');
    }
    return sd;
  });
  return { table, names, original, columns: divide(original, scale), scale, weightsName, weights };
}

/** The same x columns from a query file, scaled like the training keys. */
export function queryKeys(table: ColumnTable, training: Training): Keys {
  const original = numericColumns(table, training.names, 'an x column of the training file', 'E_DATA');
  return { table, names: training.names, original, columns: training.scale ? divide(original, training.scale) : original };
}

function divide(columns: readonly Float64Array[], scale: Float64Array): Float64Array[] {
  return columns.map((col, c) => col.map((v) => v / scale[c]!));
}

/** A stand-in for n records: the accessors below read columns by index. */
export function records(n: number): ArrayLike<unknown> {
  return { length: n };
}

/** One accessor per column, for `fit(records, { x: accessors(columns) })`. */
export function accessors(columns: readonly Float64Array[]): ((d: unknown, i: number) => number)[] {
  return columns.map((col) => (_: unknown, i: number) => col[i]!);
}

/** Query rows [start, end) as the library takes points: the column itself in 1-D, else rows. */
export function queryPoints(columns: readonly Float64Array[], start: number, end: number): PointsInput {
  if (columns.length === 1) return columns[0]!.subarray(start, end);
  const d = columns.length;
  const data = new Float64Array((end - start) * d);
  for (let i = start; i < end; i++) for (let c = 0; c < d; c++) data[(i - start) * d + c] = columns[c]![i]!;
  return Array.from({ length: end - start }, (_, i) => data.subarray(i * d, (i + 1) * d));
}

/** Where the library's row-numbered errors point, in file terms. */
export interface ErrorPlaces {
  training: Training;
  /** The value columns (predict) or the label column (classify). */
  yNames?: readonly string[];
  queries?: { table: ColumnTable; offset: number };
}

/**
 * A library error that names a row of x, y, the weights or the queries, re-worded to name the file, its
 * line and the column; other errors are returned as they are.
 */
export function locateError(e: unknown, places: ErrorPlaces): unknown {
  if (!(e instanceof NadarayaError)) return e;
  const { training } = places;
  if (e.row === undefined) {
    // a whole column (constant, or too few distinct values): the file and the column's name
    if (typeof e.column !== 'number') return e;
    const name = e.argument === 'x' ? training.names[e.column] : e.argument === 'y' ? places.yNames?.[e.column] : undefined;
    if (name === undefined) return e;
    const where = `${training.table.source}, column ${JSON.stringify(name)}`;
    return 'value' in e ? new NadarayaError(e.code, { argument: where, value: e.value }, e.problem) : new NadarayaError(e.code, { argument: where }, e.problem);
  }
  let table: ColumnTable;
  let column: string | undefined;
  let row = e.row;
  const index = typeof e.column === 'number' ? e.column : 0;
  switch (e.argument) {
    case 'x': table = training.table; column = training.names[index]; break;
    case 'y': table = training.table; column = places.yNames?.[index]; break;
    case 'weights': table = training.table; column = training.weightsName; break;
    case 'queries':
      if (!places.queries) return e;
      table = places.queries.table;
      row += places.queries.offset;
      break;
    default: return e;
  }
  const where = `${table.source}, ${table.locate(row)}${column === undefined ? '' : `, column ${JSON.stringify(column)}`}`;
  return 'value' in e ? new NadarayaError(e.code, { argument: where, value: e.value }, e.problem) : new NadarayaError(e.code, { argument: where }, e.problem);
}

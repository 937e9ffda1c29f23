/**
 * Picking the x, y and weight columns out of a table, with the errors a person can act on: a missing
 * column lists the columns that exist, a bad cell names the file, its line and the column.
 */
import { NadarayaError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { ColumnTable, TableColumn } from './table.js';

/** Splits a comma list of column names ("a, b" → ["a", "b"]); an empty name is an error. */
export function columnList(spec: string, flag: string): string[] {
  const names = spec.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) {
    throw new NadarayaError('E_PARAM', { argument: flag, value: spec }, 'must be a comma-separated list of column names');
  }
  return names;
}

/**
 * The column called `name`. Missing: `code` E_PARAM when a flag named it in a file it should be in,
 * E_DATA when a query file lacks a column the training file has.
 * @example findColumn(table, 'y', 'named by --y', 'E_PARAM')
 */
export function findColumn(table: ColumnTable, name: string, why: string, code: ErrorCode = 'E_PARAM'): TableColumn {
  const col = table.columns.find((c) => c.name === name);
  if (col) return col;
  const names = table.columns.map((c) => JSON.stringify(c.name)).join(', ');
  throw new NadarayaError(code, { argument: table.source }, `has no column ${JSON.stringify(name)} (${why}); its columns are ${names}`);
}

/** The numeric columns of a table, in file order, except the excluded names (the default --x). */
export function numericColumnNames(table: ColumnTable, exclude: readonly string[]): string[] {
  const names = table.columns.filter((c) => c.kind === 'number' && !exclude.includes(c.name)).map((c) => c.name);
  if (names.length === 0) {
    const all = table.columns.map((c) => `${JSON.stringify(c.name)} (${c.kind})`).join(', ');
    throw new NadarayaError('E_DATA', { argument: table.source }, `has no numeric column to use as x; its columns are ${all} (name them with --x)`);
  }
  return names;
}

/** The named columns as numbers, each checked: every cell must be a finite number. */
export function numericColumns(table: ColumnTable, names: readonly string[], why: string, code: ErrorCode = 'E_PARAM'): Float64Array[] {
  return names.map((name) => {
    const col = findColumn(table, name, why, code);
    if (col.firstInvalid) throw cellError(table, col, col.firstInvalid.row, col.firstInvalid.value);
    return col.values;
  });
}

/** The raw cells of a label column (kept as text when the table was read), none empty. */
export function labelColumn(table: ColumnTable, name: string, why: string): readonly unknown[] {
  const col = findColumn(table, name, why);
  if (!col.text) throw new Error(`column ${name} was not read as text`);
  if (col.firstEmpty !== null) {
    throw new NadarayaError('E_DATA', { argument: cellLocation(table, col.name, col.firstEmpty) }, 'the label is missing (an empty cell)');
  }
  return col.text;
}

/** "data.csv, line 5, column "x"". */
export function cellLocation(table: ColumnTable, column: string | undefined, row: number): string {
  return `${table.source}, ${table.locate(row)}${column === undefined ? '' : `, column ${JSON.stringify(column)}`}`;
}

function cellError(table: ColumnTable, col: TableColumn, row: number, value: unknown): NadarayaError {
  const where = cellLocation(table, col.name, row);
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    return new NadarayaError('E_DATA', { argument: where }, 'the cell is empty (a number is needed)');
  }
  const numeric = typeof value === 'number' || (typeof value === 'string' && (!Number.isNaN(Number(value)) || value.trim() === 'NaN'));
  return new NadarayaError('E_DATA', { argument: where, value }, numeric ? 'must be a finite number' : 'is not a number');
}

/**
 * Labels as the classifier should see them: CSV cells are strings, and a column of numbers ("0", "1")
 * becomes numbers so that its classes sort numerically; JSON values keep their type.
 * @example typedLabels(['1', '10', '2']) // [1, 10, 2]
 */
export function typedLabels(raw: readonly unknown[]): unknown[] {
  const numeric = raw.every((v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))));
  return numeric ? raw.map((v) => (typeof v === 'number' ? v : Number(v))) : raw.map((v) => (typeof v === 'string' ? v.trim() : v));
}

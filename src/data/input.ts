/**
 * Every accepted input shape, converted to a Matrix with validation: plain arrays and typed arrays
 * (one coordinate), arrays of rows, and records read through accessors (d3's lesson: a field name or a
 * function `d => d.dose`).
 */
import { NadarayaError } from '../errors.js';
import type { Matrix } from './matrix.js';

/** A field name or a function of (record, index). */
export type Accessor<T = any> = string | ((d: T, i: number) => number);

/** Points: a 1-D array (one coordinate), or an array of rows. */
export type PointsInput = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/**
 * Query points: as `PointsInput`, or records (objects) when the model was fitted with
 * `fit(records, accessors)` — they are read with the same x accessors.
 */
export type QueryInput = PointsInput | ArrayLike<object>;

/** Values: one number per point, or one row of numbers per point (vector values). */
export type ValuesInput = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

function isRowLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

/** Converts points or values to a matrix; NaN and ±Inf are kept here (see `checkFinite`). */
export function toMatrix(input: unknown, argument: string): Matrix {
  if (input === null || input === undefined || typeof (input as ArrayLike<unknown>).length !== 'number' || typeof input === 'string') {
    throw new NadarayaError('E_DATA', { argument, value: input }, 'must be an array of numbers or an array of rows');
  }
  const arr = input as ArrayLike<unknown>;
  const rows = arr.length;
  if (rows === 0) return { data: new Float64Array(0), rows: 0, cols: 0 };
  // typed arrays of numbers hold numbers only: one copy (the caller may change theirs later), no per-element checks
  if (arr instanceof Float64Array) return { data: arr.slice(), rows, cols: 1 };
  if (ArrayBuffer.isView(arr) && !(arr instanceof DataView) && typeof (arr as unknown as Float32Array)[0] === 'number') {
    return { data: Float64Array.from(arr as unknown as ArrayLike<number>), rows, cols: 1 };
  }
  if (!isRowLike(arr[0])) {
    const data = new Float64Array(rows);
    for (let i = 0; i < rows; i++) data[i] = toNumber(arr[i], argument, i, 0);
    return { data, rows, cols: 1 };
  }
  const cols = (arr[0] as ArrayLike<number>).length;
  if (cols === 0) throw new NadarayaError('E_DATA', { argument, row: 0, value: arr[0] }, 'rows must have at least one column');
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = arr[i];
    if (!isRowLike(r)) throw new NadarayaError('E_DATA', { argument, row: i, value: r }, 'must be a row like the first one (an array)');
    if (r.length !== cols) throw new NadarayaError('E_DATA', { argument, row: i, value: r.length }, `ragged rows: expected ${cols} columns like row 0`);
    for (let c = 0; c < cols; c++) data[i * cols + c] = toNumber(r[c], argument, i, c);
  }
  return { data, rows, cols };
}

/** Reads records through one accessor per column. */
export function recordsToMatrix(records: ArrayLike<unknown>, accessors: Accessor | readonly Accessor[], argument: string): Matrix {
  const list = Array.isArray(accessors) ? accessors : [accessors as Accessor];
  if (list.length === 0) throw new NadarayaError('E_PARAM', { argument }, 'needs at least one accessor');
  const rows = records.length;
  const cols = list.length;
  const data = new Float64Array(rows * cols);
  list.forEach((a, c) => {
    if (typeof a !== 'string' && typeof a !== 'function') {
      throw new NadarayaError('E_PARAM', { argument, column: c, value: a }, 'an accessor must be a field name or a function');
    }
  });
  for (let i = 0; i < rows; i++) {
    const rec = records[i] as Record<string, unknown>;
    for (let c = 0; c < cols; c++) {
      const a = list[c]!;
      if (typeof a === 'string' && (rec === null || typeof rec !== 'object' || !(a in rec))) {
        throw new NadarayaError('E_DATA', { argument, row: i, column: a }, 'field is missing from the record');
      }
      const v = typeof a === 'string' ? rec[a] : a(rec, i);
      data[i * cols + c] = toNumber(v, argument, i, typeof a === 'string' ? a : c);
    }
  }
  return { data, rows, cols };
}

function toNumber(v: unknown, argument: string, row: number, column: number | string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return NaN;
  throw new NadarayaError('E_DATA', { argument, row, column, value: v }, 'must be a number');
}

/** Throws E_DATA at the first NaN or ±Inf (or null/undefined, read as NaN). */
export function checkFinite(m: Matrix, argument: string): void {
  const { data, cols } = m;
  for (let t = 0; t < data.length; t++) {
    if (!Number.isFinite(data[t])) {
      throw new NadarayaError('E_DATA', { argument, row: Math.floor(t / cols), column: t % cols, value: data[t] },
        "must be a finite number (pass missing: 'drop' to drop such rows)");
    }
  }
}

/** Rows where every entry is finite. */
export function finiteRowMask(m: Matrix): Uint8Array {
  const mask = new Uint8Array(m.rows).fill(1);
  for (let t = 0; t < m.data.length; t++) if (!Number.isFinite(m.data[t])) mask[Math.floor(t / m.cols)] = 0;
  return mask;
}

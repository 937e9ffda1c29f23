/**
 * The two ways to hand data to `fit`: arrays (`fit(x, y, { weights })`), or records with accessors
 * (`fit(records, { x: ['a', 'b'], y: 'y' })`, a field name or a function per column).
 */
import { NadarayaError } from '../errors.js';
import { recordsToMatrix, toMatrix } from '../data/input.js';
import type { Accessor } from '../data/input.js';
import type { Matrix } from '../data/matrix.js';
import { checkOptionKeys } from '../options.js';

/** Accessors for `fit(records, accessors)`. */
export interface RecordAccessors<T = any> {
  /** Key columns: one accessor or one per coordinate. */
  x: Accessor<T> | readonly Accessor<T>[];
  /** Value column(s) (regression) or the label (classification); absent for density. */
  y?: Accessor<T> | readonly Accessor<T>[] | ((d: T, i: number) => unknown);
  /** Observation weights. */
  weights?: Accessor<T>;
}

/** Options of `fit(x, y, options)`. */
export interface FitOptions {
  /** Observation weights wᵢ ≥ 0: estimates become Σ wᵢαᵢvᵢ / Σ wᵢαᵢ (integer weights equal repeated rows). */
  weights?: ArrayLike<number>;
}

export function isRecordAccessors(v: unknown): v is RecordAccessors {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && 'x' in (v as object);
}

/** Reads x and weights from either form; `y` is returned raw (the estimator interprets it). */
export function readFitInput(first: unknown, second: unknown, third: unknown, needY: boolean):
  { x: Matrix; y: unknown; weights: Float64Array | null; yName: string; xAccessors: RecordAccessors['x'] | null } {
  if (isRecordAccessors(second)) {
    checkOptionKeys(second, ['x', 'y', 'weights'], 'accessors');
    if (!first || typeof (first as ArrayLike<unknown>).length !== 'number') {
      throw new NadarayaError('E_DATA', { argument: 'records', value: first }, 'must be an array of records');
    }
    const records = first as ArrayLike<unknown>;
    const x = recordsToMatrix(records, second.x, 'x');
    let y: unknown = undefined;
    if (!needY && second.y !== undefined) throw new NadarayaError('E_PARAM', { argument: 'accessors.y' }, 'a density has no values: drop y');
    if (needY) {
      if (second.y === undefined) throw new NadarayaError('E_PARAM', { argument: 'accessors.y' }, 'is required');
      const acc = second.y;
      y = Array.isArray(acc) ? recordsToMatrix(records, acc, 'y') : readColumn(records, acc as Accessor);
    }
    const weights = second.weights === undefined ? null : recordsToMatrix(records, second.weights, 'weights').data;
    return { x, y, weights, yName: 'y', xAccessors: second.x };
  }
  const x = toMatrix(first, 'x');
  if (needY && (second === undefined || second === null)) throw new NadarayaError('E_DATA', { argument: 'y', value: second }, 'is required');
  const opts = (needY ? third : second) as FitOptions | undefined;
  checkOptionKeys(opts, ['weights'], 'fitOptions');
  const weights = opts?.weights === undefined ? null : toMatrix(opts.weights, 'weights').data;
  return { x, y: needY ? second : undefined, weights, yName: 'y', xAccessors: null };
}

/** One value per record through an accessor (any type: labels may be strings). */
export function readColumn(records: ArrayLike<unknown>, accessor: Accessor, argument = 'y'): unknown[] {
  if (typeof accessor !== 'string' && typeof accessor !== 'function') {
    throw new NadarayaError('E_PARAM', { argument, value: accessor }, 'an accessor must be a field name or a function');
  }
  const out: unknown[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as Record<string, unknown>;
    if (typeof accessor === 'string' && (r === null || typeof r !== 'object' || !(accessor in r))) {
      throw new NadarayaError('E_DATA', { argument, row: i, column: accessor }, 'field is missing from the record');
    }
    out[i] = typeof accessor === 'function' ? accessor(r, i) : r[accessor];
  }
  return out;
}

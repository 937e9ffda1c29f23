/**
 * Messages between the page and its workers. Typed arrays travel as transferables; errors travel as
 * `NadarayaError.toJSON()` objects and are rebuilt on the page with `NadarayaError.fromJSON`.
 */
import type { SerializedNadarayaError } from '../../src/index.js';

export type Mode = 'regression' | 'density' | 'classification';

/** Where the queries are: an even 1-D grid, or a g × g grid over a box (row-major, y outer). */
export type Grid =
  | { readonly kind: '1d'; readonly lo: number; readonly hi: number; readonly m: number }
  | { readonly kind: '2d'; readonly x0: number; readonly x1: number; readonly y0: number; readonly y1: number; readonly g: number };

/** The training data of one version. 1-D: x (n); 2-D: x (n × 2, row-major) with class indices. */
export interface DataSet {
  readonly version: number;
  readonly mode: Mode;
  readonly d: 1 | 2;
  readonly x: Float64Array;
  /** Regression values (n), or null. */
  readonly y: Float64Array | null;
  /** Classification: class index per point, or null. */
  readonly labels: Int32Array | null;
  readonly grid: Grid;
}

/** What the math depends on besides the data. */
export interface Model {
  readonly kernel: string;
  readonly adaptive: boolean;
  /** Raw widths h, one per coordinate. */
  readonly width: readonly number[];
}

export type ToMathWorker =
  | { readonly type: 'compute'; readonly id: number; readonly data: DataSet | null; readonly version: number; readonly model: Model }
  | { readonly type: 'hover'; readonly id: number; readonly version: number; readonly model: Model; readonly q: readonly number[] };

export type ErrorPayload = SerializedNadarayaError | { readonly name: string; readonly message: string };

/** Phase 1: the estimate on the query grid (ŷ, f̂ or class probabilities). */
export interface FitResult {
  readonly type: 'fit';
  readonly id: number;
  readonly version: number;
  readonly model: Model;
  readonly queries: Float64Array;
  /** ŷ (m), f̂ (m), or class probabilities (m × C). */
  readonly values: Float64Array;
  /** Classes present (classification), as class indices. */
  readonly classes: readonly number[];
  readonly nEff: Float64Array | null;
  /** The Abramson pilot width when local widths are on. */
  readonly pilot: readonly number[] | null;
  readonly warnings: readonly string[];
  readonly ms: number;
  /** The backend that computed the estimate (the library's description: js, or wasm with SIMD or not). */
  readonly backend: string;
}

/** Phase 2 (1-D): the attention heatmap, keys sorted by x and grouped into at most `cols` bins. */
export interface HeatResult {
  readonly type: 'heat';
  readonly id: number;
  readonly version: number;
  readonly rows: number;
  readonly cols: number;
  /** rows × cols: the summed weight of each bin of keys. */
  readonly weights: Float64Array;
  /** cols + 1 positions in the sorted key order: bin b holds sorted keys binStart[b] … binStart[b+1] − 1. */
  readonly binStart: Int32Array;
  /** Sorted position → index of the key in the data. */
  readonly order: Int32Array;
  /** Density: the kernel bumps f̂(q)·w_j(q) of some keys (k × m), and which keys. */
  readonly bumps: { readonly keys: Int32Array; readonly values: Float64Array } | null;
  readonly ms: number;
}

export interface HoverResult {
  readonly type: 'hover';
  readonly id: number;
  readonly version: number;
  readonly q: readonly number[];
  /** ŷ, f̂, or the class probabilities at q. */
  readonly estimate: readonly number[];
  readonly nEff: number;
  readonly maxWeight: number;
  /** The weight of every key (data order). */
  readonly weights: Float64Array;
  readonly top: { readonly index: readonly number[]; readonly weight: readonly number[] };
}

export type FromMathWorker =
  | FitResult
  | HeatResult
  | HoverResult
  | { readonly type: 'error'; readonly id: number; readonly channel: 'compute' | 'hover'; readonly error: ErrorPayload };

/** The width-selection worker: leave-one-out curve and optimum. */
export interface SelectRequest {
  readonly type: 'select';
  readonly id: number;
  readonly data: DataSet;
  readonly kernel: string;
  readonly adaptive: boolean;
}

export interface SelectResult {
  readonly type: 'selected';
  readonly id: number;
  /** What the objective is, for the axis title. */
  readonly objective: string;
  /** The widths evaluated (for 2-D: the common factor along the optimum's direction) and the objective there. */
  readonly widths: readonly number[];
  readonly values: readonly number[];
  /** In-sample error at the same widths (regression; for the downloadable figure), or null. */
  readonly inSample: readonly number[] | null;
  /** The optimum on the data used, the objective there, and the width(s) it gives for the full data. */
  readonly optimum: readonly number[];
  readonly optimumValue: number;
  readonly jumpTo: readonly number[];
  /** 2-D: the x axis is a factor on `jumpTo`. */
  readonly factorAxis: boolean;
  /** How the optimum was found and on how many points. */
  readonly method: string;
  readonly nUsed: number;
  readonly n: number;
  readonly ms: number;
}

export type FromSelectWorker =
  | SelectResult
  | { readonly type: 'error'; readonly id: number; readonly error: ErrorPayload };

/** The m query positions of a 1-D grid (endpoints included). */
export function gridQueries1d(grid: { lo: number; hi: number; m: number }): Float64Array {
  const { lo, hi, m } = grid;
  return Float64Array.from({ length: m }, (_, i) => (m === 1 ? lo : lo + ((hi - lo) * i) / (m - 1)));
}

/** The g × g query points of a 2-D grid, row-major (row r is y = y0 + r·dy), as one n × 2 array. */
export function gridQueries2d(grid: { x0: number; x1: number; y0: number; y1: number; g: number }): Float64Array {
  const { x0, x1, y0, y1, g } = grid;
  const out = new Float64Array(g * g * 2);
  for (let r = 0; r < g; r++) {
    for (let c = 0; c < g; c++) {
      out[(r * g + c) * 2] = x0 + ((x1 - x0) * (c + 0.5)) / g;
      out[(r * g + c) * 2 + 1] = y0 + ((y1 - y0) * (r + 0.5)) / g;
    }
  }
  return out;
}

/** n × 2 row-major data as rows (views, no copy) for the library's `fit` and `predict`. */
export function rows2d(data: Float64Array): Float64Array[] {
  return Array.from({ length: data.length / 2 }, (_, i) => data.subarray(2 * i, 2 * i + 2));
}

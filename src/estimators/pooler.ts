/**
 * The fitted core every estimator reads from: keys, values, observation weights, the similarity and the
 * widths. Estimators are thin readings of the same engine (regression reads T/S, classification reads
 * one-hot T/S, density reads S). Changing the width returns a new Pooler sharing the data, so a slider
 * can call it on every frame.
 */
import { NadarayaError } from '../errors.js';
import { keysInCallerOrder, makeKeySet, prepareQueries, sortKeySet1d, toUnitSphere } from '../engine/keyset.js';
import { pool } from '../engine/pool.js';
import { denseAttention, topKAttention } from '../engine/attention.js';
import type { DenseAttention, TopKAttention } from '../engine/attention.js';
import type { KeySet, PoolSums, Similarity } from '../engine/types.js';
import { checkFinite, finiteRowMask, recordsToMatrix, toMatrix } from '../data/input.js';
import type { Accessor } from '../data/input.js';
import { takeRows } from '../data/matrix.js';
import type { Matrix } from '../data/matrix.js';
import { resolveBandwidth, checkWidths, isSelector } from '../bandwidth/resolve.js';
import { selectBandwidth } from '../bandwidth/select.js';
import { localWidthFactors } from '../bandwidth/adaptive.js';
import type { Task } from '../bandwidth/problem.js';
import { kernelStandardDeviation } from '../kernels/normalization.js';
import type { BandwidthChoice } from '../bandwidth/rules.js';
import type { ResolvedOptions } from './options.js';
import { approxPool, checkMethodDimension } from '../approx/index.js';
import type { MethodReport } from '../approx/index.js';
import type { BackendChoice, Precision } from '../backends/types.js';

/** Queries after validation: the finite rows to compute and where they go in the output. */
export interface QueryBatch {
  readonly data: Float64Array;
  /** Rows computed. */
  readonly m: number;
  /** Rows asked for (more than m when missing: 'drop' skipped rows with NaN). */
  readonly total: number;
  /** Output row of each computed row, or null when every row is computed. */
  readonly index: Int32Array | null;
}

export class Pooler {
  /** Grids and cell indexes of the fast paths, built on first use for these keys and widths. */
  private readonly approxCache = new Map<string, unknown>();
  /** The x accessors of `fit(records, accessors)`: queries given as records are read through them. */
  private recordX: Accessor | readonly Accessor[] | null = null;
  private report: MethodReport | null = null;
  private backendUsed: string | null = null;

  constructor(
    readonly keys: KeySet,
    readonly similarity: Similarity,
    readonly widths: BandwidthChoice,
    readonly options: ResolvedOptions,
  ) {}

  /** Validates the training data and builds the fitted core. `values` is n × p (or null for density). */
  static fit(x: Matrix, values: Matrix | null, weights: Float64Array | null, options: ResolvedOptions, task: Task): Pooler {
    if (x.rows === 0) throw new NadarayaError('E_DATA', { argument: 'x', value: 0 }, 'training data is empty (0 rows)');
    if (values && values.rows !== x.rows) {
      throw new NadarayaError('E_DATA', { argument: 'y', value: values.rows }, `must have one row per point of x (${x.rows})`);
    }
    if (weights && weights.length !== x.rows) {
      throw new NadarayaError('E_DATA', { argument: 'weights', value: weights.length }, `must have one weight per point of x (${x.rows})`);
    }
    const keep = options.missing === 'drop' ? keepFiniteRows(x, values, weights) : null;
    if (keep) ({ x, values, weights } = keep);
    if (x.rows === 0) throw new NadarayaError('E_DATA', { argument: 'x', value: 0 }, 'training data is empty after dropping rows with missing values');
    checkFinite(x, 'x');
    if (values) checkFinite(values, 'y');
    if (weights) checkWeights(weights);
    const o = options;
    const widths: BandwidthChoice = o.similarity === 'dot'
      ? { bandwidth: new Float64Array(x.cols).fill(o.temperature), kernelSd: new Float64Array(x.cols).fill(NaN), source: 'given' }
      : isSelector(o.bandwidth)
        ? selectBandwidth(task, o.bandwidth, x, values, weights, o.kernel, o.shape, o.selector, o.onWarning, o.similarity === 'kernel' ? o.local ?? null : null)
        : resolveBandwidth(o.bandwidth, x, o.kernel);
    const keysData = o.similarity === 'dot' && o.normalize ? toUnitSphere(x.data, x.cols) : x.data;
    const keyScale = o.local && o.similarity === 'kernel'
      ? localWidthFactors(x, widths.bandwidth, o.local, o.kernel, o.shape, weights) : null;
    const unsorted = makeKeySet(keysData, x.cols, values ? values.data : null, values ? values.cols : 0, weights, keyScale);
    const keys = o.similarity === 'kernel' ? sortKeySet1d(unsorted) : unsorted;
    checkMethodDimension(o.method, keys.d);
    const similarity = makeSimilarity(o, widths.bandwidth);
    checkRepresentable(keys, similarity);
    return new Pooler(keys, similarity, widths, o);
  }

  /** Remembers the accessors the keys were read with (null: fitted from arrays); returns this. */
  readingRecords(x: Accessor | readonly Accessor[] | null): this {
    this.recordX = x;
    return this;
  }

  get d(): number { return this.keys.d; }
  get n(): number { return this.keys.n; }

  /** The same data with other widths (cheap: nothing is copied). */
  withBandwidth(bandwidth: number | ArrayLike<number>): Pooler {
    const h = checkWidths(bandwidth, this.d);
    const sdK = kernelStandardDeviation(this.options.kernel);
    const widths: BandwidthChoice = { bandwidth: h, kernelSd: h.map((v) => v * sdK), source: 'given' };
    const similarity = makeSimilarity(this.options, h);
    checkRepresentable(this.keys, similarity);
    return new Pooler(this.keys, similarity, widths, this.options).readingRecords(this.recordX);
  }

  /** Validates query points (dimension, finiteness). */
  queries(input: unknown): QueryBatch {
    const q = this.isRecords(input) ? recordsToMatrix(input as ArrayLike<unknown>, this.recordX!, 'queries') : toMatrix(input, 'queries');
    // a 1-D array is one coordinate per query when d = 1, or a single query when its length is d
    const mtx = q.rows > 0 && q.cols === 1 && this.d > 1 && q.rows === this.d && !Array.isArray((input as unknown[])[0])
      ? { data: q.data, rows: 1, cols: this.d } : q;
    if (mtx.rows > 0 && mtx.cols !== this.d) {
      throw new NadarayaError('E_DATA', { argument: 'queries', value: mtx.cols }, `query dimension must equal the key dimension (${this.d})`);
    }
    if (this.options.missing === 'drop') {
      const mask = finiteRowMask(mtx);
      const rows: number[] = [];
      mask.forEach((ok, i) => { if (ok) rows.push(i); });
      if (rows.length < mtx.rows) {
        const data = takeRows(mtx, rows).data;
        return { data: prepareQueries(data, this.d, this.similarity), m: rows.length, total: mtx.rows, index: Int32Array.from(rows) };
      }
    } else {
      checkFinite(mtx, 'queries');
    }
    return { data: prepareQueries(mtx.data, this.d, this.similarity), m: mtx.rows, total: mtx.rows, index: null };
  }

  /** Queries given as records (objects), read with the fit's accessors; an error when the model was fitted from arrays. */
  private isRecords(input: unknown): boolean {
    const first = (input as ArrayLike<unknown> | null)?.length ? (input as ArrayLike<unknown>)[0] : undefined;
    if (first === null || typeof first !== 'object' || Array.isArray(first) || ArrayBuffer.isView(first)) return false;
    if (this.recordX === null) {
      throw new NadarayaError('E_DATA', { argument: 'queries', row: 0, value: first },
        'is a record, but the model was fitted from arrays: pass the queries as numbers (or rows of numbers), or fit from records with accessors');
    }
    return true;
  }

  /** The training keys as queries, for leave-one-out. */
  trainingQueries(): QueryBatch {
    return { data: keysInCallerOrder(this.keys), m: this.n, total: this.n, index: null };
  }

  /** The pooled sums by the options' method (`exact` by default); `lastMethod` then says what ran. */
  pool(batch: QueryBatch, leaveOneOut = false): PoolSums {
    const o = this.options;
    this.checkLeaveOneOut(leaveOneOut);
    if (o.method === 'exact') {
      this.report = { requested: 'exact', method: 'exact', tolerance: o.tolerance, errorScale: o.errorScale, bound: 0, fallback: [], detail: 'exact: the streaming engine' };
      const sums = pool(this.keys, this.similarity, batch.data, batch.m, { leaveOneOut, tileSize: o.tileSize, ...this.compute });
      this.backendUsed = sums.backend ?? 'js';
      return sums;
    }
    const { sums, report } = approxPool({
      keys: this.keys, sim: this.similarity, queries: batch.data, m: batch.m, leaveOneOut, tileSize: o.tileSize,
      method: o.method, tolerance: o.tolerance, errorScale: o.errorScale, cache: this.approxCache, compute: this.compute,
      onFallback: (message) => o.onWarning(message, { code: 'W_FALLBACK' }),
    });
    this.report = report;
    // the fast paths run in JS, but for what they hand to the exact engine (auto's choice, the 1-D window of
    // neighbors, fallbacks), which runs on the compute options' backend
    this.backendUsed = sums.backend ?? 'js';
    return sums;
  }

  /** The backend options for the engine. */
  get compute(): { backend: BackendChoice; precision: Precision; threads?: number } {
    const o = this.options;
    return o.threads === undefined ? { backend: o.backend, precision: o.precision } : { backend: o.backend, precision: o.precision, threads: o.threads };
  }

  /** Which backend computed the last sums ('js': the engine's own loop, and the fast paths); null before any. */
  get lastBackend(): string | null {
    return this.backendUsed;
  }

  /** What the last `pool` call ran (method, bound, fallbacks); null before any. */
  get lastMethod(): MethodReport | null {
    return this.report;
  }

  private checkLeaveOneOut(leaveOneOut: boolean): void {
    if (leaveOneOut && this.n < 2) {
      throw new NadarayaError('E_DATA', { argument: 'x', value: this.n }, 'leave-one-out needs at least 2 training points: with one, no other point is left to estimate it');
    }
  }

  attention(batch: QueryBatch, topK?: number, leaveOneOut = false): DenseAttention | TopKAttention {
    this.checkLeaveOneOut(leaveOneOut);
    const opts = { leaveOneOut, tileSize: this.options.tileSize, maxBytes: this.options.maxAttentionBytes, ...this.compute };
    if (topK === undefined) return denseAttention(this.keys, this.similarity, batch.data, batch.m, opts);
    if (!Number.isInteger(topK) || topK < 1) throw new NadarayaError('E_PARAM', { argument: 'topK', value: topK }, 'must be a whole number ≥ 1');
    return topKAttention(this.keys, this.similarity, batch.data, batch.m, topK, opts);
  }

  /**
   * Applies the empty-neighbourhood policy to estimates (m × p) in place and returns how many queries
   * were empty. 'nearest' copies the values of the nearest key (by scaled distance), 'mean' the weighted
   * mean of all values; for leave-one-out, key i is never used for query i.
   */
  applyEmpty(sums: PoolSums, est: Float64Array, batch: QueryBatch, leaveOneOut = false): number {
    const empties: number[] = [];
    for (let i = 0; i < sums.m; i++) if (sums.sum[i] === 0) empties.push(i);
    if (empties.length === 0) return 0;
    const { p, values } = this.keys;
    const policy = this.options.empty;
    if (policy === 'error') {
      const i = empties[0]!;
      const row = batch.index ? batch.index[i]! : i;
      throw new NadarayaError('E_DATA', { argument: 'queries', row, value: Array.from(batch.data.subarray(i * this.d, (i + 1) * this.d)) },
        `${empties.length} quer${empties.length === 1 ? 'y has' : 'ies have'} ${this.reachProblem()} (empty: 'error')`);
    }
    if (policy === 'nan') {
      this.options.onWarning(`${empties.length} of ${sums.m} queries have ${this.reachProblem()} at width ${fmtWidths(this.widths.bandwidth)}; their estimates are NaN (use a wider bandwidth, an unbounded kernel, or empty: 'nearest' | 'mean')`,
        { code: 'W_EMPTY', count: empties.length });
      return empties.length;
    }
    for (const i of empties) {
      if (policy === 'nearest') {
        const j = this.nearestKey(batch.data, i, leaveOneOut ? this.storedIndex(i) : -1);
        for (let c = 0; c < p; c++) est[i * p + c] = values![j * p + c]!;
      } else {
        const mean = this.weightedMean(leaveOneOut ? this.storedIndex(i) : -1);
        for (let c = 0; c < p; c++) est[i * p + c] = mean[c]!;
      }
    }
    return empties.length;
  }

  /** Why a query has no weights: out of a compact kernel's reach, or so many widths away that every term underflows. */
  private reachProblem(): string {
    const k = this.similarity.kind === 'kernel' ? this.similarity.kernel : null;
    if (k && !Number.isFinite(k.support)) return `every term of the ${k.name} kernel underflow to 0 (the nearest key is too many widths away)`;
    return `no key within reach of the ${k ? k.name : 'dot-product'} kernel`;
  }

  /** Where the caller's key i is stored (keys may be stored sorted). */
  private storedIndex(i: number): number {
    return this.keys.rank ? this.keys.rank[i]! : i;
  }

  private nearestKey(q: Float64Array, i: number, exclude: number): number {
    const { n, d, keys: K } = this.keys;
    // nearest in width units; scaled by the largest 1/h, which changes no order, so that a width of 1e-160
    // gives finite squared distances
    const raw = this.similarity.kind === 'kernel' ? this.similarity.invWidth : new Float64Array(d).fill(1);
    let top = 0;
    for (const v of raw) if (v > top) top = v;
    const ih = raw.map((v) => v / top);
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === exclude || (this.keys.weights && this.keys.weights[j] === 0)) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += ((q[i * d + c]! - K[j * d + c]!) * ih[c]!) ** 2;
      if (s < bestD) { bestD = s; best = j; }
    }
    return best;
  }

  private weightedMean(exclude: number): Float64Array {
    const { n, p, values, weights } = this.keys;
    const out = new Float64Array(p);
    let total = 0;
    for (let j = 0; j < n; j++) {
      if (j === exclude) continue;
      const w = weights ? weights[j]! : 1;
      total += w;
      for (let c = 0; c < p; c++) out[c]! += w * values![j * p + c]!;
    }
    return out.map((v) => v / total);
  }
}

/** Scatters computed rows back into an output of `total` rows (missing rows NaN). */
export function scatterRows(batch: QueryBatch, computed: Float64Array, width: number): Float64Array {
  if (!batch.index) return computed;
  const out = new Float64Array(batch.total * width).fill(NaN);
  batch.index.forEach((r, i) => out.set(computed.subarray(i * width, (i + 1) * width), r * width));
  return out;
}

function makeSimilarity(o: ResolvedOptions, h: Float64Array): Similarity {
  if (o.similarity === 'dot') return { kind: 'dot', temperature: o.temperature, normalize: o.normalize };
  return { kind: 'kernel', kernel: o.kernel, shape: o.shape, invWidth: h.map((v) => 1 / v) };
}

function fmtWidths(h: Float64Array): string {
  return h.length === 1 ? String(h[0]) : `[${Array.from(h).join(', ')}]`;
}

function checkWeights(w: Float64Array): void {
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if (!(w[i]! >= 0) || !Number.isFinite(w[i]!)) {
      throw new NadarayaError('E_DATA', { argument: 'weights', row: i, value: w[i] }, 'must be a finite number ≥ 0');
    }
    total += w[i]!;
  }
  if (!(total > 0)) throw new NadarayaError('E_DATA', { argument: 'weights', value: total }, 'must not all be 0');
}

function keepFiniteRows(x: Matrix, values: Matrix | null, weights: Float64Array | null) {
  const ok = finiteRowMask(x);
  if (values) finiteRowMask(values).forEach((v, i) => { if (!v) ok[i] = 0; });
  if (weights) weights.forEach((v, i) => { if (!Number.isFinite(v)) ok[i] = 0; });
  const rows: number[] = [];
  ok.forEach((v, i) => { if (v) rows.push(i); });
  if (rows.length === x.rows) return null;
  return { x: takeRows(x, rows), values: values ? takeRows(values, rows) : null, weights: weights ? Float64Array.from(rows, (r) => weights[r]!) : null };
}

const spreads = new WeakMap<KeySet, { range: Float64Array; narrowest: number }>();

/** Each coordinate's [min, max] and the largest 1/λ of the keys (once per key set: withBandwidth reuses it). */
function keySpread(keys: KeySet): { range: Float64Array; narrowest: number } {
  let got = spreads.get(keys);
  if (got) return got;
  const { n, d, keys: K } = keys;
  const range = new Float64Array(2 * d);
  for (let c = 0; c < d; c++) {
    let lo = Infinity, hi = -Infinity;
    for (let j = 0; j < n; j++) { const v = K[j * d + c]!; if (v < lo) lo = v; if (v > hi) hi = v; }
    range[2 * c] = lo; range[2 * c + 1] = hi;
  }
  let narrowest = 1;
  if (keys.invKeyScale) { narrowest = 0; for (const v of keys.invKeyScale) if (v > narrowest) narrowest = v; }
  got = { range, narrowest };
  spreads.set(keys, got);
  return got;
}

/**
 * Squared distances in width units must stay finite for a kernel of unbounded support: past ~1.3e154 widths
 * u² overflows, every term of a query is then 0 and its estimate 0/0, where the kernel (still > 0 there)
 * should give the nearest keys' values. A width that narrow next to the keys' spread (spread/h > 1e154) is
 * refused by name; compact kernels are unaffected (their terms are 0 there anyway).
 */
function checkRepresentable(keys: KeySet, sim: Similarity): void {
  if (sim.kind !== 'kernel' || Number.isFinite(sim.kernel.support) || keys.n < 2) return;
  const { range, narrowest } = keySpread(keys);
  for (let c = 0; c < keys.d; c++) {
    const hi = range[2 * c + 1]!, lo = range[2 * c]!;
    const spread = (hi - lo) * sim.invWidth[c]! * narrowest;
    if (spread > 1e154) {
      throw new NadarayaError('E_PARAM', { argument: 'bandwidth', column: c, value: 1 / sim.invWidth[c]! },
        `is so narrow next to the data's spread (${(hi - lo).toPrecision(3)}, ${spread.toPrecision(3)} widths) that squared distances in width units overflow and estimates would be 0/0; use a width above ${((hi - lo) * narrowest / 1e154).toPrecision(3)} (as the width shrinks the estimate tends to the nearest key's value: empty: 'nearest' with a compact kernel gives that limit)`);
    }
  }
}
/**
 * The math worker: fits the library's estimators and answers width changes with `.withBandwidth` (the
 * fitted data are shared, so a slider step costs one pass over the keys per query). Only the newest
 * request of each kind is computed: a request that a newer one overtook while it waited is dropped.
 * Phase 1 (the estimate) is posted before phase 2 (the attention heatmap), which waits a little when it is
 * expensive, so a drag of the width slider shows ŷ at once and the heatmap when the hand pauses.
 */
import {
  NadarayaError, classifier, density, kernelStandardDeviation, getKernel, regression, ruleOfThumb,
} from '../../src/index.js';
import type { DenseAttention, TopKAttention } from '../../src/index.js';
import { backendStatus } from '../../src/index.js';
import { registerBackend } from '../../src/backends/registry.js';
import { webWorkersBackend } from '../../src/backends/web-workers.js';
import { gridQueries1d, gridQueries2d, rows2d } from './protocol.js';
import type { DataSet, ErrorPayload, FromMathWorker, Model, ToMathWorker } from './protocol.js';

/** The readings the page needs, whatever the estimator. */
interface Reading {
  /** Estimates at the queries: ŷ, f̂, or probabilities (row-major). */
  estimate(q: Float64Array | Float64Array[]): { values: Float64Array; nEff: Float64Array | null; maxWeight: Float64Array | null };
  attention(q: Float64Array | Float64Array[], topK?: number): DenseAttention | TopKAttention;
  classes: readonly number[];
}

type Fitted = ReturnType<ReturnType<typeof regression>['fit']> | ReturnType<ReturnType<typeof density>['fit']>
  | ReturnType<ReturnType<typeof classifier>['fit']>;

// where the page is cross-origin isolated (the explorer's server sends COOP/COEP), large jobs run on Web
// Workers started from here; elsewhere the backend says why not and the estimate stays on wasm
registerBackend(webWorkersBackend(() => new Worker(new URL('./pool-worker.ts', import.meta.url), { type: 'module', name: 'nadaraya-pool' })));

let data: DataSet | null = null;
let sortedOrder: Int32Array | null = null;
let base: { key: string; fitted: Fitted; pilot: number[] | null } | null = null;
let warnings: string[] = [];

let pendingCompute: Extract<ToMathWorker, { type: 'compute' }> | null = null;
let pendingHover: Extract<ToMathWorker, { type: 'hover' }> | null = null;
let pendingHeat: { id: number; reading: Reading; queries: Float64Array; values: Float64Array } | null = null;
let heatTimer: ReturnType<typeof setTimeout> | null = null;
let scheduled = false;

self.onmessage = (e: MessageEvent<ToMathWorker>) => {
  const m = e.data;
  if (m.type === 'compute') {
    if (m.data) setData(m.data);
    pendingCompute = m;
    pendingHeat = null; // a newer width or data: the waiting heatmap is stale
  } else {
    pendingHover = m;
  }
  schedule();
};

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(pump, 0);
}

function post(message: FromMathWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

/** One unit of work per task, newest first, so messages that arrive meanwhile are seen before the next. */
function pump(): void {
  scheduled = false;
  if (pendingCompute) {
    const c = pendingCompute;
    pendingCompute = null;
    guard(c.id, 'compute', () => computeFit(c.id, c.model));
  } else if (pendingHover) {
    const h = pendingHover;
    pendingHover = null;
    guard(h.id, 'hover', () => computeHover(h.id, h.model, h.q));
  }
  if (pendingCompute || pendingHover) schedule();
}

function guard(id: number, channel: 'compute' | 'hover', work: () => void): void {
  try {
    work();
  } catch (e) {
    post({ type: 'error', id, channel, error: serialise(e) });
  }
}

function serialise(e: unknown): ErrorPayload {
  if (e instanceof NadarayaError) return e.toJSON();
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function setData(d: DataSet): void {
  data = d;
  base = null;
  sortedOrder = null;
  if (d.d === 1) {
    const idx = Array.from({ length: d.x.length }, (_, i) => i);
    idx.sort((a, b) => d.x[a]! - d.x[b]!);
    sortedOrder = Int32Array.from(idx);
  }
}

/** Abramson's pilot: the normal-reference width, as the kernel's raw width (fixed, so that `.withBandwidth` keeps λᵢ). */
function pilotWidths(d: DataSet, kernel: string): number[] {
  const sd = kernelStandardDeviation(getKernel(kernel));
  const scale = sd > 0 && Number.isFinite(sd) ? 1 / sd : 1;
  const out: number[] = [];
  for (let c = 0; c < d.d; c++) {
    const col = d.d === 1 ? d.x : Float64Array.from({ length: d.x.length / 2 }, (_, i) => d.x[2 * i + c]!);
    out.push(ruleOfThumb(col, 'normal-reference', d.d, c) * scale);
  }
  return out;
}

function fittedFor(model: Model): { fitted: Fitted; pilot: number[] | null } {
  if (!data) throw new Error('no data yet');
  const key = `${data.version}|${model.kernel}|${model.adaptive}`;
  const width = data.d === 1 ? model.width[0]! : model.width.slice(0, 2);
  if (!base || base.key !== key) {
    const pilot = model.adaptive ? pilotWidths(data, model.kernel) : null;
    const options = {
      kernel: model.kernel,
      bandwidth: width,
      onWarning: (message: string) => { warnings.push(message); },
      ...(pilot ? { local: { method: 'abramson' as const, pilot: data.d === 1 ? pilot[0]! : pilot } } : {}),
    };
    let fitted: Fitted;
    if (data.mode === 'regression') fitted = regression(options).fit(data.x, data.y!);
    else if (data.mode === 'density') fitted = density(options).fit(data.x);
    else fitted = classifier(options).fit(rows2d(data.x), Array.from(data.labels!));
    base = { key, fitted, pilot };
    return base;
  }
  return { fitted: base.fitted.withBandwidth(width), pilot: base.pilot };
}

function readingOf(fitted: Fitted): Reading {
  const attention = (q: Float64Array | Float64Array[], topK?: number) => fitted.attention(q, topK ? { topK } : {});
  if ('pdf' in fitted) {
    return {
      classes: [],
      attention,
      estimate: (q) => {
        const d = fitted.diagnostics(q);
        return { values: fitted.pdf(q), nEff: d.nEff, maxWeight: d.maxWeight };
      },
    };
  }
  if ('predictProba' in fitted) {
    return {
      classes: fitted.classes as number[],
      attention,
      estimate: (q) => {
        const p = fitted.predictDetailed(q);
        return { values: p.probabilities, nEff: p.nEff, maxWeight: p.maxWeight };
      },
    };
  }
  return {
    classes: [],
    attention,
    estimate: (q) => {
      const p = fitted.predictDetailed(q);
      return { values: p.estimates, nEff: p.nEff, maxWeight: p.maxWeight };
    },
  };
}

/** Which backend computed the estimate, as the page shows it (e.g. "wasm: SIMD128, float64/float32"). */
function describeBackend(name: string | null): string {
  if (name === null) return 'js';
  const b = backendStatus().find((s) => s.name === name);
  return b?.description ?? name;
}

function queriesOf(d: DataSet): Float64Array {
  return d.grid.kind === '1d' ? gridQueries1d(d.grid) : gridQueries2d(d.grid);
}

function computeFit(id: number, model: Model): void {
  const t0 = performance.now();
  warnings = [];
  const { fitted, pilot } = fittedFor(model);
  const d = data!;
  const reading = readingOf(fitted);
  const queries = queriesOf(d);
  const q = d.d === 1 ? queries : rows2d(queries);
  // the density's n_eff is a second pass: skipped here, the hover shows it
  const est = d.mode === 'density'
    ? { values: (fitted as ReturnType<ReturnType<typeof density>['fit']>).pdf(q), nEff: null }
    : reading.estimate(q);
  const values = est.values;
  const nEff = est.nEff;
  post({
    type: 'fit', id, version: d.version, model, queries: queries.slice(), values: values.slice(),
    classes: reading.classes, nEff: nEff ? nEff.slice() : null, pilot, warnings: [...new Set(warnings)], ms: performance.now() - t0,
    backend: describeBackend(fitted.lastBackend),
  });
  if (d.d !== 1) return;
  pendingHeat = { id, reading, queries, values };
  // an expensive heatmap waits for the hand to pause (a newer request cancels it)
  const cost = d.x.length * queries.length;
  if (heatTimer) clearTimeout(heatTimer);
  heatTimer = setTimeout(runHeat, cost > 200_000 ? 30 : 0);
}

const MAX_BINS = 240;
const MAX_BUMPS = 80;

function runHeat(): void {
  heatTimer = null;
  if (pendingCompute) return; // superseded: the newer request schedules its own
  const job = pendingHeat;
  pendingHeat = null;
  if (!job || !data || !sortedOrder) return;
  guard(job.id, 'compute', () => {
    const t0 = performance.now();
    const { weights, n } = job.reading.attention(job.queries) as DenseAttention;
    const m = job.queries.length;
    const cols = Math.min(n, MAX_BINS);
    const binStart = Int32Array.from({ length: cols + 1 }, (_, b) => Math.floor((b * n) / cols));
    const heat = new Float64Array(m * cols);
    const order = sortedOrder!;
    for (let i = 0; i < m; i++) {
      const row = i * n;
      for (let b = 0; b < cols; b++) {
        let s = 0;
        for (let p = binStart[b]!; p < binStart[b + 1]!; p++) s += weights[row + order[p]!]!;
        heat[i * cols + b] = s;
      }
    }
    let bumps: { keys: Int32Array; values: Float64Array } | null = null;
    if (data!.mode === 'density') {
      // each key's bump at q is f̂(q) · w_j(q): the density is the sum of the bumps
      const k = Math.min(n, MAX_BUMPS);
      const keys = Int32Array.from({ length: k }, (_, r) => order[Math.floor(((r + 0.5) * n) / k)]!);
      const values = new Float64Array(k * m);
      keys.forEach((j, r) => {
        for (let i = 0; i < m; i++) {
          const w = weights[i * n + j]!;
          values[r * m + i] = Number.isNaN(w) ? 0 : job.values[i]! * w;
        }
      });
      bumps = { keys, values };
    }
    const transfer: Transferable[] = [heat.buffer, binStart.buffer];
    const orderCopy = order.slice();
    transfer.push(orderCopy.buffer);
    if (bumps) transfer.push(bumps.keys.buffer, bumps.values.buffer);
    post({ type: 'heat', id: job.id, version: data!.version, rows: m, cols, weights: heat, binStart, order: orderCopy, bumps, ms: performance.now() - t0 }, transfer);
  });
}

function computeHover(id: number, model: Model, q: readonly number[]): void {
  const d = data!;
  const { fitted } = fittedFor(model);
  const reading = readingOf(fitted);
  const query = d.d === 1 ? Float64Array.of(q[0]!) : [Float64Array.from(q.slice(0, 2))];
  const est = reading.estimate(query);
  const dense = reading.attention(query) as DenseAttention;
  const top = reading.attention(query, 5) as TopKAttention;
  const index: number[] = [];
  const weight: number[] = [];
  for (let r = 0; r < top.k; r++) {
    if (top.indices[r]! < 0) continue;
    index.push(top.indices[r]!);
    weight.push(top.weights[r]!);
  }
  const weights = dense.weights.slice();
  post({
    type: 'hover', id, version: d.version, q: [...q], estimate: Array.from(est.values),
    nEff: est.nEff ? est.nEff[0]! : NaN, maxWeight: est.maxWeight ? est.maxWeight[0]! : NaN, weights, top: { index, weight },
  }, [weights.buffer]);
}

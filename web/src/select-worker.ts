/**
 * The width-selection worker: the leave-one-out curve over the width and its optimum, from the library's
 * selectors — regression `bandwidth: 'cv-ls'` (LOO MSE), density `'cv-ml'` (minus the mean LOO
 * log-likelihood), classification `'cv-ls'` (LOO cross-entropy, one width per axis). It can take seconds,
 * so it has a worker of its own, which the page terminates when the data or kernel change (a real cancel).
 * Above MAX_POINTS points (1000 in 1-D, 500 in 2-D) the selector runs on a seeded subsample and its optimum is carried to the full n
 * by the rate n^(−1/(d+4)) (`widthSchedule`); the page says so.
 */
import {
  NadarayaError, classifier, density, getKernel, kernelStandardDeviation, regression, ruleOfThumb, seededRandom, widthSchedule,
} from '../../src/index.js';
import { rows2d } from './protocol.js';
import type { DataSet, FromSelectWorker, SelectRequest } from './protocol.js';

/** Points the selectors see: a 2-D classifier's Nelder–Mead costs more per point than a 1-D scan. */
const MAX_POINTS = { 1: 1000, 2: 500 } as const;
const SCAN = 36;

self.onmessage = (e: MessageEvent<SelectRequest>) => {
  const req = e.data;
  try {
    post(select(req));
  } catch (err) {
    const error = err instanceof NadarayaError ? err.toJSON() : { name: 'Error', message: err instanceof Error ? err.message : String(err) };
    post({ type: 'error', id: req.id, error });
  }
};

function post(m: FromSelectWorker): void {
  self.postMessage(m);
}

/** A seeded subsample of at most MAX_POINTS rows. */
function subsample(d: DataSet): DataSet {
  const n = d.d === 1 ? d.x.length : d.x.length / 2;
  const max = MAX_POINTS[d.d];
  if (n <= max) return d;
  const rng = seededRandom(20240607);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng.uniform() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const keep = idx.slice(0, max).sort((a, b) => a - b);
  const x = d.d === 1 ? Float64Array.from(keep, (i) => d.x[i]!) : Float64Array.from(keep.flatMap((i) => [d.x[2 * i]!, d.x[2 * i + 1]!]));
  return {
    ...d, x,
    y: d.y ? Float64Array.from(keep, (i) => d.y![i]!) : null,
    labels: d.labels ? Int32Array.from(keep, (i) => d.labels![i]!) : null,
  };
}

function logSpace(lo: number, hi: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => lo * (hi / lo) ** (i / (k - 1)));
}

function select(req: SelectRequest): FromSelectWorker {
  const t0 = performance.now();
  const full = req.data;
  const n = full.d === 1 ? full.x.length : full.x.length / 2;
  const d = subsample(full);
  const nUsed = d.d === 1 ? d.x.length : d.x.length / 2;
  const carry = (h: number) => (nUsed === n ? h : widthSchedule(h, nUsed, n, d.d));
  const quiet = { onWarning: () => {} };
  const base = { id: req.id, type: 'selected' as const, nUsed, n };

  if (d.mode === 'classification') {
    const rows = rows2d(d.x);
    const labels = Array.from(d.labels!);
    const chosen = classifier({ kernel: req.kernel, bandwidth: 'cv-ls', ...quiet }).fit(rows, labels);
    const opt = Array.from(chosen.bandwidth);
    // the curve along the optimum's direction: both widths times a common factor
    const factors = logSpace(0.2, 5, 25);
    const values = factors.map((f) => chosen.withBandwidth(opt.map((h) => h * f)).leaveOneOut().crossEntropy);
    return {
      ...base, objective: 'LOO cross-entropy', widths: factors, values, inSample: null,
      optimum: opt, optimumValue: chosen.selection!.objective, jumpTo: opt.map(carry), factorAxis: true,
      method: "classifier({ bandwidth: 'cv-ls' })", ms: performance.now() - t0,
    };
  }

  if (req.adaptive) return adaptiveScan(req, d, base, carry, t0);

  if (d.mode === 'regression') {
    const chosen = regression({ kernel: req.kernel, bandwidth: 'cv-ls', ...quiet }).fit(d.x, d.y!);
    const curve = [...chosen.selection!.curve].sort((a, b) => a.bandwidth[0]! - b.bandwidth[0]!);
    const widths = curve.map((c) => c.bandwidth[0]!);
    const inSample = widths.map((h) => {
      const yHat = chosen.withBandwidth(h).predict(d.x);
      let s = 0;
      for (let i = 0; i < yHat.length; i++) s += (d.y![i]! - yHat[i]!) ** 2;
      return s / yHat.length;
    });
    const h = chosen.bandwidth[0]!;
    return {
      ...base, objective: 'LOO MSE', widths, values: curve.map((c) => c.objective), inSample,
      optimum: [h], optimumValue: chosen.selection!.objective, jumpTo: [carry(h)], factorAxis: false,
      method: "regression({ bandwidth: 'cv-ls' })", ms: performance.now() - t0,
    };
  }

  const chosen = density({ kernel: req.kernel, bandwidth: 'cv-ml', ...quiet }).fit(d.x);
  const curve = [...chosen.selection!.curve].sort((a, b) => a.bandwidth[0]! - b.bandwidth[0]!);
  const h = chosen.bandwidth[0]!;
  return {
    ...base, objective: '− mean LOO log-likelihood', widths: curve.map((c) => c.bandwidth[0]!), values: curve.map((c) => c.objective),
    inSample: null, optimum: [h], optimumValue: chosen.selection!.objective, jumpTo: [carry(h)], factorAxis: false,
    method: "density({ bandwidth: 'cv-ml' })", ms: performance.now() - t0,
  };
}

/**
 * With Abramson local widths the selectors do not apply (they choose global widths), so the curve is a
 * scan of `.withBandwidth(h).leaveOneOut()` on the model with local widths, and the optimum is its best point.
 */
function adaptiveScan(req: SelectRequest, d: DataSet, base: { id: number; type: 'selected'; nUsed: number; n: number },
  carry: (h: number) => number, t0: number): FromSelectWorker {
  const sd = kernelStandardDeviation(getKernel(req.kernel));
  const scale = sd > 0 && Number.isFinite(sd) ? 1 / sd : 1;
  const pilot = ruleOfThumb(d.x, 'normal-reference') * scale;
  const options = { kernel: req.kernel, bandwidth: pilot, local: { method: 'abramson' as const, pilot }, onWarning: () => {} };
  const widths = logSpace(pilot / 20, pilot * 5, SCAN);
  let values: number[];
  let objective: string;
  if (d.mode === 'regression') {
    const fitted = regression(options).fit(d.x, d.y!);
    values = widths.map((h) => fitted.withBandwidth(h).leaveOneOut().mse);
    objective = 'LOO MSE';
  } else {
    const fitted = density(options).fit(d.x);
    values = widths.map((h) => -fitted.withBandwidth(h).leaveOneOut().meanLogLikelihood);
    objective = '− mean LOO log-likelihood';
  }
  let best = 0;
  values.forEach((v, i) => { if (v < values[best]! || !Number.isFinite(values[best]!)) best = i; });
  const h = widths[best]!;
  return {
    ...base, objective, widths, values, inSample: null, optimum: [h], optimumValue: values[best]!, jumpTo: [carry(h)],
    factorAxis: false, method: `scan of ${SCAN} widths, local widths (pilot ${pilot.toPrecision(3)})`, ms: performance.now() - t0,
  };
}

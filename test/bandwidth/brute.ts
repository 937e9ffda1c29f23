/**
 * Independent brute-force computations for the width-selector tests: plain double loops over the pairs,
 * written from the textbook formulas with the Gaussian written out (no engine, no log domain, no
 * sorting, no early stopping). Shared by the files of test/bandwidth/.
 */
import assert from 'node:assert/strict';
import { NadarayaError } from '../../src/index.js';
import type { ErrorCode } from '../../src/index.js';
import { readCsv, rows } from '../helpers/parity.js';

export type Rows = readonly (readonly number[])[];

/** The Gaussian profile exp(−u²/2) of a squared scaled distance. */
export const gauss = (u2: number): number => Math.exp(-0.5 * u2);

/** ‖(a − b) ⊘ h‖². */
export function scaledDist2(a: readonly number[], b: readonly number[], h: readonly number[]): number {
  let s = 0;
  for (let c = 0; c < a.length; c++) s += ((a[c]! - b[c]!) / h[c]!) ** 2;
  return s;
}

/** Nadaraya–Watson estimate at q with the Gaussian, optionally leaving row `skip` out; NaN when 0/0. */
export function nwGauss(x: Rows, y: readonly number[], h: readonly number[], q: readonly number[], skip = -1,
  weights: readonly number[] | null = null): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < x.length; j++) {
    if (j === skip) continue;
    const a = (weights ? weights[j]! : 1) * gauss(scaledDist2(q, x[j]!, h));
    num += a * y[j]!;
    den += a;
  }
  return num / den;
}

/** (Σ wᵢ (yᵢ − ŷ₋ᵢ(xᵢ))²) / Σ wᵢ with the Gaussian kernel. */
export function looMseBrute(x: Rows, y: readonly number[], h: readonly number[], weights: readonly number[] | null = null): number {
  let s = 0;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i]! : 1;
    s += w * (y[i]! - nwGauss(x, y, h, x[i]!, i, weights)) ** 2;
    total += w;
  }
  return s / total;
}

/**
 * The same LOO MSE with each point's terms scaled by its nearest other point's (exp(−(d² − d²_min)/2h²)),
 * so that very narrow widths do not underflow to 0/0 (1-D or any d, Gaussian, unweighted).
 */
export function looMseBruteStable(x: Rows, y: readonly number[], h: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d2 = x.map((xj) => scaledDist2(x[i]!, xj, h));
    let min = Infinity;
    d2.forEach((v, j) => { if (j !== i && v < min) min = v; });
    let num = 0;
    let den = 0;
    d2.forEach((v, j) => {
      if (j === i) return;
      const a = Math.exp(-0.5 * (v - min));
      num += a * y[j]!;
      den += a;
    });
    s += (y[i]! - num / den) ** 2;
  }
  return s / x.length;
}

/** Leave-one-out class probabilities (n × C, rows) with the Gaussian kernel; classes are 0..C−1. */
export function looProbabilitiesBrute(x: Rows, labels: readonly number[], C: number, h: readonly number[]): number[][] {
  return x.map((xi, i) => {
    const p = new Array<number>(C).fill(0);
    let den = 0;
    for (let j = 0; j < x.length; j++) {
      if (j === i) continue;
      const a = gauss(scaledDist2(xi, x[j]!, h));
      p[labels[j]!]! += a;
      den += a;
    }
    return p.map((v) => v / den);
  });
}

/** −(1/n) Σ log p̂₋ᵢ(yᵢ | xᵢ). */
export function looCrossEntropyBrute(x: Rows, labels: readonly number[], C: number, h: readonly number[]): number {
  const p = looProbabilitiesBrute(x, labels, C, h);
  let s = 0;
  labels.forEach((l, i) => { s -= Math.log(p[i]![l]!); });
  return s / labels.length;
}

/** Fraction of points whose leave-one-out argmax (first class on ties) is not their label. */
export function looErrorRateBrute(x: Rows, labels: readonly number[], C: number, h: readonly number[]): number {
  const p = looProbabilitiesBrute(x, labels, C, h);
  let wrong = 0;
  p.forEach((row, i) => {
    let best = 0;
    for (let c = 1; c < C; c++) if (row[c]! > row[best]!) best = c;
    if (best !== labels[i]) wrong++;
  });
  return wrong / labels.length;
}

/** log f̂₋ᵢ(xᵢ) of the Gaussian Parzen density (radial, normaliser (2π)^(d/2) ∏h). */
export function looLogDensityBrute(x: Rows, h: readonly number[]): number[] {
  const n = x.length;
  const d = h.length;
  let norm = (2 * Math.PI) ** (d / 2);
  for (const v of h) norm *= v;
  return x.map((xi, i) => {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += gauss(scaledDist2(xi, x[j]!, h));
    return Math.log(s / ((n - 1) * norm));
  });
}

/** −(1/n) Σ log f̂₋ᵢ(xᵢ). */
export function negLooLogLikBrute(x: Rows, h: readonly number[]): number {
  const l = looLogDensityBrute(x, h);
  return -l.reduce((a, b) => a + b, 0) / l.length;
}

/** Simpson's rule for samples f at equally spaced points (an odd count) with spacing dx. */
export function simpson(f: ArrayLike<number>, dx: number): number {
  const m = f.length;
  if (m % 2 === 0) throw new Error('simpson needs an odd number of points');
  let s = f[0]! + f[m - 1]!;
  for (let i = 1; i < m - 1; i++) s += (i % 2 === 1 ? 4 : 2) * f[i]!;
  return (s * dx) / 3;
}

/** m equally spaced points from a to b, both included. */
export function linspace(a: number, b: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => a + ((b - a) * i) / (m - 1));
}

/** m log-spaced points from a to b, both included. */
export function logspace(a: number, b: number, m: number): number[] {
  return linspace(Math.log(a), Math.log(b), m).map(Math.exp);
}

/** |got − want| ≤ tol · |want| (exact equality also passes, for ±Infinity). */
export function assertRel(got: number, want: number, tol: number, label: string): void {
  if (got === want) return;
  assert.ok(Math.abs(got - want) <= tol * Math.abs(want),
    `${label}: got ${got}, want ${want} (relative difference ${(Math.abs(got - want) / Math.abs(want)).toExponential(2)}, tolerance ${tol})`);
}

/** A predicate for assert.throws: a NadarayaError with this code whose message matches. */
export function isNadaraya(code: ErrorCode, pattern: RegExp = /./) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof NadarayaError, `expected a NadarayaError, got ${String(e)}`);
    assert.equal(e.code, code, `error code of "${e.message}"`);
    assert.match(e.message, pattern);
    return true;
  };
}

/** A parity CSV's columns as rows of numbers. */
export function parityRows(file: string, columns: readonly string[]): number[][] {
  return rows(readCsv(file), columns);
}

/** A parity CSV's column as numbers. */
export function parityColumn(file: string, column: string): number[] {
  return rows(readCsv(file), [column]).map((r) => r[0]!);
}

/** A parity CSV's column of strings. */
export function parityLabels(file: string, column: string): string[] {
  return readCsv(file).map((r) => String(r[column]));
}

/** Sample standard deviation. */
export function sd(v: readonly number[]): number {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/**
 * The page's data: the chapter's (seeded, from the library's `chapterData`), a seeded three-class 2-D set
 * for classification, or a file's columns. One `Points` shape for all: 1-D keys with optional values, or
 * 2-D keys with class indices.
 */
import { chapterData, chapterFunction, seededRandom } from '../../src/index.js';
import type { Grid, Mode } from './protocol.js';

export interface Points {
  readonly d: 1 | 2;
  /** 1-D: n keys; 2-D: n × 2 row-major. */
  x: Float64Array;
  /** Regression values, or null (density; classification). */
  y: Float64Array | null;
  /** Class index per point (classification). */
  labels: Int32Array | null;
  /** Class names, by index (classification). */
  readonly classNames: readonly string[];
  /** Axis titles (from the file's column names: shown as text only). */
  readonly xName: string;
  readonly yName: string;
  /** The true function, for the chapter's data. */
  readonly truth: ((x: number) => number) | null;
  /** Where the data came from, for the caption. */
  source: 'chapter' | 'three-class' | 'file' | 'edited';
  /** The x range shown (1-D) or the box (2-D). */
  readonly domain: readonly [number, number];
  readonly domainY: readonly [number, number];
}

export function pointCount(p: Points): number {
  return p.d === 1 ? p.x.length : p.x.length / 2;
}

/** The chapter's data: y = 2 sin(x) + x + ε, x ~ U(0, 5). */
export function chapterPoints(seed: number, n: number): Points {
  const d = chapterData(seed, n);
  return {
    d: 1, x: d.xTrain, y: d.yTrain, labels: null, classNames: [], xName: 'x', yName: 'y',
    truth: chapterFunction, source: 'chapter', domain: [0, 5], domainY: [-2, 8],
  };
}

export const CLASS_NAMES = ['class A', 'class B', 'class C'] as const;

/**
 * Three classes in the plane: blobs on a circle, each stretched along its own direction, overlapping
 * enough that the width matters. Seeded like the chapter's data.
 */
export function threeClassPoints(seed: number, n: number): Points {
  const rng = seededRandom(seed);
  const x = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const angle = Math.PI / 2 + (2 * Math.PI * c) / 3;
    const cx = 1.5 * Math.cos(angle);
    const cy = 1.5 * Math.sin(angle);
    const along = rng.normal() * 1.1;
    const across = rng.normal() * 0.55;
    const t = angle + Math.PI / 2;
    x[2 * i] = cx + along * Math.cos(t) + across * Math.cos(angle);
    x[2 * i + 1] = cy + along * Math.sin(t) + across * Math.sin(angle);
    labels[i] = c;
  }
  return {
    d: 2, x, y: null, labels, classNames: [...CLASS_NAMES], xName: 'x₁', yName: 'x₂', truth: null,
    source: 'three-class', domain: [-4, 4], domainY: [-4, 4],
  };
}

/** The domain of a file's column(s), padded by 5 %. */
export function paddedRange(values: ArrayLike<number>, stride = 1, offset = 0): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/**
 * The query grid, fixed for a data version: m queries over the shown x range (1-D), fewer for large n so
 * that one width step stays one pass of about 400 000 kernel terms; g × g over the box (2-D).
 */
export function gridFor(p: Points, mode: Mode): Grid {
  const n = pointCount(p);
  if (p.d === 1) {
    const m = Math.max(50, Math.min(200, Math.round(400_000 / Math.max(1, n))));
    return { kind: '1d', lo: p.domain[0], hi: p.domain[1], m: mode === 'classification' ? 50 : m };
  }
  const g = Math.max(24, Math.min(72, Math.round(Math.sqrt(1_500_000 / Math.max(1, n)))));
  return { kind: '2d', x0: p.domain[0], x1: p.domain[1], y0: p.domainY[0], y1: p.domainY[1], g };
}

/** A width to start from: the normal-reference rule as a Gaussian SD (per coordinate). */
export function spread(p: Points): number[] {
  const cols = p.d;
  const out: number[] = [];
  for (let c = 0; c < cols; c++) {
    let s = 0;
    let s2 = 0;
    const n = pointCount(p);
    for (let i = 0; i < n; i++) {
      const v = p.x[i * cols + c]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    out.push(Math.sqrt(Math.max(0, s2 / n - mean * mean)));
  }
  return out;
}

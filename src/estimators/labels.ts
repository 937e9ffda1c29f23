/** Class labels of any type: sorted classes, one-hot values, and the check for missing labels. */
import { NadarayaError } from '../errors.js';
import type { Matrix } from '../data/matrix.js';

/** A label is missing when it is null, undefined or NaN. */
export function isMissingLabel(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** Classes in sorted order: numbers numerically, strings by code unit, other types after, by String(). */
export function sortedClasses<L>(labels: readonly L[]): L[] {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  return [...new Set(labels)].sort((a, b) => {
    const ra = rank(a), rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0) return (a as number) - (b as number);
    const sa = String(a), sb = String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}

/** One-hot values, n × C, for labels (checked: none missing unless listed in `drop`). */
export function oneHot<L>(labels: readonly L[], classes: readonly L[]): Matrix {
  const index = new Map<L, number>(classes.map((c, i) => [c, i]));
  const C = classes.length;
  const data = new Float64Array(labels.length * C);
  labels.forEach((l, i) => {
    const k = index.get(l);
    if (k === undefined) throw new NadarayaError('E_DATA', { argument: 'y', row: i, value: l }, 'label is not a known class');
    data[i * C + k] = 1;
  });
  return { data, rows: labels.length, cols: C };
}

/** Reads the labels, rejecting missing ones (or marking them NaN for missing: 'drop'). */
export function readLabels(y: unknown, n: number, drop: boolean): { labels: unknown[]; missing: Uint8Array } {
  if (y === null || y === undefined || typeof (y as ArrayLike<unknown>).length !== 'number' || typeof y === 'string') {
    throw new NadarayaError('E_DATA', { argument: 'y', value: y }, 'labels must be an array');
  }
  const arr = Array.from(y as ArrayLike<unknown>);
  if (arr.length !== n) throw new NadarayaError('E_DATA', { argument: 'y', value: arr.length }, `must have one label per point of x (${n})`);
  const missing = new Uint8Array(n);
  arr.forEach((l, i) => {
    if (!isMissingLabel(l)) return;
    if (!drop) throw new NadarayaError('E_DATA', { argument: 'y', row: i, value: l }, "label is missing (pass missing: 'drop' to drop such rows)");
    missing[i] = 1;
  });
  return { labels: arr, missing };
}

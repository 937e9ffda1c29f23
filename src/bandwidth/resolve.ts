/** Turns the `bandwidth` option (a number, one number per coordinate, or a rule name) into raw widths. */
import { NadarayaError } from '../errors.js';
import { nearest } from '../options.js';
import { kernelStandardDeviation } from '../kernels/normalization.js';
import type { Kernel } from '../kernels/types.js';
import type { Matrix } from '../data/matrix.js';
import { bandwidthFromRule, bandwidthRules } from './rules.js';
import type { BandwidthChoice, BandwidthRule, SelectorMethod } from './rules.js';

/** A width for all coordinates, one per coordinate, a rule of thumb, or a data-driven selector. */
export type BandwidthInput = number | ArrayLike<number> | BandwidthRule | SelectorMethod;

const SELECTORS: readonly string[] = ['cv-ls', 'cv-ml', 'aic', 'isj', 'learn'];

/** True for the names of data-driven selectors. */
export function isSelector(b: unknown): b is SelectorMethod {
  return typeof b === 'string' && SELECTORS.includes(b);
}

/** Checks a numeric width specification against the dimension d. */
export function checkWidths(bandwidth: number | ArrayLike<number>, d: number, argument = 'bandwidth'): Float64Array {
  const isList = bandwidth !== null && typeof bandwidth === 'object' && typeof (bandwidth as ArrayLike<number>).length === 'number';
  if (typeof bandwidth !== 'number' && !isList) {
    throw new NadarayaError('E_PARAM', { argument, value: bandwidth }, 'must be a positive number or an array of them');
  }
  const list: unknown[] = typeof bandwidth === 'number' ? Array.from({ length: d }, () => bandwidth) : Array.from(bandwidth);
  list.forEach((h, c) => {
    if (typeof h !== 'number') throw new NadarayaError('E_PARAM', { argument, column: c, value: h }, 'must be a positive finite number');
  });
  if (typeof bandwidth !== 'number' && list.length !== d && list.length !== 1) {
    throw new NadarayaError('E_PARAM', { argument, value: bandwidth }, `must have one width per coordinate (${d}) or a single width`);
  }
  const widths = Float64Array.from((list.length === 1 && d > 1 ? Array.from({ length: d }, () => list[0]!) : list) as number[]);
  widths.forEach((h, c) => {
    if (typeof h !== 'number' || !(h > 0) || !Number.isFinite(h)) {
      throw new NadarayaError('E_PARAM', { argument, column: c, value: list[c] }, 'must be a positive finite number');
    }
  });
  return widths;
}

/** Checks the form of the option early (at construction), before any data is seen. */
export function checkBandwidthInput(bandwidth: unknown): void {
  if (typeof bandwidth === 'string') {
    const names = [...bandwidthRules, ...SELECTORS];
    if (!names.includes(bandwidth)) {
      const near = nearest(bandwidth, names);
      throw new NadarayaError('E_PARAM', { argument: 'bandwidth', value: bandwidth },
        `must be a positive number, one per coordinate, or one of ${names.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
    return;
  }
  if (typeof bandwidth === 'number') { checkWidths(bandwidth, 1); return; }
  if (bandwidth !== null && typeof bandwidth === 'object' && typeof (bandwidth as ArrayLike<number>).length === 'number') {
    checkWidths(bandwidth as ArrayLike<number>, (bandwidth as ArrayLike<number>).length);
    return;
  }
  throw new NadarayaError('E_PARAM', { argument: 'bandwidth', value: bandwidth }, 'must be a positive number, an array of them, or a rule name');
}

/** Numeric widths or a rule of thumb (selectors are resolved by `selectBandwidth`). */
export function resolveBandwidth(bandwidth: number | ArrayLike<number> | BandwidthRule, x: Matrix, kernel: Kernel): BandwidthChoice {
  if (typeof bandwidth === 'string') return bandwidthFromRule(x, bandwidth, kernel);
  const widths = checkWidths(bandwidth, x.cols);
  const sdK = kernelStandardDeviation(kernel);
  return { bandwidth: widths, kernelSd: widths.map((h) => h * sdK), source: 'given' };
}

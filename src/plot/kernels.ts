/**
 * The kernels as the chapter draws them: α(x) for a key at 0 and a query at distance x, width 1 — four
 * panels with a shared y axis — and the whole zoo overlaid in one panel.
 */
import { figure, multilineHeader } from './theme.js';
import type { Spec } from './theme.js';

/** One kernel's curve: its label and the points (x, α(x)). */
export interface KernelCurve {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly alpha: ArrayLike<number>;
}

function rows(curves: readonly KernelCurve[]): { kernel: string; x: number; alpha: number }[] {
  return curves.flatMap((c) => Array.from(c.x, (x, i) => ({ kernel: c.label, x, alpha: c.alpha[i]! })));
}

/**
 * The chapter's first figure: one panel per kernel, side by side, shared y axis.
 * @example kernelPanelsSpec([{ label: 'Gaussian', x: [-1, 0, 1], alpha: [0.61, 1, 0.61] }])
 */
export function kernelPanelsSpec(curves: readonly KernelCurve[], options: { title?: string; subtitle?: string } = {}): Spec {
  return figure(options.title ?? 'Kernels α(q, k) for a key at k = 0', options.subtitle ?? 'x = q − k, width 1', {
    data: { values: rows(curves) },
    facet: {
      column: { field: 'kernel', type: 'nominal', sort: curves.map((c) => c.label), title: null, header: multilineHeader },
    },
    spec: {
      width: 220,
      height: 170,
      mark: { type: 'line', color: '#1f77b4', interpolate: 'linear' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'x = q − k', scale: { domain: [-2.5, 2.5] }, axis: { values: [-2, -1, 0, 1, 2] } },
        y: { field: 'alpha', type: 'quantitative', title: 'α(x)', scale: { domain: [0, 1.1] } },
      },
    },
    resolve: { scale: { y: 'shared' } },
  });
}

/**
 * Every kernel of the library in one panel, each at width 1 (raw profile α(|x|)).
 * @example kernelZooSpec(kernels.map((k) => ({ label: k.name, x: xs, alpha: xs.map((x) => k.profile(Math.abs(x))) })))
 */
export function kernelZooSpec(curves: readonly KernelCurve[], options: { title?: string; subtitle?: string } = {}): Spec {
  return figure(options.title ?? 'The kernel zoo', options.subtitle ?? 'every kernel of the library at width 1: α(|x|), raw profile', {
    data: { values: rows(curves) },
    width: 560,
    height: 320,
    mark: { type: 'line', strokeWidth: 1.8 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x = q − k', scale: { domain: [-2.5, 2.5] } },
      y: { field: 'alpha', type: 'quantitative', title: 'α(x)' },
      color: {
        field: 'kernel', type: 'nominal', sort: curves.map((c) => c.label), title: 'kernel',
        scale: { scheme: 'tableau20' }, legend: { symbolType: 'stroke', symbolStrokeWidth: 3 },
      },
    },
  });
}

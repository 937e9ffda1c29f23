/**
 * A Parzen window density with its kernel bumps drawn under it: f̂(x) = Σⱼ bumpⱼ(x), each key's bump
 * being its share of the estimate, and the keys as a rug (the explorer's density figure).
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface DensityBumpsFigure {
  /** The grid and the estimate there. */
  readonly x: ArrayLike<number>;
  readonly density: ArrayLike<number>;
  /** Some keys' bumps on the same grid (each of length x.length). */
  readonly bumps: readonly ArrayLike<number>[];
  /** Every key, for the rug. */
  readonly keys: ArrayLike<number>;
  readonly title?: string;
  readonly subtitle?: string | string[];
}

const ESTIMATE = 'f̂ (Parzen estimate)';
const BUMP = 'one key’s bump';

/**
 * @example densityBumpsSpec({ x: grid, density: kde.pdf(grid), bumps, keys: xTrain })
 */
export function densityBumpsSpec(d: DensityBumpsFigure): Spec {
  const curves = Array.from(d.x, (x, i) => ({ x, f: d.density[i]!, curve: ESTIMATE }));
  const bumps = d.bumps.flatMap((b, k) => Array.from(d.x, (x, i) => ({ x, f: b[i]!, key: k, curve: BUMP })));
  const rug = Array.from(d.keys, (x) => ({ x }));
  const x = { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [d.x[0]!, d.x[d.x.length - 1]!], nice: false } };
  const color = {
    field: 'curve', type: 'nominal', title: null,
    scale: { domain: [ESTIMATE, BUMP], range: [COLORS.estimate, '#9ecae1'] },
    legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  return figure(d.title ?? 'Parzen window density and its kernel bumps', d.subtitle, {
    width: 560,
    height: 280,
    layer: [
      {
        data: { values: bumps },
        mark: { type: 'line', strokeWidth: 1, clip: true },
        encoding: { x, y: { field: 'f', type: 'quantitative', title: 'density' }, color, detail: { field: 'key' } },
      },
      {
        data: { values: curves },
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: { x, y: { field: 'f', type: 'quantitative' }, color },
      },
      {
        data: { values: rug },
        mark: { type: 'tick', orient: 'vertical', color: COLORS.data, size: 10, thickness: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: 0 } },
      },
    ],
  });
}

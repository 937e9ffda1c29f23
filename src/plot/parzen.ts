/**
 * Exercise 1: Parzen windows and Nadaraya–Watson classification agree. Top: the joint estimates
 * p̂(x, y = +1) and p̂(x, y = −1). Bottom: their difference, over bands coloured by the class the
 * Nadaraya–Watson classifier predicts — the curve is above 0 exactly where the band says +1.
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface ParzenFigure {
  /** The grid of queries. */
  readonly x: ArrayLike<number>;
  /** p̂(x, y = +1) and p̂(x, y = −1) on the grid. */
  readonly positive: ArrayLike<number>;
  readonly negative: ArrayLike<number>;
  /** The Nadaraya–Watson classifier's prediction on the grid (+1 or −1). */
  readonly predicted: ArrayLike<number>;
  /** The labelled training points. */
  readonly xTrain: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  readonly subtitle?: string | string[];
}

const POS = 'y = +1';
const NEG = 'y = −1';

/**
 * @example parzenIdentitySpec({ x, positive, negative, predicted, xTrain, labels })
 */
export function parzenIdentitySpec(d: ParzenFigure): Spec {
  const m = d.x.length;
  const densities = Array.from(d.x, (x, i) => [
    { x, p: d.positive[i]!, cls: POS },
    { x, p: d.negative[i]!, cls: NEG },
  ]).flat();
  const difference = Array.from(d.x, (x, i) => ({ x, diff: d.positive[i]! - d.negative[i]! }));
  // one band per grid cell, coloured by the classifier's prediction there
  const bands = Array.from(d.x, (x, i) => ({
    x0: i === 0 ? x : (d.x[i - 1]! + x) / 2,
    x1: i === m - 1 ? x : (x + d.x[i + 1]!) / 2,
    cls: d.predicted[i]! > 0 ? POS : NEG,
  }));
  const rug = Array.from(d.xTrain, (x, i) => ({ x, cls: d.labels[i]! > 0 ? POS : NEG }));
  const classColor = (title: string | null) => ({
    field: 'cls', type: 'nominal', title, scale: { domain: [POS, NEG], range: [COLORS.positive, COLORS.negative] },
  });
  const xEnc = { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [d.x[0]!, d.x[m - 1]!], nice: false } };
  return figure('Exercise 1: Parzen windows = Nadaraya–Watson classification', d.subtitle, {
    vconcat: [
      {
        width: 600,
        height: 200,
        layer: [
          {
            data: { values: densities },
            mark: { type: 'line' },
            encoding: { x: xEnc, y: { field: 'p', type: 'quantitative', title: 'p̂(x, y)' }, color: { ...classColor('class'), legend: { symbolType: 'stroke', symbolStrokeWidth: 3 } } },
          },
          {
            data: { values: rug },
            mark: { type: 'tick', thickness: 2, size: 12 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: 0 }, color: classColor('class') },
          },
        ],
      },
      {
        width: 600,
        height: 160,
        layer: [
          {
            data: { values: bands },
            mark: { type: 'rect', opacity: 0.22 },
            encoding: {
              x: { field: 'x0', type: 'quantitative', title: 'x', scale: { domain: [d.x[0]!, d.x[m - 1]!], nice: false } },
              x2: { field: 'x1' },
              color: { ...classColor('NW classifier'), legend: { symbolOpacity: 0.4, symbolType: 'square' } },
            },
          },
          {
            data: { values: difference },
            mark: { type: 'line', color: '#222' },
            encoding: { x: xEnc, y: { field: 'diff', type: 'quantitative', title: 'p̂(x, +1) − p̂(x, −1)' } },
          },
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: '#666', strokeDash: [3, 3] },
            encoding: { y: { field: 'zero', type: 'quantitative' } },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  });
}

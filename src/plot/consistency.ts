/**
 * Exercise 4: consistency. Mean squared error against the true f as n grows, log-log, for a width that
 * shrinks like n^(−1/5) and for a fixed width, with the least-squares lines and their slopes.
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface ConsistencySeries {
  /** Legend label (the fitted slope is appended). */
  readonly label: string;
  readonly n: ArrayLike<number>;
  readonly mse: ArrayLike<number>;
  /** The least-squares line in log-log: log mse ≈ intercept + slope · log n. */
  readonly slope: number;
  readonly intercept: number;
}

/**
 * @example consistencySpec([{ label: 'σ ∝ n^(−1/5)', n, mse, slope: -0.8, intercept: 0.4 }])
 */
export function consistencySpec(series: readonly ConsistencySeries[], options: { subtitle?: string | string[] } = {}): Spec {
  const name = (s: ConsistencySeries) => `${s.label}: slope ${s.slope.toFixed(2).replace('-', '−')}`;
  const points = series.flatMap((s) => Array.from(s.n, (n, i) => ({ series: name(s), n, mse: s.mse[i]! })));
  const lines = series.flatMap((s) => {
    const n0 = s.n[0]!;
    const n1 = s.n[s.n.length - 1]!;
    return [n0, n1].map((n) => ({ series: name(s), n, mse: Math.exp(s.intercept + s.slope * Math.log(n)) }));
  });
  const color = {
    field: 'series', type: 'nominal', title: 'width',
    scale: { domain: series.map(name), range: [COLORS.schedule, COLORS.fixed, '#2ca02c'].slice(0, series.length) },
    legend: { orient: 'bottom', direction: 'vertical' },
  };
  const ns = series.flatMap((s) => Array.from(s.n));
  const x = {
    field: 'n', type: 'quantitative', title: 'n (training pairs, log scale)',
    scale: { type: 'log', domain: [Math.min(...ns) / 1.3, Math.max(...ns) * 1.3], nice: false },
    axis: { values: [...new Set(ns)], format: '~s' },
  };
  const y = { field: 'mse', type: 'quantitative', title: 'MSE vs the true f (log scale)', scale: { type: 'log' } };
  return figure('Exercise 4: how fast must the width shrink?', options.subtitle, {
    width: 520,
    height: 320,
    layer: [
      { data: { values: lines }, mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { x, y, color, detail: { field: 'series' } } },
      { data: { values: points }, mark: { type: 'line', point: { filled: true, size: 50 } }, encoding: { x, y, color } },
    ],
  });
}

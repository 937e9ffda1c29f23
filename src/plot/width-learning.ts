/**
 * Exercise 2: learning the width by gradient descent. Left: the loss per iteration; right: the width σ
 * per iteration — minimising the in-sample error drives σ → 0, the leave-one-out error settles.
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface LearningRun {
  /** Legend label, e.g. "in-sample" or "leave-one-out". */
  readonly label: string;
  /** Per iteration: the width and the objective before the step. */
  readonly width: ArrayLike<number>;
  readonly loss: ArrayLike<number>;
}

/**
 * @example widthLearningSpec([{ label: 'in-sample', width: [...], loss: [...] }, { label: 'leave-one-out', width, loss }])
 */
export function widthLearningSpec(runs: readonly LearningRun[], options: { subtitle?: string | string[] } = {}): Spec {
  const values = runs.flatMap((r) => Array.from(r.width, (w, i) => ({ run: r.label, iteration: i + 1, width: w, loss: r.loss[i]! })));
  const color = {
    field: 'run', type: 'nominal', title: 'objective',
    scale: { domain: runs.map((r) => r.label), range: [COLORS.inSample, COLORS.loo, '#2ca02c', '#9467bd'].slice(0, runs.length) },
    legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  const last = Math.max(...runs.map((r) => r.width.length));
  const x = { field: 'iteration', type: 'quantitative', title: 'iteration', scale: { domain: [1, last], nice: false } };
  return figure('Exercise 2: learning the width σ by gradient descent', options.subtitle, {
    data: { values },
    hconcat: [
      {
        width: 320,
        height: 220,
        title: { text: 'loss (MSE) per iteration', fontSize: 13, fontWeight: 'normal' },
        mark: { type: 'line' },
        encoding: { x, y: { field: 'loss', type: 'quantitative', title: 'loss (log scale)', scale: { type: 'log' } }, color },
      },
      {
        width: 320,
        height: 220,
        title: { text: 'width σ per iteration', fontSize: 13, fontWeight: 'normal' },
        mark: { type: 'line' },
        encoding: { x, y: { field: 'width', type: 'quantitative', title: 'σ (log scale)', scale: { type: 'log' } }, color },
      },
    ],
  });
}

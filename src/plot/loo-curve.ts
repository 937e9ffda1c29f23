/**
 * The leave-one-out CV curve over the width: LOO MSE(σ) with its minimum marked, beside the in-sample
 * MSE(σ), which keeps falling as σ → 0 (each point then predicts itself).
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface LooCurveFigure {
  readonly widths: ArrayLike<number>;
  readonly looMse: ArrayLike<number>;
  readonly inSampleMse: ArrayLike<number>;
  /** The chosen width and its LOO MSE (marked). */
  readonly optimum: { readonly width: number; readonly mse: number; readonly label: string };
  readonly subtitle?: string | string[];
}

const LOO = 'leave-one-out MSE';
const IN = 'in-sample MSE';

/**
 * @example looCurveSpec({ widths, looMse, inSampleMse, optimum: { width: 0.31, mse: 0.95, label: 'σ* = 0.312' } })
 */
export function looCurveSpec(d: LooCurveFigure): Spec {
  const curves = Array.from(d.widths, (w, i) => [
    { width: w, mse: d.looMse[i]!, curve: LOO },
    { width: w, mse: d.inSampleMse[i]!, curve: IN },
  ]).flat();
  const w0 = d.widths[0]!;
  const w1 = d.widths[d.widths.length - 1]!;
  const ticks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10].filter((t) => t >= w0 * 0.999 && t <= w1 * 1.001);
  const x = { field: 'width', type: 'quantitative', title: 'width σ (log scale)', scale: { type: 'log', domain: [w0, w1], nice: false }, axis: { values: ticks, format: '~g' } };
  const y = { field: 'mse', type: 'quantitative', title: 'MSE on the 40 training pairs' };
  return figure('Leave-one-out cross-validation over σ', d.subtitle, {
    width: 560,
    height: 280,
    layer: [
      {
        data: { values: curves },
        mark: { type: 'line' },
        encoding: {
          x, y,
          color: { field: 'curve', type: 'nominal', title: null, scale: { domain: [LOO, IN], range: [COLORS.loo, COLORS.inSample] }, legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 } },
          strokeDash: { field: 'curve', type: 'nominal', title: null, scale: { domain: [LOO, IN], range: [[1, 0], [6, 4]] }, legend: { orient: 'bottom', direction: 'horizontal' } },
        },
      },
      {
        data: { values: [d.optimum] },
        mark: { type: 'rule', color: COLORS.reference, strokeDash: [2, 3] },
        encoding: { x: { field: 'width', type: 'quantitative' } },
      },
      {
        data: { values: [d.optimum] },
        mark: { type: 'point', filled: true, size: 90, color: COLORS.loo, stroke: 'white', strokeWidth: 1.5 },
        encoding: { x: { field: 'width', type: 'quantitative' }, y: { field: 'mse', type: 'quantitative' } },
      },
      {
        data: { values: [d.optimum] },
        // at the top of the rule, clear of the curves
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, dy: 4, fontSize: 12 },
        encoding: { x: { field: 'width', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  });
}

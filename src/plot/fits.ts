/**
 * Fits side by side, as the chapter plots them: the estimate ŷ on a grid of queries, the true f dashed,
 * and the training pairs — one panel per kernel or width.
 */
import { COLORS, figure, multilineHeader } from './theme.js';
import type { Spec } from './theme.js';

export interface FitPanel {
  /** The panel header, e.g. "Gaussian" or "σ = 0.1". */
  readonly label: string;
  /** Queries and the estimates there. */
  readonly x: ArrayLike<number>;
  readonly yHat: ArrayLike<number>;
  /** The true function on a grid. */
  readonly truthX: ArrayLike<number>;
  readonly truthY: ArrayLike<number>;
  /** The training pairs. */
  readonly xTrain: ArrayLike<number>;
  readonly yTrain: ArrayLike<number>;
}

export interface FitFigureOptions {
  readonly title: string;
  readonly subtitle?: string | string[];
  /** Panels per row (default: all in one row). */
  readonly columns?: number;
  readonly panelWidth?: number;
  readonly panelHeight?: number;
}

const ESTIMATE = 'ŷ (estimate)';
const TRUTH = 'f (true function)';
const DATA = 'training pairs';

/**
 * @example fitPanelsSpec([{ label: 'Gaussian', x: xq, yHat, truthX: xq, truthY: f, xTrain, yTrain }], { title: 'Fits' })
 */
export function fitPanelsSpec(panels: readonly FitPanel[], options: FitFigureOptions): Spec {
  const values: { panel: string; series: string; x: number; y: number }[] = [];
  for (const p of panels) {
    Array.from(p.x, (x, i) => values.push({ panel: p.label, series: ESTIMATE, x, y: p.yHat[i]! }));
    Array.from(p.truthX, (x, i) => values.push({ panel: p.label, series: TRUTH, x, y: p.truthY[i]! }));
    Array.from(p.xTrain, (x, i) => values.push({ panel: p.label, series: DATA, x, y: p.yTrain[i]! }));
  }
  const x = { field: 'x', type: 'quantitative', title: 'x' };
  const y = { field: 'y', type: 'quantitative', title: 'y' };
  return figure(options.title, options.subtitle, {
    data: { values },
    facet: { field: 'panel', type: 'nominal', sort: panels.map((p) => p.label), title: null, header: multilineHeader },
    columns: options.columns ?? panels.length,
    spacing: { row: 24, column: 16 },
    spec: {
      width: options.panelWidth ?? 220,
      height: options.panelHeight ?? 180,
      layer: [
        {
          transform: [{ filter: `datum.series !== '${DATA}'` }],
          mark: { type: 'line', clip: true },
          encoding: {
            x, y,
            color: { field: 'series', type: 'nominal', title: null, scale: { domain: [ESTIMATE, TRUTH], range: [COLORS.estimate, COLORS.truth] }, legend: { symbolType: 'stroke', orient: 'bottom', direction: 'horizontal' } },
            strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: [ESTIMATE, TRUTH], range: [[1, 0], [6, 4]] }, legend: { orient: 'bottom', direction: 'horizontal' } },
          },
        },
        {
          // a field of its own, so that its legend is not merged into the lines' one
          transform: [{ filter: `datum.series === '${DATA}'` }, { calculate: 'datum.series', as: 'points' }],
          mark: { type: 'point', filled: true, size: 30, opacity: 0.5, color: COLORS.data },
          encoding: {
            x, y,
            shape: { field: 'points', type: 'nominal', title: null, scale: { domain: [DATA], range: ['circle'] }, legend: { orient: 'bottom', direction: 'horizontal', symbolFillColor: COLORS.data, symbolStrokeColor: COLORS.data, symbolOpacity: 0.7 } },
          },
        },
      ],
    },
    resolve: { scale: { y: 'shared', x: 'shared' } },
  });
}

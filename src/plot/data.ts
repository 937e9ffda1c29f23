/**
 * The chapter's data: the training pairs (keys xᵢ, values yᵢ), the true function f dashed, and the
 * positions of the queries as ticks along the bottom.
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface ChapterDataFigure {
  readonly xTrain: ArrayLike<number>;
  readonly yTrain: ArrayLike<number>;
  /** The true f on a grid (x, f(x)). */
  readonly truthX: ArrayLike<number>;
  readonly truthY: ArrayLike<number>;
  readonly xQuery: ArrayLike<number>;
  readonly seed: number;
}

/**
 * @example chapterDataSpec({ xTrain, yTrain, truthX, truthY, xQuery, seed: 2024 })
 */
export function chapterDataSpec(d: ChapterDataFigure): Spec {
  const points = Array.from(d.xTrain, (x, i) => ({ x, y: d.yTrain[i]!, points: 'training pairs (xᵢ, yᵢ)' }));
  const truth = Array.from(d.truthX, (x, i) => ({ x, y: d.truthY[i]!, curve: 'f(x) = 2 sin(x) + x' }));
  const queries = Array.from(d.xQuery, (x) => ({ x }));
  const yValues = [...Array.from(d.yTrain), ...Array.from(d.truthY)];
  const yMin = Math.floor(Math.min(...yValues)) - 1;
  const yMax = Math.ceil(Math.max(...yValues));
  // two fields, two legends (one with a line symbol, one with a dot)
  const truthColor = {
    field: 'curve', type: 'nominal', title: null,
    scale: { domain: ['f(x) = 2 sin(x) + x'], range: [COLORS.truth] },
    legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 2, symbolDash: [6, 4] },
  };
  const pointsShape = {
    field: 'points', type: 'nominal', title: null,
    scale: { domain: ['training pairs (xᵢ, yᵢ)'], range: ['circle'] },
    legend: { orient: 'bottom', direction: 'horizontal', symbolFillColor: COLORS.data, symbolStrokeColor: COLORS.data },
  };
  return figure('The data', [
    'y = 2 sin(x) + x + ε, ε ~ N(0, 1)',
    `${d.xTrain.length} keys x ~ U(0, 5), sorted; seed ${d.seed}`,
    `ticks: the ${d.xQuery.length} queries 0, 0.1, …, 4.9`,
  ], {
    width: 560,
    height: 300,
    layer: [
      {
        data: { values: truth },
        mark: { type: 'line', strokeDash: [6, 4], color: COLORS.truth },
        encoding: { x: { field: 'x', type: 'quantitative', title: 'x' }, y: { field: 'y', type: 'quantitative', title: 'y', scale: { domain: [yMin, yMax] } }, color: truthColor },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 45, opacity: 0.75, color: COLORS.data },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, shape: pointsShape },
      },
      {
        data: { values: queries },
        mark: { type: 'tick', orient: 'vertical', color: '#444', size: 10, thickness: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: yMin + 0.3 } },
      },
    ],
  });
}

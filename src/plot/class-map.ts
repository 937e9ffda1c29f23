/**
 * Nadaraya–Watson classification in the plane: each cell of a grid coloured by its most probable class,
 * with an opacity that grows with that probability, and the labelled training points on top.
 */
import { figure } from './theme.js';
import type { Spec } from './theme.js';

export interface ClassMapFigure {
  /** The class names, in the order of the probability columns. */
  readonly classes: readonly string[];
  /** Grid cell centres and their size. */
  readonly cellX: ArrayLike<number>;
  readonly cellY: ArrayLike<number>;
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** cells × classes probabilities, row-major. */
  readonly probabilities: ArrayLike<number>;
  /** The training points and their class names. */
  readonly x1: ArrayLike<number>;
  readonly x2: ArrayLike<number>;
  readonly labels: readonly string[];
  readonly colors?: readonly string[];
  readonly title?: string;
  readonly subtitle?: string | string[];
}

const DEFAULT_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];

/**
 * @example classMapSpec({ classes: ['a', 'b'], cellX, cellY, cellWidth: 0.1, cellHeight: 0.1, probabilities, x1, x2, labels })
 */
export function classMapSpec(d: ClassMapFigure): Spec {
  const C = d.classes.length;
  const cells = Array.from(d.cellX, (cx, i) => {
    let best = 0;
    for (let c = 1; c < C; c++) if (d.probabilities[i * C + c]! > d.probabilities[i * C + best]!) best = c;
    const p = d.probabilities[i * C + best]!;
    return {
      x0: cx - d.cellWidth / 2, x1: cx + d.cellWidth / 2,
      y0: d.cellY[i]! - d.cellHeight / 2, y1: d.cellY[i]! + d.cellHeight / 2,
      cls: Number.isFinite(p) ? d.classes[best]! : 'undefined', p: Number.isFinite(p) ? p : 0,
    };
  });
  const points = Array.from(d.x1, (a, i) => ({ a, b: d.x2[i]!, cls: d.labels[i]! }));
  const color = {
    field: 'cls', type: 'nominal', title: 'class',
    scale: { domain: [...d.classes], range: (d.colors ?? DEFAULT_COLORS).slice(0, C) },
  };
  const xDomain = [Math.min(...cells.map((c) => c.x0)), Math.max(...cells.map((c) => c.x1))];
  const yDomain = [Math.min(...cells.map((c) => c.y0)), Math.max(...cells.map((c) => c.y1))];
  return figure(d.title ?? 'Nadaraya–Watson classification: p(class | q) over the plane', d.subtitle, {
    width: 420,
    height: 420,
    layer: [
      {
        data: { values: cells.filter((c) => c.cls !== 'undefined') },
        mark: { type: 'rect', strokeWidth: 0 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: 'x₁', scale: { domain: xDomain, nice: false, zero: false } },
          x2: { field: 'x1' },
          y: { field: 'y0', type: 'quantitative', title: 'x₂', scale: { domain: yDomain, nice: false, zero: false } },
          y2: { field: 'y1' },
          color: { ...color, legend: { orient: 'right' } },
          opacity: { field: 'p', type: 'quantitative', title: 'p(most probable class)', scale: { domain: [1 / C, 1], range: [0.1, 0.6] }, legend: { orient: 'bottom' } },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 36, stroke: 'white', strokeWidth: 0.8, opacity: 1 },
        encoding: {
          x: { field: 'a', type: 'quantitative' },
          y: { field: 'b', type: 'quantitative' },
          color: { ...color, legend: { orient: 'right' } },
        },
      },
    ],
  });
}

/**
 * Attention weights as heatmaps, queries × keys (row i is query i, column j is key j, keys sorted by x),
 * one panel per kernel or width, on one shared colour scale with one colour bar.
 */
import { figure, multilineHeader } from './theme.js';
import type { Spec } from './theme.js';

export interface AttentionPanel {
  readonly label: string;
  /** The m query positions (rows). */
  readonly queries: ArrayLike<number>;
  /** Number of keys n (columns). */
  readonly n: number;
  /** Dense rows: weights[i * n + j] is the weight of key j for query i. */
  readonly weights: ArrayLike<number>;
}

export interface AttentionFigureOptions {
  readonly title: string;
  readonly subtitle?: string | string[];
  /** Upper end of the shared colour scale (default: the largest weight of all panels). */
  readonly maxWeight?: number;
}

/**
 * @example attentionHeatmapsSpec([{ label: 'Gaussian', queries: xQuery, n: 40, weights: model.attention(xQuery).weights }], { title: 'Attention' })
 */
export function attentionHeatmapsSpec(panels: readonly AttentionPanel[], options: AttentionFigureOptions): Spec {
  const values: { panel: string; q: number; q0: number; q1: number; j: number; j1: number; w: number }[] = [];
  let top = 0;
  for (const p of panels) {
    const m = p.queries.length;
    // a row spans half the way to its neighbours (the queries are evenly spaced in the chapter)
    const step = m > 1 ? (p.queries[m - 1]! - p.queries[0]!) / (m - 1) : 1;
    for (let i = 0; i < m; i++) {
      const q = p.queries[i]!;
      for (let j = 0; j < p.n; j++) {
        const w = p.weights[i * p.n + j]!;
        if (w > top) top = w;
        values.push({ panel: p.label, q, q0: q - step / 2, q1: q + step / 2, j, j1: j + 1, w });
      }
    }
  }
  const maxWeight = options.maxWeight ?? top;
  const first = panels[0];
  const qMin = first ? first.queries[0]! : 0;
  const qMax = first ? first.queries[first.queries.length - 1]! : 1;
  const step = first && first.queries.length > 1 ? (qMax - qMin) / (first.queries.length - 1) : 1;
  return figure(options.title, options.subtitle, {
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', sort: panels.map((p) => p.label), title: null, header: multilineHeader } },
    spec: {
      width: 200,
      height: 240,
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'j', type: 'quantitative', title: 'key j (sorted by x)', scale: { domain: [0, first ? first.n : 1], nice: false, zero: true } },
        x2: { field: 'j1' },
        y: {
          field: 'q0', type: 'quantitative', title: 'query x',
          scale: { domain: [qMin - step / 2, qMax + step / 2], nice: false, zero: false, reverse: true },
          axis: { values: [0, 1, 2, 3, 4, 5].filter((v) => v >= qMin - step / 2 && v <= qMax + step / 2) },
        },
        y2: { field: 'q1' },
        color: {
          field: 'w', type: 'quantitative', title: 'attention weight',
          scale: { scheme: 'reds', domain: [0, maxWeight], clamp: true },
          legend: { orient: 'right', gradientLength: 240, gradientThickness: 14, format: '.2f' },
        },
      },
    },
    resolve: { scale: { color: 'shared' } },
  });
}

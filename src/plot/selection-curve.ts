/**
 * A width selector's objective over the width (log scale) with its optimum marked and, optionally, the
 * in-sample error beside it and the width in use as a rule — any task, any objective.
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface SelectionCurveFigure {
  readonly widths: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  /** What the values are, e.g. "leave-one-out MSE". */
  readonly objective: string;
  readonly optimum: { readonly width: number; readonly value: number; readonly label: string };
  /** In-sample error at the same widths (drawn dashed). */
  readonly inSample?: ArrayLike<number>;
  /** The width in use (a grey rule). */
  readonly current?: number;
  readonly xTitle?: string;
  readonly title?: string;
  readonly subtitle?: string | string[];
}

/**
 * @example selectionCurveSpec({ widths, values, objective: 'LOO MSE', optimum: { width: 0.31, value: 0.95, label: 'h* = 0.31' } })
 */
export function selectionCurveSpec(d: SelectionCurveFigure): Spec {
  const main = d.objective;
  const inSample = 'in-sample error';
  const rows = Array.from(d.widths, (w, i) => ({ width: w, value: d.values[i]!, curve: main }))
    .concat(d.inSample ? Array.from(d.widths, (w, i) => ({ width: w, value: d.inSample![i]!, curve: inSample })) : [])
    .filter((r) => Number.isFinite(r.value));
  const w0 = Math.min(...Array.from(d.widths));
  const w1 = Math.max(...Array.from(d.widths));
  const x = { field: 'width', type: 'quantitative', title: d.xTitle ?? 'width h (log scale)', scale: { type: 'log', domain: [w0, w1], nice: false }, axis: { format: '~g' } };
  const domain = d.inSample ? [main, inSample] : [main];
  const layers: Record<string, unknown>[] = [
    {
      data: { values: rows },
      mark: { type: 'line', clip: true },
      encoding: {
        x, y: { field: 'value', type: 'quantitative', title: main, scale: { zero: false } },
        color: { field: 'curve', type: 'nominal', title: null, scale: { domain, range: [COLORS.loo, COLORS.inSample] }, legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 3 } },
        strokeDash: { field: 'curve', type: 'nominal', title: null, scale: { domain, range: [[1, 0], [6, 4]] }, legend: { orient: 'bottom', direction: 'horizontal' } },
      },
    },
    {
      data: { values: [d.optimum] },
      mark: { type: 'rule', color: '#2ca02c', strokeDash: [2, 3] },
      encoding: { x: { field: 'width', type: 'quantitative' } },
    },
    {
      data: { values: [d.optimum] },
      mark: { type: 'point', filled: true, size: 90, color: '#2ca02c', stroke: 'white', strokeWidth: 1.5 },
      encoding: { x: { field: 'width', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } },
    },
    {
      data: { values: [d.optimum] },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, dy: 4, fontSize: 12 },
      encoding: { x: { field: 'width', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
  if (d.current !== undefined) {
    layers.push({
      data: { values: [{ width: d.current }] },
      mark: { type: 'rule', color: COLORS.reference },
      encoding: { x: { field: 'width', type: 'quantitative' } },
    });
  }
  return figure(d.title ?? 'Choosing the width by leave-one-out', d.subtitle, { width: 560, height: 260, layer: layers });
}

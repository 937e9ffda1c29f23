/**
 * Local (adaptive) widths: each key's own width hᵢ against its position, with the global width as a
 * dashed rule — narrow where keys are dense, wide where they are sparse (Abramson 1982).
 */
import { COLORS, figure } from './theme.js';
import type { Spec } from './theme.js';

export interface LocalWidthsFigure {
  readonly xTrain: ArrayLike<number>;
  /** hᵢ, one per key. */
  readonly widths: ArrayLike<number>;
  /** The global width h the factors multiply. */
  readonly globalWidth: number;
  readonly subtitle?: string | string[];
}

/**
 * @example localWidthsSpec({ xTrain, widths, globalWidth: 0.31 })
 */
export function localWidthsSpec(d: LocalWidthsFigure): Spec {
  const keys = Array.from(d.xTrain, (x, i) => ({ x, h: d.widths[i]! }));
  return figure('Abramson local widths: one width per key', d.subtitle ?? [`dashed: the global width h = ${d.globalWidth.toFixed(3)}`, 'ticks: the keys'], {
    width: 560,
    height: 200,
    layer: [
      {
        data: { values: keys },
        mark: { type: 'line', point: { filled: true, size: 40, color: COLORS.estimate }, color: COLORS.estimate },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'key xᵢ' },
          y: { field: 'h', type: 'quantitative', title: 'width hᵢ', scale: { zero: true } },
        },
      },
      {
        data: { values: [{ h: d.globalWidth }] },
        mark: { type: 'rule', color: COLORS.reference, strokeDash: [6, 4] },
        encoding: { y: { field: 'h', type: 'quantitative' } },
      },
      {
        data: { values: keys },
        mark: { type: 'tick', color: '#444', size: 8 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 196 } },
      },
    ],
  });
}

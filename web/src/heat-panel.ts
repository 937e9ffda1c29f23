/**
 * The attention heatmap: one row per query (the fixed grid of the fit), one column per key sorted by x —
 * or, for many keys, per bin of neighbouring keys (the summed weight), so the image stays bounded. Hover a
 * row to inspect its query on the fit panel; hover a cell to read q, k and the weight.
 * Keyboard: ↑ ↓ move the row, ← → the column, Esc clears.
 */
import type { App } from './app.js';
import { FONT_SMALL, drawAxes, fitCanvas, linearScale, niceTicks, reds, tickLabel } from './draw.js';
import type { Frame, Scale } from './draw.js';

function blues(t: number): [number, number, number] {
  const u = Math.min(1, t);
  return [255 - 200 * u, 255 - 140 * u, 255 - 40 * u];
}

export class HeatPanel {
  private frame: Frame = { left: 0, top: 0, width: 1, height: 1 };
  private rowScale: Scale = linearScale(0, 1, 0, 1);
  private readonly image = document.createElement('canvas');
  private imageKey = -1;
  private top = 0;

  constructor(private readonly app: App, private readonly canvas: HTMLCanvasElement) {
    canvas.addEventListener('pointermove', (e) => {
      const r = canvas.getBoundingClientRect();
      const cell = this.cellAt(e.clientX - r.left, e.clientY - r.top);
      if (!cell) {
        if (app.hoverCell) app.setHoverCell(null);
        return;
      }
      this.select(cell.row, cell.col);
    });
    canvas.addEventListener('pointerleave', () => {
      app.setHoverCell(null);
      if (app.hoverFrom === 'heat') app.setHoverQuery(null, null);
    });
    canvas.addEventListener('keydown', (e) => {
      const h = app.heat;
      if (!h) return;
      const cur = app.hoverCell ?? { row: Math.floor(h.rows / 2), col: Math.floor(h.cols / 2) };
      const k = e.shiftKey ? 10 : 1;
      const moves: Record<string, [number, number]> = { ArrowUp: [-k, 0], ArrowDown: [k, 0], ArrowLeft: [0, -k], ArrowRight: [0, k] };
      const m = moves[e.key];
      if (m) {
        this.select(Math.min(h.rows - 1, Math.max(0, cur.row + m[0])), Math.min(h.cols - 1, Math.max(0, cur.col + m[1])));
        e.preventDefault();
      } else if (e.key === 'Escape') {
        app.setHoverCell(null);
        app.setHoverQuery(null, null);
      }
    });
  }

  private select(row: number, col: number): void {
    const fit = this.app.fit;
    if (!fit) return;
    this.app.setHoverCell({ row, col });
    this.app.setHoverQuery([fit.queries[row]!], 'heat');
  }

  private cellAt(px: number, py: number): { row: number; col: number } | null {
    const h = this.app.heat;
    const f = this.frame;
    if (!h || px < f.left || px >= f.left + f.width || py < f.top || py >= f.top + f.height) return null;
    const col = Math.min(h.cols - 1, Math.floor(((px - f.left) / f.width) * h.cols));
    const row = Math.min(h.rows - 1, Math.floor(((py - f.top) / f.height) * h.rows));
    return { row, col };
  }

  /** Client coordinates of the centre of a cell (for tests). */
  cellPixel(row: number, col: number): { x: number; y: number } {
    const h = this.app.heat!;
    const r = this.canvas.getBoundingClientRect();
    const f = this.frame;
    return { x: r.left + f.left + ((col + 0.5) / h.cols) * f.width, y: r.top + f.top + ((row + 0.5) / h.rows) * f.height };
  }

  draw(): void {
    const app = this.app;
    const box = this.canvas.parentElement!;
    const width = box.clientWidth;
    const height = width < 500 ? 230 : 250;
    const ctx = fitCanvas(this.canvas, width, height);
    const f: Frame = { left: 52, top: 8, width: width - 52 - 64, height: height - 8 - 44 };
    this.frame = f;
    const h = app.heat;
    const fit = app.fit;
    if (!h || !fit || h.rows !== fit.queries.length) {
      ctx.font = FONT_SMALL;
      ctx.fillStyle = '#666';
      ctx.fillText(app.computeError ? 'no weights: see the message above' : 'computing the attention weights…', f.left, f.top + 20);
      return;
    }
    const q0 = fit.queries[0]!;
    const q1 = fit.queries[fit.queries.length - 1]!;
    const step = h.rows > 1 ? (q1 - q0) / (h.rows - 1) : 1;
    this.rowScale = linearScale(q0 - step / 2, q1 + step / 2, f.top, f.top + f.height);
    this.paint(h.weights, h.rows, h.cols, h.id);
    ctx.save();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.image, f.left, f.top, f.width, f.height);
    ctx.restore();
    const n = h.order.length;
    const keyScale = linearScale(0, n, f.left, f.left + f.width);
    drawAxes(ctx, f, keyScale, this.rowScale, {
      xTicks: niceTicks(0, n - 1, Math.max(3, Math.floor(f.width / 80))),
      yTicks: niceTicks(q0, q1, 5),
      xTitle: h.cols < n ? `keys sorted by x (${h.cols} bins of ~${Math.round(n / h.cols)} keys)` : 'key j (sorted by x)',
      yTitle: 'query q',
      grid: false,
      xLabel: (v) => String(Math.round(v)),
    });
    this.colourBar(ctx, f);
    // the inspected query's row, and the cell under the pointer
    const hq = app.hoverQuery;
    if (hq) {
      const y = this.rowScale(hq[0]!);
      ctx.strokeStyle = '#1f77b4';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(f.left - 6, y);
      ctx.lineTo(f.left + f.width, y);
      ctx.stroke();
    }
    const c = app.hoverCell;
    if (c) {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(f.left + (c.col / h.cols) * f.width, f.top + (c.row / h.rows) * f.height,
        Math.max(2, f.width / h.cols), Math.max(2, f.height / h.rows));
    }
  }

  private colourBar(ctx: CanvasRenderingContext2D, f: Frame): void {
    const x = f.left + f.width + 12;
    const w = 12;
    for (let i = 0; i < f.height; i++) {
      const [r, g, b] = reds(1 - i / f.height);
      ctx.fillStyle = `rgb(${r | 0},${g | 0},${b | 0})`;
      ctx.fillRect(x, f.top + i, w, 1.5);
    }
    ctx.strokeStyle = '#999';
    ctx.strokeRect(x + 0.5, f.top + 0.5, w, f.height - 1);
    ctx.font = FONT_SMALL;
    ctx.fillStyle = '#444';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(tickLabel(this.top), x + w + 3, f.top);
    ctx.textBaseline = 'bottom';
    ctx.fillText('0', x + w + 3, f.top + f.height);
  }

  /** One pixel per cell, white → dark red up to the largest weight. */
  private paint(weights: Float64Array, rows: number, cols: number, key: number): void {
    if (this.imageKey === key && this.image.width === cols && this.image.height === rows) return;
    this.imageKey = key;
    this.image.width = cols;
    this.image.height = rows;
    let top = 0;
    for (const w of weights) if (w > top) top = w;
    this.top = top;
    const ctx = this.image.getContext('2d')!;
    const img = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const w = weights[i]!;
      // NaN: no key in reach; negative (the Silverman kernel): blue
      const [r, g, b] = Number.isNaN(w) ? [200, 200, 200] : w < 0 ? blues(top > 0 ? -w / top : 0) : reds(top > 0 ? w / top : 0);
      img.data[4 * i] = r;
      img.data[4 * i + 1] = g;
      img.data[4 * i + 2] = b;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }
}

/**
 * The 1-D panel: training points, the estimate (ŷ, or the Parzen density with its kernel bumps under
 * it), the true function, and the hovered query with its attention over the keys (point size and colour
 * by weight). Pointer: hover picks a query; click adds, drag moves, shift-click removes a point.
 * Keyboard: ← → move the query (Shift: faster), Esc clears it.
 */
import type { App } from './app.js';
import { pointCount } from './datasets.js';
import { COLORS, FONT_SMALL, drawAxes, drawLine, fitCanvas, linearScale, niceTicks } from './draw.js';
import type { Frame, Scale } from './draw.js';
import { attachEditing, drawnIndices } from './edit.js';

export class FitPanel {
  private x: Scale = linearScale(0, 1, 0, 1);
  private y: Scale = linearScale(0, 1, 0, 1);
  private frame: Frame = { left: 0, top: 0, width: 1, height: 1 };
  private drawn: Int32Array = new Int32Array(0);
  private densityTop = 0;
  private densityKey = '';

  constructor(private readonly app: App, private readonly canvas: HTMLCanvasElement, private readonly onStatus: (m: string) => void) {
    const active = () => app.d === 1;
    const editing = attachEditing(canvas, {
      active,
      pick: (px, py) => this.pick(px, py),
      toData: (px, py) => {
        const [x0, x1] = this.x.domain;
        const [y0, y1] = this.y.domain;
        const x = Math.min(x1, Math.max(x0, this.x.invert(px)));
        const y = Math.min(y1, Math.max(y0, this.y.invert(py)));
        return { coords: [x], value: y };
      },
      onEdit: (edit) => app.editPoints(edit),
      onRefused: (m) => onStatus(m),
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!active() || editing.dragging()) return;
      const r = canvas.getBoundingClientRect();
      const px = e.clientX - r.left;
      if (px < this.frame.left || px > this.frame.left + this.frame.width) return;
      app.setHoverQuery([this.x.invert(px)], 'fit');
    });
    canvas.addEventListener('pointerleave', () => {
      if (active() && app.hoverFrom === 'fit') app.setHoverQuery(null, null);
    });
    canvas.addEventListener('keydown', (e) => {
      if (!active()) return;
      const [lo, hi] = this.x.domain;
      const q = app.hoverQuery?.[0] ?? (lo + hi) / 2;
      const step = ((hi - lo) / 100) * (e.shiftKey ? 10 : 1);
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        const next = Math.min(hi, Math.max(lo, q + (e.key === 'ArrowLeft' ? -step : step)));
        app.setHoverQuery([next], 'fit');
        e.preventDefault();
      } else if (e.key === 'Escape') {
        app.setHoverQuery(null, null);
      }
    });
  }

  /** The index of the drawn point within 8 px of (px, py), or −1. */
  private pick(px: number, py: number): number {
    const p = this.app.points;
    const density = this.app.state.mode === 'density';
    let best = -1;
    let bestD = 8 * 8;
    const rug = this.frame.top + this.frame.height - 6;
    if (density && Math.abs(rug - py) > 14) return -1; // the keys are a rug along the bottom
    for (const i of this.drawn) {
      const dx = this.x(p.x[i]!) - px;
      const dy = density ? 0 : this.y(p.y![i]!) - py;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD) { bestD = d2; best = i; }
    }
    return best;
  }

  /** Client coordinates of point i (for tests). */
  pixelOf(i: number): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    const p = this.app.points;
    const py = this.app.state.mode === 'density' ? this.frame.top + this.frame.height - 6 : this.y(p.y![i]!);
    return { x: r.left + this.x(p.x[i]!), y: r.top + py };
  }

  /** Client coordinates of a query position on the x axis, in the middle of the plot's height. */
  queryPixel(q: number): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: r.left + this.x(q), y: r.top + this.frame.top + this.frame.height / 2 };
  }

  draw(): void {
    const app = this.app;
    const box = this.canvas.parentElement!;
    const width = box.clientWidth;
    const height = width < 500 ? 240 : 300;
    const ctx = fitCanvas(this.canvas, width, height);
    const f: Frame = { left: 52, top: 10, width: width - 52 - 12, height: height - 10 - 44 };
    this.frame = f;
    const p = app.points;
    const density = app.state.mode === 'density';
    const fit = app.fit;
    this.x = linearScale(p.domain[0], p.domain[1], f.left, f.left + f.width);
    if (density) {
      let top = 0;
      if (fit) for (const v of fit.values) if (Number.isFinite(v) && v > top) top = v;
      // the axis follows the estimate, with some hysteresis so that a drag does not shake it
      const key = `${app.version}|${app.state.kernel}`;
      if (key !== this.densityKey || top > this.densityTop || top < this.densityTop / 2) this.densityTop = top > 0 ? top * 1.15 : 0.5;
      if (top > 0) this.densityKey = key;
      this.y = linearScale(0, this.densityTop, f.top + f.height - 14, f.top);
    } else {
      this.y = linearScale(p.domainY[0], p.domainY[1], f.top + f.height, f.top);
    }
    const x = this.x;
    const y = this.y;
    drawAxes(ctx, f, x, y, {
      xTicks: niceTicks(p.domain[0], p.domain[1], Math.max(3, Math.floor(f.width / 70))),
      yTicks: niceTicks(y.domain[0], y.domain[1], 5),
      xTitle: p.xName === 'x' ? 'x (keys and queries)' : p.xName,
      yTitle: density ? 'density estimate' : p.yName,
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();

    const hover = app.hover && app.hover.version === app.version && app.hoverQuery ? app.hover : null;
    if (hover) {
      const qx = x(hover.q[0]!);
      ctx.strokeStyle = '#888';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(qx, f.top);
      ctx.lineTo(qx, f.top + f.height);
      ctx.stroke();
      ctx.setLineDash([]);
    }

    // kernel bumps (density): each key's share of f̂, under the estimate
    const heat = app.heat && fit && app.heat.id === fit.id ? app.heat : null;
    if (density && heat?.bumps && fit) {
      ctx.strokeStyle = COLORS.bump;
      ctx.lineWidth = 1;
      const m = fit.queries.length;
      for (let r = 0; r < heat.bumps.keys.length; r++) drawLine(ctx, fit.queries, heat.bumps.values.subarray(r * m, (r + 1) * m), x, y);
    }

    if (p.truth && !density) {
      ctx.strokeStyle = COLORS.truth;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      const xs = Float64Array.from({ length: 200 }, (_, i) => p.domain[0] + ((p.domain[1] - p.domain[0]) * i) / 199);
      drawLine(ctx, xs, xs.map(p.truth), x, y);
      ctx.setLineDash([]);
    }

    this.drawn = drawnIndices(pointCount(p));
    this.drawPoints(ctx, hover?.weights ?? null, density);

    if (fit) {
      ctx.strokeStyle = COLORS.estimate;
      ctx.lineWidth = 2.2;
      drawLine(ctx, fit.queries, fit.values, x, y);
    }
    if (hover && Number.isFinite(hover.estimate[0]!)) {
      ctx.fillStyle = COLORS.hover;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(x(hover.q[0]!), y(hover.estimate[0]!), 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
    if (pointCount(p) > this.drawn.length) {
      ctx.font = FONT_SMALL;
      ctx.fillStyle = '#666';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(`drawing ${this.drawn.length.toLocaleString('en')} of ${pointCount(p).toLocaleString('en')} points`, f.left + f.width - 6, f.top + 4);
    }
  }

  private drawPoints(ctx: CanvasRenderingContext2D, weights: Float64Array | null, density: boolean): void {
    const p = this.app.points;
    const { x, y } = this;
    const base = this.frame.top + this.frame.height;
    let wMax = 0;
    if (weights) for (const w of weights) if (Math.abs(w) > wMax) wMax = Math.abs(w);
    const small = this.drawn.length > 1000;
    const radius = small ? 1.6 : 3.2;
    for (const i of this.drawn) {
      const px = x(p.x[i]!);
      const w = weights && wMax > 0 ? Math.abs(weights[i]!) / wMax : null;
      if (density) {
        // a rug: one tick per key, taller and redder with its weight
        const h = w === null ? 8 : 5 + 12 * Math.sqrt(w);
        ctx.strokeStyle = w === null ? 'rgba(255,127,14,0.8)' : w > 0 ? `rgba(214,39,40,${0.25 + 0.75 * w})` : 'rgba(120,120,120,0.35)';
        ctx.lineWidth = w !== null && w > 0 ? 2 : 1.2;
        ctx.beginPath();
        ctx.moveTo(px, base);
        ctx.lineTo(px, base - h);
        ctx.stroke();
        continue;
      }
      const py = y(p.y![i]!);
      if (w === null) {
        ctx.fillStyle = small ? 'rgba(255,127,14,0.45)' : 'rgba(255,127,14,0.8)';
        ctx.beginPath();
        ctx.arc(px, py, radius, 0, 2 * Math.PI);
        ctx.fill();
      } else if (w > 0) {
        ctx.fillStyle = `rgba(214,39,40,${0.25 + 0.75 * w})`;
        ctx.beginPath();
        ctx.arc(px, py, (small ? 1.2 : 2.5) + (small ? 3 : 9) * Math.sqrt(w), 0, 2 * Math.PI);
        ctx.fill();
      } else {
        ctx.fillStyle = 'rgba(140,140,140,0.35)';
        ctx.beginPath();
        ctx.arc(px, py, small ? 1.2 : 2.2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
}

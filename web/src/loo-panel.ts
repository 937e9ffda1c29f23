/**
 * The leave-one-out curve over the width (log scale), from the selection worker: the objective of the
 * library's selector at every width it evaluated, its optimum marked, the current width as a rule.
 * Clicking the plot sets the width there; the button jumps to the optimum.
 */
import type { App } from './app.js';
import { fmt } from './dom.js';
import { COLORS, FONT_SMALL, drawAxes, drawLine, fitCanvas, logScale, logTicks, niceTicks } from './draw.js';
import type { Frame, Scale } from './draw.js';

export class LooPanel {
  private frame: Frame = { left: 0, top: 0, width: 1, height: 1 };
  private x: Scale | null = null;

  constructor(private readonly app: App, private readonly canvas: HTMLCanvasElement) {
    canvas.addEventListener('click', (e) => {
      const s = app.selection;
      if (!s || !this.x) return;
      const r = canvas.getBoundingClientRect();
      const px = e.clientX - r.left;
      if (px < this.frame.left || px > this.frame.left + this.frame.width) return;
      const v = this.x.invert(px);
      app.setWidth(s.factorAxis ? s.jumpTo.map((h) => (h * v)) : [v]);
    });
  }

  draw(): void {
    const app = this.app;
    const box = this.canvas.parentElement!;
    const width = box.clientWidth;
    const height = width < 500 ? 200 : 220;
    const ctx = fitCanvas(this.canvas, width, height);
    const f: Frame = { left: 56, top: 10, width: width - 56 - 14, height: height - 10 - 44 };
    this.frame = f;
    const s = app.selection;
    if (!s) {
      this.x = null;
      ctx.font = FONT_SMALL;
      ctx.fillStyle = '#666';
      ctx.fillText(app.selectionError ? 'no curve: see the message below' : 'computing the leave-one-out curve…', f.left, f.top + 20);
      return;
    }
    const ws = s.widths;
    const lo = Math.min(...ws);
    const hi = Math.max(...ws);
    const x = logScale(lo, hi, f.left, f.left + f.width);
    this.x = x;
    const finite = s.values.filter((v) => Number.isFinite(v));
    const inSample = s.inSample ?? [];
    const all = [...finite, ...inSample.filter((v) => Number.isFinite(v))];
    let yLo = Math.min(...all);
    let yHi = Math.max(...all);
    // a curve that explodes at tiny widths would flatten the interesting part: cap the top
    const sorted = [...finite].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? yHi;
    yHi = Math.min(yHi, median + 3 * (median - yLo) + 1e-9);
    if (!(yHi > yLo)) { yLo -= 1; yHi += 1; }
    const pad = (yHi - yLo) * 0.06;
    const y = ((): Scale => {
      const d0 = yLo - pad;
      const d1 = yHi + pad;
      const k = f.height / (d1 - d0);
      const sc = ((v: number) => f.top + f.height - (v - d0) * k) as Scale;
      Object.assign(sc, { invert: (py: number) => d0 + (f.top + f.height - py) / k, domain: [d0, d1] as const, log: false });
      return sc;
    })();
    drawAxes(ctx, f, x, y, {
      xTicks: logTicks(lo, hi),
      yTicks: niceTicks(yLo - pad, yHi + pad, 4),
      xTitle: s.factorAxis ? 'factor on the optimal widths (h₁*, h₂*) (log scale)' : 'width h (log scale)',
      yTitle: s.objective,
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    if (s.inSample) {
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      drawLine(ctx, ws, s.inSample, x, y);
      ctx.setLineDash([]);
    }
    ctx.strokeStyle = COLORS.estimate;
    ctx.lineWidth = 2;
    drawLine(ctx, ws, s.values, x, y);
    // the current width
    const current = app.model().width;
    const cx = s.factorAxis ? current[0]! / s.jumpTo[0]! : current[0]!;
    if (cx > 0) {
      ctx.strokeStyle = '#333';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x(cx), f.top);
      ctx.lineTo(x(cx), f.top + f.height);
      ctx.stroke();
    }
    // the optimum on the data used
    const ox = s.factorAxis ? 1 : s.optimum[0]!;
    ctx.strokeStyle = '#2ca02c';
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(x(ox), f.top);
    ctx.lineTo(x(ox), f.top + f.height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#2ca02c';
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(x(ox), y(s.optimumValue), 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    // on a subsample: the optimum carried to the full n, where the button jumps
    if (s.nUsed < s.n && !s.factorAxis) {
      const jx = x(s.jumpTo[0]!);
      ctx.strokeStyle = '#2ca02c';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(jx, f.top + f.height);
      ctx.lineTo(jx, f.top + f.height - 12);
      ctx.stroke();
    }
    ctx.restore();
    ctx.font = FONT_SMALL;
    ctx.fillStyle = '#1b6e20';
    const label = s.factorAxis ? `optimum h* = (${s.optimum.map((v) => fmt(v)).join(', ')})` : `optimum h* = ${fmt(s.optimum[0]!)}`;
    const lx = x(ox);
    ctx.textAlign = lx > f.left + f.width * 0.6 ? 'right' : 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(label, lx + (ctx.textAlign === 'right' ? -6 : 6), f.top + 4);
  }
}

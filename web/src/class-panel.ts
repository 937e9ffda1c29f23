/**
 * The 2-D classification panel: the plane coloured by the class probabilities p(c | q) (each class's
 * colour mixed by its probability), the labelled points, and the hovered query's attention (a ring per
 * key, sized by its weight). Pointer and keyboard as in the 1-D panel (arrows move the query in 2-D).
 */
import type { App } from './app.js';
import { pointCount } from './datasets.js';
import { COLORS, FONT_SMALL, drawAxes, fitCanvas, linearScale, niceTicks, rgb } from './draw.js';
import type { Frame, Scale } from './draw.js';
import { attachEditing, drawnIndices } from './edit.js';

export class ClassPanel {
  private x: Scale = linearScale(0, 1, 0, 1);
  private y: Scale = linearScale(0, 1, 0, 1);
  private frame: Frame = { left: 0, top: 0, width: 1, height: 1 };
  private drawn: Int32Array = new Int32Array(0);
  private readonly image = document.createElement('canvas');
  private imageKey = -1;

  constructor(private readonly app: App, private readonly canvas: HTMLCanvasElement, addClass: () => number, onStatus: (m: string) => void) {
    const active = () => app.d === 2;
    const editing = attachEditing(canvas, {
      active,
      pick: (px, py) => this.pick(px, py),
      toData: (px, py) => ({ coords: [this.clampX(this.x.invert(px)), this.clampY(this.y.invert(py))], value: addClass() }),
      onEdit: (edit) => app.editPoints(edit),
      onRefused: (m) => onStatus(m),
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!active() || editing.dragging()) return;
      const r = canvas.getBoundingClientRect();
      const px = e.clientX - r.left;
      const py = e.clientY - r.top;
      const f = this.frame;
      if (px < f.left || px > f.left + f.width || py < f.top || py > f.top + f.height) return;
      app.setHoverQuery([this.x.invert(px), this.y.invert(py)], 'fit');
    });
    canvas.addEventListener('pointerleave', () => { if (active() && app.hoverFrom === 'fit') app.setHoverQuery(null, null); });
    canvas.addEventListener('keydown', (e) => {
      if (!active()) return;
      const [x0, x1] = this.x.domain;
      const [y0, y1] = this.y.domain;
      const q = app.hoverQuery ?? [(x0 + x1) / 2, (y0 + y1) / 2];
      const k = e.shiftKey ? 10 : 1;
      const dx = ((x1 - x0) / 100) * k;
      const dy = ((y1 - y0) / 100) * k;
      const moves: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
      const m = moves[e.key];
      if (m) {
        app.setHoverQuery([this.clampX(q[0]! + m[0]), this.clampY(q[1]! + m[1])], 'fit');
        e.preventDefault();
      } else if (e.key === 'Escape') app.setHoverQuery(null, null);
    });
  }

  private clampX(v: number): number { return Math.min(this.x.domain[1], Math.max(this.x.domain[0], v)); }
  private clampY(v: number): number { return Math.min(this.y.domain[1], Math.max(this.y.domain[0], v)); }

  private pick(px: number, py: number): number {
    const p = this.app.points;
    let best = -1;
    let bestD = 8 * 8;
    for (const i of this.drawn) {
      const dx = this.x(p.x[2 * i]!) - px;
      const dy = this.y(p.x[2 * i + 1]!) - py;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD) { bestD = d2; best = i; }
    }
    return best;
  }

  pixelOf(i: number): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    const p = this.app.points;
    return { x: r.left + this.x(p.x[2 * i]!), y: r.top + this.y(p.x[2 * i + 1]!) };
  }

  queryPixel(q: readonly number[]): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: r.left + this.x(q[0]!), y: r.top + this.y(q[1]!) };
  }

  draw(): void {
    const app = this.app;
    const box = this.canvas.parentElement!;
    const width = box.clientWidth;
    const side = Math.min(width - 60, 560);
    const height = side + 54;
    const ctx = fitCanvas(this.canvas, width, height);
    const f: Frame = { left: 52, top: 8, width: side, height: side };
    this.frame = f;
    const p = app.points;
    this.x = linearScale(p.domain[0], p.domain[1], f.left, f.left + f.width);
    this.y = linearScale(p.domainY[0], p.domainY[1], f.top + f.height, f.top);
    const fit = app.fit;
    if (fit && fit.values.length && app.grid.kind === '2d') {
      this.paintProbabilities(fit.values, fit.classes, app.grid.g, fit.id);
      ctx.save();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(this.image, f.left, f.top, f.width, f.height);
      ctx.restore();
    }
    drawAxes(ctx, f, this.x, this.y, {
      xTicks: niceTicks(p.domain[0], p.domain[1], 6),
      yTicks: niceTicks(p.domainY[0], p.domainY[1], 6),
      xTitle: p.xName,
      yTitle: p.yName,
      grid: false,
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.width, f.height);
    ctx.clip();
    const hover = app.hover && app.hover.version === app.version && app.hoverQuery ? app.hover : null;
    this.drawn = drawnIndices(pointCount(p));
    let wMax = 0;
    if (hover) for (const w of hover.weights) if (Math.abs(w) > wMax) wMax = Math.abs(w);
    const small = this.drawn.length > 1500;
    for (const i of this.drawn) {
      const px = this.x(p.x[2 * i]!);
      const py = this.y(p.x[2 * i + 1]!);
      ctx.fillStyle = COLORS.classes[p.labels![i]! % COLORS.classes.length]!;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(px, py, small ? 2 : 4, 0, 2 * Math.PI);
      ctx.fill();
      if (!small) ctx.stroke();
      if (hover && wMax > 0) {
        const w = Math.abs(hover.weights[i]!) / wMax;
        if (w > 0.002) {
          ctx.strokeStyle = `rgba(20,20,20,${0.3 + 0.7 * w})`;
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.arc(px, py, 5 + 12 * Math.sqrt(w), 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
    }
    if (hover) {
      const qx = this.x(hover.q[0]!);
      const qy = this.y(hover.q[1]!);
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(qx - 8, qy); ctx.lineTo(qx + 8, qy);
      ctx.moveTo(qx, qy - 8); ctx.lineTo(qx, qy + 8);
      ctx.stroke();
    }
    ctx.restore();
    if (pointCount(p) > this.drawn.length) {
      ctx.font = FONT_SMALL;
      ctx.fillStyle = '#333';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(`drawing ${this.drawn.length.toLocaleString('en')} of ${pointCount(p).toLocaleString('en')} points`, f.left + f.width - 6, f.top + 4);
    }
  }

  /** g × g pixels: white mixed with each class's colour by its probability (grey where undefined). */
  private paintProbabilities(values: Float64Array, classes: readonly number[], g: number, key: number): void {
    if (this.imageKey === key && this.image.width === g) return;
    this.imageKey = key;
    this.image.width = g;
    this.image.height = g;
    const ctx = this.image.getContext('2d')!;
    const img = ctx.createImageData(g, g);
    const C = classes.length;
    const colours = classes.map((c) => rgb(COLORS.classes[c % COLORS.classes.length]!));
    for (let r = 0; r < g; r++) {
      for (let c = 0; c < g; c++) {
        const cell = r * g + c;
        // grid row r is y0 + …: the image's row 0 is the top, so flip
        const o = ((g - 1 - r) * g + c) * 4;
        let R = 0, G = 0, B = 0, ok = true;
        for (let k = 0; k < C; k++) {
          const pk = values[cell * C + k]!;
          if (!Number.isFinite(pk)) { ok = false; break; }
          const w = Math.max(0, Math.min(1, pk));
          R += w * colours[k]![0]; G += w * colours[k]![1]; B += w * colours[k]![2];
        }
        const a = 0.5;
        img.data[o] = ok ? 255 * (1 - a) + R * a : 225;
        img.data[o + 1] = ok ? 255 * (1 - a) + G * a : 225;
        img.data[o + 2] = ok ? 255 * (1 - a) + B * a : 225;
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }
}

/**
 * Canvas drawing for the live panels: crisp canvases on any pixel ratio, linear and log scales, nice
 * ticks, and axes. The panels redraw whole frames (a few thousand marks), which is cheaper than keeping
 * an SVG tree in sync while the width is dragged.
 */

export interface Frame {
  /** The plot area inside the canvas, in CSS pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Scale {
  (v: number): number;
  invert(px: number): number;
  readonly domain: readonly [number, number];
  readonly log: boolean;
}

export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const s = ((v: number) => r0 + (v - d0) * k) as Scale;
  Object.assign(s, { invert: (px: number) => (k === 0 ? d0 : d0 + (px - r0) / k), domain: [d0, d1] as const, log: false });
  return s;
}

export function logScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const l0 = Math.log(d0);
  const l1 = Math.log(d1);
  const k = (r1 - r0) / (l1 - l0);
  const s = ((v: number) => r0 + (Math.log(v) - l0) * k) as Scale;
  Object.assign(s, { invert: (px: number) => Math.exp(l0 + (px - r0) / k), domain: [d0, d1] as const, log: true });
  return s;
}

/** About `count` round ticks in [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Ticks 1, 2, 5 × 10^k inside [lo, hi] (fewer when the range is wide). */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  const decades = Math.log10(hi / lo);
  const mults = decades > 4 ? [1] : decades > 2 ? [1, 3] : [1, 2, 5];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mults) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(Number(v.toPrecision(3)));
    }
  }
  return out;
}

export function tickLabel(v: number): string {
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(0) : String(Number(v.toPrecision(4)));
  return s.replace('-', '−');
}

/** Sizes a canvas to its box on the page (CSS pixels) at the device's pixel ratio. */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
export const FONT_SMALL = '11px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

export interface AxisOptions {
  readonly xTicks: readonly number[];
  readonly yTicks: readonly number[];
  readonly xTitle: string;
  readonly yTitle: string;
  readonly grid?: boolean;
  readonly xLabel?: (v: number) => string;
  readonly yLabel?: (v: number) => string;
}

/** Frame, ticks, tick labels, grid lines and axis titles. */
export function drawAxes(ctx: CanvasRenderingContext2D, f: Frame, x: Scale, y: Scale, o: AxisOptions): void {
  ctx.save();
  ctx.font = FONT_SMALL;
  ctx.fillStyle = '#444';
  ctx.strokeStyle = '#e6e6e6';
  ctx.lineWidth = 1;
  const xl = o.xLabel ?? tickLabel;
  const yl = o.yLabel ?? tickLabel;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of o.xTicks) {
    const px = Math.round(x(t)) + 0.5;
    if (px < f.left - 1 || px > f.left + f.width + 1) continue;
    if (o.grid !== false) { ctx.beginPath(); ctx.moveTo(px, f.top); ctx.lineTo(px, f.top + f.height); ctx.stroke(); }
    ctx.fillText(xl(t), px, f.top + f.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of o.yTicks) {
    const py = Math.round(y(t)) + 0.5;
    if (py < f.top - 1 || py > f.top + f.height + 1) continue;
    if (o.grid !== false) { ctx.beginPath(); ctx.moveTo(f.left, py); ctx.lineTo(f.left + f.width, py); ctx.stroke(); }
    ctx.fillText(yl(t), f.left - 5, py);
  }
  ctx.strokeStyle = '#999';
  ctx.strokeRect(f.left + 0.5, f.top + 0.5, f.width - 1, f.height - 1);
  ctx.font = FONT;
  ctx.fillStyle = '#222';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(o.xTitle, f.left + f.width / 2, f.top + f.height + 34, f.width);
  ctx.save();
  ctx.translate(f.left - 38, f.top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'bottom';
  ctx.fillText(o.yTitle, 0, 0, f.height);
  ctx.restore();
  ctx.restore();
}

/** A polyline through (xs[i], ys[i]), broken where a value is not finite. */
export function drawLine(ctx: CanvasRenderingContext2D, xs: ArrayLike<number>, ys: ArrayLike<number>, x: Scale, y: Scale): void {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]!;
    if (!Number.isFinite(v)) { pen = false; continue; }
    const px = x(xs[i]!);
    const py = y(v);
    if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
}

/** Sequential colour for t in [0, 1]: white → dark red (as the chapter's heatmaps). */
export function reds(t: number): [number, number, number] {
  const stops: [number, number, number][] = [[255, 245, 240], [252, 187, 161], [251, 106, 74], [203, 24, 29], [103, 0, 13]];
  const u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export const COLORS = {
  estimate: '#1f77b4',
  truth: '#c2185b',
  data: '#ff7f0e',
  hover: '#d62728',
  bump: 'rgba(31, 119, 180, 0.5)',
  classes: ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'],
} as const;

/** '#rrggbb' → [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

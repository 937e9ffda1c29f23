/**
 * Editing the data on a plot: add, move and remove points, and the pointer gestures that do it (click on
 * empty space adds, drag moves, shift-click removes). At large n only a sample of the points is drawn
 * (and can be picked), so a frame stays a few thousand marks.
 */
import type { Points } from './datasets.js';
import { pointCount } from './datasets.js';

export const MAX_DRAWN = 4000;
const MIN_POINTS = 3;

/** Indices of the points drawn: all of them, or an even stride through them. */
export function drawnIndices(n: number): Int32Array {
  if (n <= MAX_DRAWN) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: MAX_DRAWN }, (_, k) => Math.floor(((k + 0.5) * n) / MAX_DRAWN));
}

export function addPoint(p: Points, coords: readonly number[], value: number): void {
  const n = pointCount(p);
  const x = new Float64Array(p.x.length + p.d);
  x.set(p.x);
  x.set(coords.slice(0, p.d), n * p.d);
  p.x = x;
  if (p.y) {
    const y = new Float64Array(n + 1);
    y.set(p.y);
    y[n] = value;
    p.y = y;
  }
  if (p.labels) {
    const l = new Int32Array(n + 1);
    l.set(p.labels);
    l[n] = value;
    p.labels = l;
  }
}

/** Removes point i; refuses (returns false) below MIN_POINTS points. */
export function removePoint(p: Points, i: number): boolean {
  const n = pointCount(p);
  if (n <= MIN_POINTS) return false;
  const keep = (a: Float64Array | Int32Array, w: number) => {
    const out = new (a.constructor as { new (n: number): Float64Array | Int32Array })(a.length - w);
    out.set(a.subarray(0, i * w));
    out.set(a.subarray((i + 1) * w), i * w);
    return out;
  };
  p.x = keep(p.x, p.d) as Float64Array;
  if (p.y) p.y = keep(p.y, 1) as Float64Array;
  if (p.labels) p.labels = keep(p.labels, 1) as Int32Array;
  return true;
}

export function movePoint(p: Points, i: number, coords: readonly number[], value?: number): void {
  for (let c = 0; c < p.d; c++) p.x[i * p.d + c] = coords[c]!;
  if (p.y && value !== undefined) p.y[i] = value;
}

export interface Gesture {
  /** Whether this panel owns the canvas now (two panels share it: 1-D and 2-D). */
  active(): boolean;
  /** The point under the pointer (within a few pixels), or −1. */
  pick(px: number, py: number): number;
  /** Data coordinates of a pixel: the key's coordinates and the value (regression y, or the class to add). */
  toData(px: number, py: number): { coords: number[]; value: number };
  onEdit(edit: (p: Points) => void, message?: string): void;
  onRefused(message: string): void;
}

/** Pointer handling shared by the fit and class panels: returns true when the event was an edit. */
export function attachEditing(canvas: HTMLCanvasElement, g: Gesture): { dragging: () => boolean } {
  let drag: { index: number; id: number } | null = null;
  let pendingAdd: { x: number; y: number; id: number } | null = null;
  const local = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !g.active()) return;
    const [px, py] = local(e);
    const hit = g.pick(px, py);
    if (hit >= 0 && e.shiftKey) {
      g.onEdit((p) => {
        if (!removePoint(p, hit)) g.onRefused('keep at least 3 points');
      });
      e.preventDefault();
      return;
    }
    if (hit >= 0) {
      drag = { index: hit, id: e.pointerId };
      canvas.setPointerCapture(e.pointerId);
      canvas.style.cursor = 'grabbing';
      e.preventDefault();
      return;
    }
    if (!e.shiftKey) pendingAdd = { x: px, y: py, id: e.pointerId };
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!g.active()) return;
    if (drag && e.pointerId === drag.id) {
      const [px, py] = local(e);
      const { coords, value } = g.toData(px, py);
      const i = drag.index;
      g.onEdit((p) => movePoint(p, i, coords, value));
    } else if (pendingAdd && e.pointerId === pendingAdd.id) {
      const [px, py] = local(e);
      if (Math.hypot(px - pendingAdd.x, py - pendingAdd.y) > 6) pendingAdd = null;
    } else if (!e.buttons) {
      const [px, py] = local(e);
      canvas.style.cursor = g.pick(px, py) >= 0 ? (e.shiftKey ? 'not-allowed' : 'grab') : 'crosshair';
    }
  });
  const end = (e: PointerEvent) => {
    if (!g.active()) { drag = null; pendingAdd = null; return; }
    if (drag && e.pointerId === drag.id) {
      drag = null;
      canvas.style.cursor = 'grab';
      return;
    }
    if (pendingAdd && e.pointerId === pendingAdd.id && e.type === 'pointerup') {
      const { coords, value } = g.toData(pendingAdd.x, pendingAdd.y);
      g.onEdit((p) => addPoint(p, coords, value));
    }
    pendingAdd = null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return { dragging: () => drag !== null };
}

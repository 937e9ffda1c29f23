/**
 * The page's store: the view state (kernel, widths, seed, n, mode — mirrored in the URL), the data, and
 * the workers' latest answers. Every change goes through a method here, which asks the workers and
 * schedules one redraw per frame.
 */
import { bandwidthRules, getKernel, kernelStandardDeviation, ruleOfThumb } from '../../src/index.js';
import type { BandwidthRule } from '../../src/index.js';
import { MathClient, SelectClient } from './clients.js';
import { chapterPoints, gridFor, pointCount, threeClassPoints } from './datasets.js';
import type { Points } from './datasets.js';
import type { DataSet, FitResult, Grid, HeatResult, HoverResult, Mode, Model, SelectResult } from './protocol.js';
import { formatState } from './state.js';
import type { ViewState } from './state.js';

export interface RuleMark { readonly rule: BandwidthRule; readonly width: number }

export class App {
  state: ViewState;
  points: Points;
  version = 0;
  grid: Grid;
  fit: FitResult | null = null;
  heat: HeatResult | null = null;
  hover: HoverResult | null = null;
  /** The query being inspected (from the fit panel, a heatmap row or the keyboard), and where from. */
  hoverQuery: number[] | null = null;
  hoverFrom: 'fit' | 'heat' | null = null;
  /** The heatmap cell under the pointer. */
  hoverCell: { row: number; col: number } | null = null;
  selection: SelectResult | null = null;
  selectionError: string | null = null;
  computeError: string | null = null;
  hoverError: string | null = null;
  /** The last id whose answer (or error) has come back. */
  private settledId = -1;
  /** Slider steps: when the first unanswered input came, and the measured durations (ms). */
  private stepStart: number | null = null;
  private stepPending = false;
  readonly stepTimes: number[] = [];
  /** Extra URL parameters to keep (a data file given on the command line). */
  urlExtra: Record<string, string> = {};
  readonly math: MathClient;
  readonly selector: SelectClient;
  private readonly listeners = new Set<() => void>();
  private frame = 0;
  private urlTimer: ReturnType<typeof setTimeout> | null = null;
  private rulesCache: { version: number; kernel: string; marks: RuleMark[][] } | null = null;
  private dataSetCache: DataSet | null = null;

  constructor(state: ViewState) {
    this.state = state;
    this.points = this.generated(state.mode);
    this.grid = gridFor(this.points, state.mode);
    this.math = new MathClient(() => ({ data: this.dataSet(), model: this.model() }), () => this.hoverQuery, {
      fit: (r) => this.onFit(r),
      heat: (r) => { this.heat = r; this.invalidate(); },
      hover: (r) => { this.hover = r; this.hoverError = null; this.invalidate(); },
      error: (channel, message) => {
        if (channel === 'compute') { this.computeError = message; this.settledId = this.version; this.stepPending = false; } else this.hoverError = message;
        this.invalidate();
      },
    });
    this.selector = new SelectClient((r) => { this.selection = r; this.selectionError = null; this.invalidate(); },
      (m) => { this.selection = null; this.selectionError = m; this.invalidate(); });
  }

  /** Generated data for a mode: the chapter's (1-D) or three classes (2-D), at the state's seed and n. */
  generated(mode: Mode): Points {
    return mode === 'classification' ? threeClassPoints(this.state.seed, this.state.n) : chapterPoints(this.state.seed, this.state.n);
  }

  get d(): 1 | 2 { return this.points.d; }

  model(): Model {
    return { kernel: this.state.kernel, adaptive: this.state.adaptive, width: this.state.width ?? this.defaultWidth() };
  }

  dataSet(): DataSet {
    if (this.dataSetCache && this.dataSetCache.version === this.version && this.dataSetCache.mode === this.state.mode) return this.dataSetCache;
    const p = this.points;
    this.dataSetCache = {
      version: this.version, mode: this.state.mode, d: p.d, x: p.x,
      y: this.state.mode === 'regression' ? p.y : null,
      labels: this.state.mode === 'classification' ? p.labels : null, grid: this.grid,
    };
    return this.dataSetCache;
  }

  onChange(listener: () => void): void { this.listeners.add(listener); }

  /** Redraw once, at the next frame. */
  invalidate(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const l of this.listeners) l();
      if (this.stepStart !== null && !this.stepPending) {
        // the estimate for the newest width is on the screen: one slider step, input to pixels
        performance.mark('nadaraya:width-step-end');
        const m = performance.measure('nadaraya:width-step', { start: this.stepStart, end: performance.now() });
        this.stepTimes.push(m.duration);
        this.stepStart = null;
      }
    });
  }

  // ---- actions ----

  setWidth(width: number[], fromSlider = false): void {
    if (fromSlider && this.stepStart === null) {
      performance.mark('nadaraya:width-step-start');
      this.stepStart = performance.now();
    }
    if (fromSlider) this.stepPending = true;
    this.state.width = width;
    this.recompute(false);
  }

  setKernel(kernel: string): void {
    this.state.kernel = kernel;
    this.rulesCache = null;
    this.recompute(true);
  }

  setAdaptive(on: boolean): void {
    this.state.adaptive = on;
    this.recompute(true);
  }

  setMode(mode: Mode, points?: Points): void {
    const oldD = this.points.d;
    this.state.mode = mode;
    const next = points ?? this.generated(mode);
    this.replacePoints(next, next.d !== oldD);
  }

  /** Regenerates the seeded data (a new seed or n). */
  regenerate(): void {
    this.replacePoints(this.generated(this.state.mode), false);
  }

  /** New data: a new version, grid and default width when the dimension changed. */
  replacePoints(points: Points, resetWidth: boolean): void {
    this.points = points;
    this.version++;
    this.grid = gridFor(points, this.state.mode);
    this.rulesCache = null;
    if (resetWidth || !this.state.width || this.state.width.length !== points.d) this.state.width = null;
    if (!this.state.width) this.state.width = this.defaultWidth();
    this.heat = null;
    this.hover = null;
    this.hoverQuery = null;
    this.hoverCell = null;
    this.fit = null;
    this.selection = null;
    this.recompute(true);
  }

  /** Points were added, moved or removed on the plot (the grid and the axes stay). */
  editPoints(edit: (p: Points) => void): void {
    edit(this.points);
    this.points.source = 'edited';
    this.version++;
    this.rulesCache = null;
    this.recompute(true);
  }

  setHoverQuery(q: number[] | null, from: 'fit' | 'heat' | null): void {
    this.hoverQuery = q;
    this.hoverFrom = q ? from : null;
    if (!q) { this.hover = null; this.hoverError = null; this.invalidate(); return; }
    this.math.hover();
    this.invalidate();
  }

  setHoverCell(cell: { row: number; col: number } | null): void {
    this.hoverCell = cell;
    this.invalidate();
  }

  private recompute(selection: boolean): void {
    this.computeError = null;
    this.math.compute();
    if (this.hoverQuery) this.math.hover();
    if (selection) this.requestSelection();
    this.scheduleUrl();
    this.invalidate();
  }

  requestSelection(): void {
    this.selection = null;
    this.selectionError = null;
    this.selector.request(() => ({ data: this.dataSet(), kernel: this.state.kernel, adaptive: this.state.adaptive }));
  }

  private onFit(r: FitResult): void {
    this.fit = r;
    this.settledId = r.version;
    this.computeError = null;
    if (!this.math.busy) this.stepPending = false;
    this.invalidate();
  }

  private scheduleUrl(): void {
    if (this.urlTimer) clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      this.urlTimer = null;
      history.replaceState(null, '', formatState(this.state, this.urlExtra) + location.hash);
    }, 120);
  }

  /** Flushes a pending URL update (tests read the URL right after a change). */
  flushUrl(): void {
    if (!this.urlTimer) return;
    clearTimeout(this.urlTimer);
    this.urlTimer = null;
    history.replaceState(null, '', formatState(this.state, this.urlExtra) + location.hash);
  }

  // ---- derived ----

  /** One column of the keys. */
  column(c: number): Float64Array {
    const p = this.points;
    if (p.d === 1) return p.x;
    return Float64Array.from({ length: pointCount(p) }, (_, i) => p.x[2 * i + c]!);
  }

  /** The kernel's SD in units of its raw width (1 for the Gaussian); NaN when it has none to match. */
  kernelSdFactor(): number {
    const sd = kernelStandardDeviation(getKernel(this.state.kernel));
    return sd > 0 && Number.isFinite(sd) ? sd : NaN;
  }

  /** The rules of thumb as raw widths of the current kernel, per coordinate (empty when they do not apply). */
  ruleMarks(): RuleMark[][] {
    if (this.rulesCache && this.rulesCache.version === this.version && this.rulesCache.kernel === this.state.kernel) return this.rulesCache.marks;
    const sd = this.kernelSdFactor();
    const marks: RuleMark[][] = [];
    for (let c = 0; c < this.d; c++) {
      const col = this.column(c);
      const list: RuleMark[] = [];
      if (!Number.isNaN(sd)) {
        for (const rule of bandwidthRules) {
          try { list.push({ rule, width: ruleOfThumb(col, rule, this.d, c) / sd }); } catch { /* constant or tiny data: no mark */ }
        }
      }
      marks.push(list);
    }
    this.rulesCache = { version: this.version, kernel: this.state.kernel, marks };
    return marks;
  }

  /** The normal-reference width of the kernel (Gaussian-SD matched), or a tenth of the range when no rule applies. */
  defaultWidth(): number[] {
    const out: number[] = [];
    const sd = this.kernelSdFactor();
    for (let c = 0; c < this.d; c++) {
      let h: number;
      try { h = ruleOfThumb(this.column(c), 'normal-reference', this.d, c) / (Number.isNaN(sd) ? 1 : sd); } catch { h = NaN; }
      const [lo, hi] = c === 0 ? this.points.domain : this.points.domainY;
      out.push(Number.isFinite(h) && h > 0 ? h : (hi - lo) / 10);
    }
    return out;
  }

  /** The slider's range for a coordinate: from 1/1000 of the shown range to twice it (log scale); fixed per data. */
  widthRange(c: number): [number, number] {
    const [lo, hi] = c === 0 ? this.points.domain : this.points.domainY;
    const r = hi - lo;
    return [r / 1000, 2 * r];
  }

  /** True when every answer for the current state is in: the estimate, the heatmap (1-D), the hover and the selection. */
  get idle(): boolean {
    if (this.math.busy || this.selector.busy) return false;
    if (this.computeError) return true;
    const f = this.fit;
    if (!f || f.version !== this.version || this.settledId !== this.version) return false;
    const m = this.model();
    if (f.model.kernel !== m.kernel || f.model.adaptive !== m.adaptive || f.model.width.some((w, i) => w !== m.width[i])) return false;
    if (this.d === 1 && (!this.heat || this.heat.id !== f.id)) return false;
    if (this.hoverQuery && !this.hoverError && (!this.hover || this.hover.version !== this.version || this.hover.q.some((v, i) => v !== this.hoverQuery![i]))) return false;
    return true;
  }
}

/**
 * The explorer page: reads the view from the URL, starts the workers, draws the panels once per frame,
 * and exposes its state on `window.__nadaraya` (read by the browser tests, handy in the console).
 */
import { App } from './app.js';
import { ClassPanel } from './class-panel.js';
import { Controls } from './controls.js';
import { pointCount } from './datasets.js';
import { byId, el, fmt, setChildren, setText } from './dom.js';
import { COLORS } from './draw.js';
import { FitPanel } from './fit-panel.js';
import { HeatPanel } from './heat-panel.js';
import { renderInfo } from './info-panel.js';
import { LooPanel } from './loo-panel.js';
import { parseState } from './state.js';
import { Upload } from './upload.js';

const { state, ignored } = parseState(location.search);
const app = new App(state);
const fitStatus = byId('fit-status');
const upload = new Upload(app, byId('upload'), () => {});
const controls = new Controls(app, upload);
const fitCanvas = byId<HTMLCanvasElement>('fit-canvas');
const fitPanel = new FitPanel(app, fitCanvas, (m) => flash(m));
const classPanel = new ClassPanel(app, fitCanvas, () => Number(byId<HTMLSelectElement>('add-class').value || 0), (m) => flash(m));
const heatPanel = new HeatPanel(app, byId<HTMLCanvasElement>('heat-canvas'));
const looPanel = new LooPanel(app, byId<HTMLCanvasElement>('loo-canvas'));
let flashText = '';
let flashTimer: ReturnType<typeof setTimeout> | null = null;
const notices: string[] = [];
if (ignored.length) notices.push(`Ignored bad values in the URL: ${ignored.join(', ')}.`);

function flash(message: string): void {
  flashText = message;
  if (flashTimer) clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { flashText = ''; app.invalidate(); }, 4000);
  app.invalidate();
}

function legend(): string {
  const mode = app.state.mode;
  if (mode === 'classification') return 'background: p(class | q) mixed by colour · rings: the hovered query’s weights · classes:';
  if (mode === 'density') return 'blue: f̂ (Parzen) · light blue: kernel bumps, one per key · orange rug: keys (red: weight for the hovered query)';
  return `blue: ŷ · ${app.points.truth ? 'pink dashed: true f · ' : ''}orange: training points (red, sized by weight, for the hovered query)`;
}

let drawMs = 0;

function draw(): void {
  const t0 = performance.now();
  drawPanels();
  drawMs = performance.now() - t0;
}

function drawPanels(): void {
  controls.sync();
  const mode = app.state.mode;
  setText(byId('fit-h'), mode === 'regression' ? 'Fit: Nadaraya–Watson regression' : mode === 'density' ? 'Parzen window density' : 'Classification: p(class | q)');
  const fitLegend = byId('fit-legend');
  if (mode === 'classification') {
    const names = app.points.classNames;
    const key = `${names.join('\u0000')}`;
    if (fitLegend.dataset.key !== key) {
      fitLegend.dataset.key = key;
      setChildren(fitLegend, [legend(), ...names.flatMap((name, c) => {
        const dot = el('span', { className: 'dot' });
        dot.style.background = COLORS.classes[c % COLORS.classes.length]!;
        return [dot, name];
      })]);
    }
  } else {
    fitLegend.dataset.key = '';
    setText(fitLegend, legend());
  }
  if (app.d === 2) classPanel.draw(); else fitPanel.draw();
  if (app.d === 1) heatPanel.draw();
  looPanel.draw();
  renderInfo(app, byId('info'));
  const status: string[] = [...notices];
  let cls = 'status';
  if (app.computeError) { status.push(app.computeError); cls = 'status error'; } else if (app.fit?.warnings.length) { status.push(...app.fit.warnings); cls = 'status warn'; }
  if (flashText) status.push(flashText);
  fitStatus.className = cls;
  setText(fitStatus, status.join(' '));
  const sel = app.selection;
  const loo = byId('loo-status');
  loo.className = app.selectionError ? 'status error' : 'status';
  setText(loo, app.selectionError ? app.selectionError
    : sel ? `${sel.method}: optimum h* = ${sel.optimum.map((v) => fmt(v, 4)).join(', ')}, ${sel.objective} ${fmt(sel.optimumValue, 4)}; ${sel.widths.length} widths on ${sel.nUsed.toLocaleString('en')} points${sel.nUsed < sel.n ? ` (a seeded sample; carried to n = ${sel.n.toLocaleString('en')} by n^(−1/${app.d + 4}): ${sel.jumpTo.map((v) => fmt(v, 4)).join(', ')})` : ''}, ${Math.round(sel.ms)} ms.`
      : app.selector.busy ? 'running the selector in its worker…' : '');
  setText(byId('loo-legend'), sel
    ? `blue: ${sel.objective}${sel.inSample ? ' · red dashed: in-sample MSE (falls as h → 0)' : ''} · green: optimum${sel.nUsed < sel.n ? ' (tick: carried to n)' : ''} · black: the width in use · click to set the width`
    : '');
  setText(byId('heat-legend'), app.heat && app.fit && app.heat.id === app.fit.id
    ? `${app.heat.rows} queries × ${app.heat.order.length.toLocaleString('en')} keys${app.heat.cols < app.heat.order.length ? ` in ${app.heat.cols} bins` : ''}; each row sums to 1` : '');
}

app.onChange(draw);
new ResizeObserver(() => app.invalidate()).observe(document.querySelector('.layout')!);

// nothing the user does should leave the page blank: report, and keep going
window.addEventListener('error', (e) => flash(`Unexpected error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => flash(`Unexpected error: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));

// a data file given on the command line (nadaraya explore --data FILE)
const dataUrl = new URLSearchParams(location.search).get('data');
if (dataUrl && /^data\/[^/]+$/.test(dataUrl)) {
  app.urlExtra = { data: dataUrl };
  void fetch(dataUrl).then(async (r) => {
    if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
    const blob = await r.blob();
    await upload.load(new File([blob], decodeURIComponent(dataUrl.slice(5))));
    if (upload.status.state === 'picking') upload.apply();
  }).catch((e) => flash(`Could not load ${dataUrl}: ${e instanceof Error ? e.message : String(e)}`));
}

app.state.width ??= app.defaultWidth();
app.replacePoints(app.points, false);

/** The page's state, for tests and the console. Arrays are copies. */
const api = {
  get mode() { return app.state.mode; },
  get kernel() { return app.state.kernel; },
  get width() { return [...app.model().width]; },
  get seed() { return app.state.seed; },
  get n() { return pointCount(app.points); },
  get adaptive() { return app.state.adaptive; },
  get source() { return app.points.source; },
  get idle() { return app.idle; },
  get queries() { return app.fit ? Array.from(app.fit.queries) : []; },
  /** ŷ (regression), f̂ (density) or class probabilities (m × C) on the query grid. */
  get yHat() { return app.fit ? Array.from(app.fit.values) : []; },
  get fitWidth() { return app.fit ? [...app.fit.model.width] : []; },
  get nEff() { return app.fit?.nEff ? Array.from(app.fit.nEff) : []; },
  get classes() { return app.fit ? [...app.fit.classes] : []; },
  get hover() {
    const h = app.hover;
    if (!h || !app.hoverQuery) return null;
    return { q: [...h.q], estimate: [...h.estimate], nEff: h.nEff, maxWeight: h.maxWeight, weights: Array.from(h.weights), top: { index: [...h.top.index], weight: [...h.top.weight] } };
  },
  get hoverCell() { return app.hoverCell ? { ...app.hoverCell } : null; },
  get heat() { return app.heat ? { rows: app.heat.rows, cols: app.heat.cols, keys: app.heat.order.length } : null; },
  get selection() { return app.selection ? { optimum: [...app.selection.optimum], jumpTo: [...app.selection.jumpTo], method: app.selection.method, nUsed: app.selection.nUsed } : null; },
  get errors() { return [app.computeError, app.hoverError, app.selectionError].filter((e): e is string => !!e); },
  get stepTimes() { return [...app.stepTimes]; },
  /** The last redraw of every panel (ms), and the worker's time for the last estimate (ms). */
  get drawMs() { return drawMs; },
  get fitMs() { return app.fit?.ms ?? NaN; },
  /** Which backend computed the last estimate, as the library describes it ("workers: 2 threads …"). */
  get backend() { return app.fit?.backend ?? ''; },
  /** Whether the page may share memory with its workers (the workers backend needs it). */
  get isolated() { return globalThis.crossOriginIsolated === true; },
  get upload() { return { ...upload.status }; },
  get lastSpec() { return controls.lastSpec; },
  data() {
    const p = app.points;
    return { x: Array.from(p.x), y: p.y ? Array.from(p.y) : null, labels: p.labels ? Array.from(p.labels) : null, classNames: [...p.classNames], xName: p.xName, yName: p.yName };
  },
  /** Client coordinates of training point i, and of a query on the main plot. */
  pointPixel(i: number) { return app.d === 1 ? fitPanel.pixelOf(i) : classPanel.pixelOf(i); },
  queryPixel(q: number[]) { return app.d === 1 ? fitPanel.queryPixel(q[0]!) : classPanel.queryPixel(q); },
  cellPixel(row: number, col: number) { return heatPanel.cellPixel(row, col); },
  flushUrl() { app.flushUrl(); return location.search; },
};
(window as unknown as { __nadaraya: typeof api }).__nadaraya = api;

/**
 * The sidebar: mode, data (seed, new noise, n, file), kernel, width sliders (log scale, with the rules of
 * thumb and the leave-one-out optimum marked), local widths, and the figure buttons. Every control is a
 * labelled form element, so the page works from the keyboard; `sync` puts the state back into them.
 */
import { getKernel, kernelNames } from '../../src/index.js';
import type { App } from './app.js';
import { pointCount } from './datasets.js';
import { byId, el, fmt, setChildren, setText } from './dom.js';
import { COLORS, fitCanvas, linearScale } from './draw.js';
import { buildSpec, downloadFigure, figureKinds } from './figures.js';
import type { FigureKind } from './figures.js';
import type { Mode } from './protocol.js';
import { N_MAX, N_MIN } from './state.js';
import type { Upload } from './upload.js';

const STEPS = 1000;

/** Display names; the chapter's "Epanechikov" is the triangular kernel. */
export const KERNEL_LABELS: Record<string, string> = {
  gaussian: 'Gaussian',
  boxcar: 'Boxcar',
  constant: 'Constant',
  triangular: 'Triangular — the chapter’s “Epanechikov”',
  epanechnikov: 'Epanechnikov (1 − u²)',
  biweight: 'Biweight (quartic)',
  triweight: 'Triweight',
  tricube: 'Tricube',
  cosine: 'Cosine',
  logistic: 'Logistic',
  sigmoid: 'Sigmoid',
  exponential: 'Exponential (Laplace)',
  silverman: 'Silverman (fourth order, can be negative)',
};

const nToPos = (n: number) => Math.round(100 * (Math.log10(n) - 1));
const posToN = (p: number) => Math.round(10 ** (1 + p / 100));

export class Controls {
  private widthInputs: { range: HTMLInputElement; number: HTMLInputElement; marks: HTMLElement; out: HTMLElement }[] = [];
  private widthDims = 0;
  lastSpec: unknown = null;

  constructor(private readonly app: App, private readonly upload: Upload) {
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
      input.addEventListener('change', () => { if (input.checked) this.changeMode(input.value as Mode); });
    }
    const seed = byId<HTMLInputElement>('seed');
    seed.addEventListener('change', () => {
      const v = Number(seed.value);
      if (Number.isInteger(v) && v >= 0 && v <= 0xffffffff) { app.state.seed = v; app.regenerate(); } else seed.value = String(app.state.seed);
    });
    byId('new-noise').addEventListener('click', () => {
      app.state.seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
      app.regenerate();
    });
    const n = byId<HTMLInputElement>('n-slider');
    n.addEventListener('input', () => { setText(byId('n-out'), posToN(Number(n.value)).toLocaleString('en')); });
    n.addEventListener('change', () => {
      app.state.n = Math.min(N_MAX, Math.max(N_MIN, posToN(Number(n.value))));
      app.regenerate();
    });
    const kernel = byId<HTMLSelectElement>('kernel');
    for (const name of kernelNames) kernel.append(el('option', { value: name, text: KERNEL_LABELS[name] ?? name }));
    kernel.addEventListener('change', () => app.setKernel(kernel.value));
    const adaptive = byId<HTMLInputElement>('adaptive');
    adaptive.addEventListener('change', () => app.setAdaptive(adaptive.checked));
    byId('jump').addEventListener('click', () => {
      if (app.selection) app.setWidth([...app.selection.jumpTo]);
    });
    byId<HTMLInputElement>('file').addEventListener('change', (e) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) void upload.load(f);
    });
    byId('chapter-data').addEventListener('click', () => {
      upload.table = null;
      setChildren(byId('upload'), []);
      byId<HTMLInputElement>('file').value = '';
      app.setMode(app.state.mode);
    });
    byId('download-svg').addEventListener('click', () => void this.download('svg'));
    byId('download-png').addEventListener('click', () => void this.download('png'));
    byId('copy-spec').addEventListener('click', () => void this.copySpec());
  }

  private changeMode(mode: Mode): void {
    // the constant kernel has no density (its integral is infinite): a density starts from the Gaussian
    if (mode === 'density' && this.app.state.kernel === 'constant') this.app.state.kernel = 'gaussian';
    if (this.app.points.source === 'file' && this.upload.table) {
      this.app.state.mode = mode;
      if (this.upload.reapply()) return;
    }
    this.app.setMode(mode);
  }

  private figureKind(): FigureKind {
    return byId<HTMLSelectElement>('figure-kind').value as FigureKind;
  }

  private status(text: string): void {
    setText(byId('figure-status'), text);
  }

  private async download(format: 'svg' | 'png'): Promise<void> {
    try {
      const kind = this.figureKind();
      const spec = buildSpec(this.app, kind);
      this.lastSpec = spec;
      this.status(`rendering ${format.toUpperCase()}…`);
      await downloadFigure(spec, format, `nadaraya-${this.app.state.mode}-${kind}`);
      this.status(`${format.toUpperCase()} downloaded.`);
    } catch (e) {
      this.status(`Could not make the figure: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async copySpec(): Promise<void> {
    const area = byId<HTMLTextAreaElement>('spec-text');
    try {
      const spec = buildSpec(this.app, this.figureKind());
      this.lastSpec = spec;
      const text = JSON.stringify(spec, null, 2);
      try {
        await navigator.clipboard.writeText(text);
        area.hidden = true;
        this.status('Vega-Lite spec copied to the clipboard.');
      } catch {
        // no clipboard permission (an insecure origin, a headless browser): show it to copy by hand
        area.value = text;
        area.hidden = false;
        area.select();
        this.status('The clipboard is not available here: the spec is selected below, press Ctrl+C.');
      }
    } catch (e) {
      this.status(`Could not make the spec: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Rebuilds the width sliders when the number of widths changes. */
  private buildWidthSliders(d: number): void {
    const root = byId('width-sliders');
    this.widthInputs = [];
    const blocks = Array.from({ length: d }, (_, c) => {
      const axis = d === 1 ? '' : c === 0 ? ' on x₁' : ' on x₂';
      const range = el('input', { type: 'range', id: `width-${c}`, min: 0, max: STEPS, step: 1, 'aria-label': `width h${axis} (log scale)` });
      const number = el('input', { type: 'number', id: `width-${c}-number`, min: 0, step: 'any', 'aria-label': `width h${axis}, exact value` });
      const out = el('span', { className: 'hint' });
      const marks = el('div', { className: 'marks', 'aria-hidden': 'true' });
      range.addEventListener('input', () => {
        const w = this.widthsNow();
        w[c] = this.posToWidth(c, Number(range.value));
        this.app.setWidth(w, true);
      });
      number.addEventListener('change', () => {
        const v = Number(number.value);
        if (v > 0 && Number.isFinite(v)) {
          const w = this.widthsNow();
          w[c] = v;
          this.app.setWidth(w);
        } else number.value = String(this.app.model().width[c]);
      });
      this.widthInputs.push({ range, number, marks, out });
      return el('div', { className: 'width-slider' }, [
        el('div', { className: 'row' }, [el('label', { for: `width-${c}-number`, text: `h${axis}` }), number, out]),
        range,
        marks,
      ]);
    });
    setChildren(root, blocks);
    this.widthDims = d;
  }

  private widthsNow(): number[] {
    return [...this.app.model().width];
  }

  private posToWidth(c: number, pos: number): number {
    const [lo, hi] = this.app.widthRange(c);
    return lo * (hi / lo) ** (pos / STEPS);
  }

  private widthToPos(c: number, w: number): number {
    const [lo, hi] = this.app.widthRange(c);
    return Math.max(0, Math.min(STEPS, Math.round((STEPS * Math.log(w / lo)) / Math.log(hi / lo))));
  }

  /** Puts the state into the controls (cheap; called on every redraw). */
  sync(): void {
    const app = this.app;
    const s = app.state;
    document.body.className = `mode-${s.mode}`;
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) input.checked = input.value === s.mode;
    const seed = byId<HTMLInputElement>('seed');
    if (document.activeElement !== seed) seed.value = String(s.seed);
    const nSlider = byId<HTMLInputElement>('n-slider');
    if (document.activeElement !== nSlider) {
      nSlider.value = String(nToPos(s.n));
      setText(byId('n-out'), s.n.toLocaleString('en'));
    }
    const kernel = byId<HTMLSelectElement>('kernel');
    kernel.value = s.kernel;
    for (const o of kernel.options) {
      const noDensity = s.mode === 'density' && o.value === 'constant';
      if (o.disabled !== noDensity) o.disabled = noDensity;
      setText(o, (KERNEL_LABELS[o.value] ?? o.value) + (noDensity ? ' — not a density' : ''));
    }
    byId<HTMLInputElement>('adaptive').checked = s.adaptive;
    byId<HTMLInputElement>('adaptive').disabled = s.mode === 'classification';
    setText(byId('adaptive-note'), s.mode === 'classification' ? 'local widths: regression and density only'
      : s.adaptive && app.fit?.pilot ? `each key's width is h·λᵢ, λᵢ from a pilot density at h = ${fmt(app.fit.pilot[0]!)}` : '');
    this.syncData();
    this.syncWidths();
    this.syncKernel();
    this.syncFigureKinds();
    const jump = byId<HTMLButtonElement>('jump');
    const sel = app.selection;
    jump.disabled = !sel;
    setText(jump, sel ? `Jump to optimum (h* = ${sel.jumpTo.map((v) => fmt(v)).join(', ')})` : app.selector.busy ? 'Finding the optimum…' : 'Jump to optimum');
  }

  private syncData(): void {
    const app = this.app;
    const p = app.points;
    const n = pointCount(p).toLocaleString('en');
    const captions: Record<string, string> = {
      chapter: `The chapter's data: y = 2 sin(x) + x + ε, ε ~ N(0, 1), x ~ U(0, 5); n = ${n}.`,
      'three-class': `Three classes in the plane; n = ${n}.`,
      file: p.d === 1
        ? `From a file: x = “${p.xName}”${app.state.mode === 'regression' ? `, y = “${p.yName}”` : ''}; n = ${n}.`
        : `From a file: x₁ = “${p.xName}”, x₂ = “${p.yName}”, classes ${p.classNames.map((c) => `“${c}”`).join(', ')}; n = ${n}.`,
      edited: `Edited on the plot: n = ${n} (edits are not in the URL).`,
    };
    setText(byId('data-caption'), captions[p.source] ?? '');
    const generated = p.source === 'chapter' || p.source === 'three-class';
    byId<HTMLButtonElement>('new-noise').disabled = p.source === 'file';
    byId<HTMLInputElement>('seed').disabled = p.source === 'file';
    byId<HTMLInputElement>('n-slider').disabled = p.source === 'file';
    byId('chapter-data').hidden = generated;
    const classRow = byId('class-row');
    classRow.hidden = app.state.mode !== 'classification';
    const pick = byId<HTMLSelectElement>('add-class');
    if (pick.options.length !== p.classNames.length || [...pick.options].some((o, i) => o.textContent !== p.classNames[i])) {
      const keep = pick.value;
      setChildren(pick, p.classNames.map((name, i) => el('option', { value: i, text: name })));
      if (keep && Number(keep) < p.classNames.length) pick.value = keep;
    }
  }

  private syncWidths(): void {
    const app = this.app;
    const d = app.d;
    if (this.widthDims !== d) this.buildWidthSliders(d);
    const width = app.model().width;
    const rules = app.ruleMarks();
    const sel = app.selection;
    this.widthInputs.forEach((w, c) => {
      const h = width[c]!;
      if (document.activeElement !== w.range) w.range.value = String(this.widthToPos(c, h));
      w.range.setAttribute('aria-valuetext', `h = ${fmt(h, 4)}`);
      if (document.activeElement !== w.number) w.number.value = String(Number(h.toPrecision(6)));
      const sd = app.kernelSdFactor();
      setText(w.out, Number.isNaN(sd) ? '' : `kernel SD ${fmt(h * sd)}`);
      const spans = (rules[c] ?? []).map((r) => {
        const s = el('span', { title: `${r.rule}: ${fmt(r.width)}` });
        s.style.left = `${(100 * this.widthToPos(c, r.width)) / STEPS}%`;
        return s;
      });
      if (sel) {
        const o = el('span', { className: 'opt', title: `leave-one-out optimum ${fmt(sel.jumpTo[c]!)}` });
        o.style.left = `${(100 * this.widthToPos(c, sel.jumpTo[c]!)) / STEPS}%`;
        spans.push(o);
      }
      const key = spans.map((s) => s.style.left).join();
      if (w.marks.dataset.key !== key) {
        w.marks.dataset.key = key;
        setChildren(w.marks, spans);
      }
    });
    const rulesRoot = byId('rules');
    const flat = rules.flatMap((list, c) => list.map((r) => ({ ...r, c })));
    const key = `${d}|${flat.map((r) => r.width).join()}`;
    if (rulesRoot.dataset.key === key) return;
    rulesRoot.dataset.key = key;
    if (!flat.length) {
      setChildren(rulesRoot, [el('span', { className: 'label', text: 'Rules of thumb match a standard deviation; this kernel has none to match.' })]);
      return;
    }
    const buttons = (rules[0] ?? []).map((r, k) => {
      const ws = rules.map((list) => list[k]!.width);
      const b = el('button', { type: 'button', text: `${r.rule} ${ws.map((v) => fmt(v)).join(', ')}`, 'aria-label': `Set the width to the ${r.rule} rule of thumb, ${ws.map((v) => fmt(v)).join(', ')}` });
      b.addEventListener('click', () => app.setWidth(ws));
      return b;
    });
    setChildren(rulesRoot, [el('span', { className: 'label', text: 'Rules of thumb (brown ticks; green: leave-one-out):' }), ...buttons]);
  }

  private syncKernel(): void {
    const name = this.app.state.kernel;
    const canvas = byId<HTMLCanvasElement>('kernel-canvas');
    const width = canvas.clientWidth || 260;
    const key = `${name}|${width}|${window.devicePixelRatio}`;
    if (canvas.dataset.key === key) return;
    canvas.dataset.key = key;
    const ctx = fitCanvas(canvas, width, 60);
    const k = getKernel(name);
    const x = linearScale(-3, 3, 4, width - 4);
    const lo = k.signed ? -0.15 : 0;
    const y = linearScale(lo, 1.05, 56, 4);
    ctx.strokeStyle = '#ccc';
    ctx.beginPath();
    ctx.moveTo(4, y(0));
    ctx.lineTo(width - 4, y(0));
    ctx.moveTo(x(0), 4);
    ctx.lineTo(x(0), 56);
    ctx.stroke();
    ctx.strokeStyle = COLORS.estimate;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i <= 240; i++) {
      const u = -3 + (6 * i) / 240;
      const px = x(u);
      const py = y(k.profile(Math.abs(u)));
      if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    }
    ctx.stroke();
    const notes: Record<string, string> = {
      constant: 'α = 1 for every key: every width gives the same flat estimate (the mean).',
      triangular: 'max(0, 1 − u): what the chapter calls “Epanechikov”.',
      silverman: 'Fourth order: weights, estimates and densities can go negative; rules of thumb do not apply.',
      boxcar: 'A query with no key within h has no estimate (a gap in the curve).',
    };
    setText(byId('kernel-note'), `α(u) for u = (q − k)/h from −3 to 3. ${notes[name] ?? ''}`);
  }

  private syncFigureKinds(): void {
    const select = byId<HTMLSelectElement>('figure-kind');
    const kinds = figureKinds(this.app);
    const key = kinds.map((k) => k.value).join();
    if (select.dataset.key === key) return;
    const keep = select.value;
    select.dataset.key = key;
    setChildren(select, kinds.map((k) => el('option', { value: k.value, text: k.label })));
    if (kinds.some((k) => k.value === keep)) select.value = keep;
  }
}

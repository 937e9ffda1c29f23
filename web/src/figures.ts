/**
 * "Download figure" and "Copy Vega-Lite spec": the current view as one of the package's figure specs
 * (src/plot — the same functions the report uses), rendered by Vega in the browser. Vega and Vega-Lite
 * are loaded on the first download only, so the page itself stays small.
 */
import { fitPanelsSpec } from '../../src/plot/fits.js';
import { attentionHeatmapsSpec } from '../../src/plot/heatmaps.js';
import { densityBumpsSpec } from '../../src/plot/density-bumps.js';
import { classMapSpec } from '../../src/plot/class-map.js';
import { selectionCurveSpec } from '../../src/plot/selection-curve.js';
import type { Spec } from '../../src/plot/theme.js';
import type { App } from './app.js';
import { pointCount } from './datasets.js';
import { fmt } from './dom.js';
import { COLORS } from './draw.js';
import { gridQueries2d } from './protocol.js';

export type FigureKind = 'fit' | 'attention' | 'selection';

export function figureKinds(app: App): { value: FigureKind; label: string }[] {
  const mode = app.state.mode;
  const first = mode === 'regression' ? 'the fit' : mode === 'density' ? 'the density and its bumps' : 'the class map';
  const kinds: { value: FigureKind; label: string }[] = [{ value: 'fit', label: first }];
  if (mode !== 'classification') kinds.push({ value: 'attention', label: 'the attention heatmap' });
  kinds.push({ value: 'selection', label: 'the leave-one-out curve' });
  return kinds;
}

function widthText(app: App): string {
  const m = app.model();
  return `${m.kernel} kernel, h = ${m.width.map((w) => fmt(w, 4)).join(', ')}${m.adaptive ? ' (Abramson local widths)' : ''}`;
}

function dataText(app: App): string {
  const p = app.points;
  const n = pointCount(p).toLocaleString('en');
  if (p.source === 'chapter') return `the chapter's data, n = ${n}, seed ${app.state.seed}`;
  if (p.source === 'three-class') return `three classes, n = ${n}, seed ${app.state.seed}`;
  return `${p.source === 'file' ? 'data from a file' : 'edited data'}, n = ${n}`;
}

/** The spec of the chosen figure for the current view; throws when its numbers are not computed yet. */
export function buildSpec(app: App, kind: FigureKind): Spec {
  const fit = app.fit;
  const p = app.points;
  const subtitle = [widthText(app), dataText(app)];
  if (kind === 'selection') {
    const s = app.selection;
    if (!s) throw new Error('the leave-one-out curve is not computed yet');
    return selectionCurveSpec({
      widths: s.widths, values: s.values, objective: s.objective,
      optimum: { width: s.factorAxis ? 1 : s.optimum[0]!, value: s.optimumValue, label: `h* = ${s.optimum.map((v) => fmt(v, 4)).join(', ')}` },
      ...(s.inSample ? { inSample: s.inSample } : {}),
      ...(s.factorAxis ? { xTitle: 'factor on (h₁*, h₂*) (log scale)' } : { current: app.model().width[0]! }),
      subtitle: [...subtitle, `${s.method} on ${s.nUsed.toLocaleString('en')} points`],
    });
  }
  if (!fit || fit.version !== app.version) throw new Error('the estimate is not computed yet');
  if (kind === 'attention') {
    const h = app.heat;
    if (!h || h.id !== fit.id) throw new Error('the attention weights are not computed yet');
    const binned = h.cols < h.order.length;
    return attentionHeatmapsSpec([{ label: widthText(app), queries: fit.queries, n: h.cols, weights: h.weights }], {
      title: 'Attention weights: queries × keys',
      subtitle: [dataText(app), binned ? `keys sorted by x in ${h.cols} bins (summed weight per bin)` : 'keys sorted by x'],
    });
  }
  if (app.state.mode === 'regression') {
    const truthX = p.truth ? Array.from({ length: 101 }, (_, i) => p.domain[0] + ((p.domain[1] - p.domain[0]) * i) / 100) : [];
    const keep = sample(pointCount(p), 5000);
    return fitPanelsSpec([{
      label: widthText(app), x: fit.queries, yHat: fit.values, truthX, truthY: truthX.map((x) => p.truth!(x)),
      xTrain: keep.map((i) => p.x[i]!), yTrain: keep.map((i) => p.y![i]!),
    }], { title: 'Nadaraya–Watson regression', subtitle: dataText(app), panelWidth: 520, panelHeight: 300 });
  }
  if (app.state.mode === 'density') {
    const h = app.heat;
    const m = fit.queries.length;
    const bumps = h?.bumps && h.id === fit.id
      ? Array.from(h.bumps.keys, (_, r) => h.bumps!.values.subarray(r * m, (r + 1) * m)) : [];
    const keep = sample(pointCount(p), 5000);
    return densityBumpsSpec({
      x: fit.queries, density: fit.values, bumps, keys: keep.map((i) => p.x[i]!), subtitle,
    });
  }
  if (app.grid.kind !== '2d') throw new Error('no class map for 1-D data');
  const g = app.grid.g;
  const cells = gridQueries2d(app.grid);
  const keep = sample(pointCount(p), 3000);
  return classMapSpec({
    classes: fit.classes.map((c) => p.classNames[c] ?? String(c)),
    cellX: Float64Array.from({ length: g * g }, (_, i) => cells[2 * i]!),
    cellY: Float64Array.from({ length: g * g }, (_, i) => cells[2 * i + 1]!),
    cellWidth: (app.grid.x1 - app.grid.x0) / g,
    cellHeight: (app.grid.y1 - app.grid.y0) / g,
    probabilities: fit.values,
    x1: keep.map((i) => p.x[2 * i]!),
    x2: keep.map((i) => p.x[2 * i + 1]!),
    labels: keep.map((i) => p.classNames[p.labels![i]!] ?? String(p.labels![i])),
    colors: fit.classes.map((c) => COLORS.classes[c % COLORS.classes.length]!),
    subtitle,
  });
}

function sample(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.floor(((k + 0.5) * n) / max));
}

async function view(spec: Spec) {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vegaLite.compile(spec).spec;
  return new vega.View(vega.parse(compiled), { renderer: 'none' });
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadFigure(spec: Spec, format: 'svg' | 'png', name: string): Promise<void> {
  const v = await view(spec);
  try {
    if (format === 'svg') save(new Blob([await v.toSVG()], { type: 'image/svg+xml' }), `${name}.svg`);
    else {
      const url = await v.toImageURL('png', 2);
      save(await (await fetch(url)).blob(), `${name}.png`);
    }
  } finally {
    v.finalize();
  }
}

/**
 * The readout for the inspected query: q, the estimate there (ŷ, f̂ or the class probabilities), the
 * effective number of neighbours n_eff = 1/Σw², the largest weight, Σw, and the top keys with their
 * weights; for a heatmap cell, q, k and the weight. Text only (textContent), updated in place.
 */
import type { App } from './app.js';
import { pointCount } from './datasets.js';
import { el, fmt, setChildren } from './dom.js';
import { COLORS } from './draw.js';

const rendered = new WeakMap<HTMLElement, string>();

export function renderInfo(app: App, root: HTMLElement): void {
  const h = app.hover && app.hoverQuery && app.hover.version === app.version ? app.hover : null;
  // rebuild only when something shown changed (this runs on every frame)
  const key = [app.version, app.state.mode, h?.id, app.hoverQuery?.join(), app.hoverCell?.row, app.hoverCell?.col,
    app.heat?.id, app.fit?.id, app.hoverError, app.model().width.join(), app.state.kernel].join('|');
  if (rendered.get(root) === key) return;
  rendered.set(root, key);
  const p = app.points;
  const mode = app.state.mode;
  const children: (Node | null)[] = [];
  if (!app.hoverQuery) {
    children.push(el('p', { text: mode === 'classification'
      ? 'Hover the map (or focus it and use the arrow keys) to see one query\'s attention over the training points.'
      : 'Hover the fit or a row of the heatmap (or focus a plot and use the arrow keys) to see one query\'s attention over the training points.' }));
    children.push(summary(app));
    setChildren(root, children);
    return;
  }
  if (app.hoverError) {
    setChildren(root, [el('p', { className: 'error', text: app.hoverError })]);
    return;
  }
  if (!h) {
    setChildren(root, [el('p', { text: 'computing…' })]);
    return;
  }
  let sum = 0;
  for (const w of h.weights) sum += w;
  const rows: [string, string][] = [['query q', h.q.map((v) => fmt(v, 4)).join(', ')]];
  if (mode === 'regression') rows.push(['ŷ(q)', fmt(h.estimate[0]!, 5)]);
  else if (mode === 'density') rows.push(['density at q', fmt(h.estimate[0]!, 5)]);
  else {
    const classes = app.fit?.classes ?? [];
    classes.forEach((c, k) => rows.push([`p(${p.classNames[c] ?? c} | q)`, fmt(h.estimate[k]!, 4)]));
  }
  rows.push(['n_eff = 1/Σw²', fmt(h.nEff, 4)]);
  rows.push(['largest weight', fmt(h.maxWeight, 4)]);
  rows.push(['Σ weights', Number.isNaN(sum) ? '— (no key in reach)' : sum.toFixed(6)]);
  children.push(el('dl', {}, rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));

  const cell = app.hoverCell && app.heat ? cellText(app) : null;
  if (cell) children.push(el('p', { className: 'cell', text: cell }));

  const top = h.top;
  const header = ['key', p.d === 1 ? 'x' : 'x₁, x₂', mode === 'regression' ? 'y' : mode === 'classification' ? 'class' : '', 'weight', ''];
  const trs = top.index.map((j, r) => {
    const w = top.weight[r]!;
    const bar = el('span', { className: 'bar' });
    bar.style.width = `${Math.round(60 * Math.min(1, Math.abs(w) / Math.max(1e-300, Math.abs(top.weight[0]!))))}px`;
    const xs = p.d === 1 ? fmt(p.x[j]!, 4) : `${fmt(p.x[2 * j]!, 3)}, ${fmt(p.x[2 * j + 1]!, 3)}`;
    const third = mode === 'regression' ? fmt(p.y![j]!, 4) : mode === 'classification' ? (p.classNames[p.labels![j]!] ?? '') : '';
    const classCell = el('td', { text: third });
    if (mode === 'classification') classCell.style.color = COLORS.classes[p.labels![j]! % COLORS.classes.length]!;
    return el('tr', {}, [el('td', { text: String(j) }), el('td', { text: xs }), classCell, el('td', { text: fmt(w, 4) }), el('td', {}, [bar])]);
  });
  children.push(el('table', { 'aria-label': 'The keys with the largest weights' }, [
    el('caption', { className: 'sr-only', text: 'Top keys by attention weight' }),
    el('thead', {}, [el('tr', {}, header.map((t) => el('th', { scope: 'col', text: t })))]),
    el('tbody', {}, trs),
  ]));
  setChildren(root, children);
}

function cellText(app: App): string | null {
  const h = app.heat!;
  const c = app.hoverCell!;
  const fit = app.fit;
  if (!fit || c.row >= h.rows || c.col >= h.cols) return null;
  const q = fit.queries[c.row]!;
  const w = h.weights[c.row * h.cols + c.col]!;
  const p = app.points;
  const a = h.binStart[c.col]!;
  const b = h.binStart[c.col + 1]! - 1;
  if (a === b) {
    const j = h.order[a]!;
    return `cell: q = ${fmt(q, 4)}, key k = x${sub(j)} = ${fmt(p.x[j]!, 4)} (sorted #${a}), weight = ${fmt(w, 4)}`;
  }
  return `cell: q = ${fmt(q, 4)}, keys sorted #${a}–#${b} (x from ${fmt(p.x[h.order[a]!]!, 4)} to ${fmt(p.x[h.order[b]!]!, 4)}), summed weight = ${fmt(w, 4)}`;
}

function sub(j: number): string {
  return String(j).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
}

function summary(app: App): HTMLElement {
  const m = app.model();
  const n = pointCount(app.points);
  const fit = app.fit;
  const items: [string, string][] = [
    ['kernel', m.kernel],
    ['width h', m.width.map((w) => fmt(w, 4)).join(', ')],
    ['n', n.toLocaleString('en')],
  ];
  if (fit && fit.nEff && app.state.mode !== 'classification') {
    let s = 0, k = 0;
    for (const v of fit.nEff) if (Number.isFinite(v)) { s += v; k++; }
    if (k) items.push(['mean n_eff on the grid', fmt(s / k, 4)]);
  }
  if (fit) items.push(['last update', `${fit.ms.toFixed(1)} ms in the worker (${fit.backend.split(':')[0]})`]);
  return el('dl', {}, items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

/**
 * The report page: one self-contained HTML file (inline CSS, no script, no network) that shows the PNGs
 * beside it in figures/, with captions, the table of MSEs and the exercises' answers and checks.
 */
import type { FigureEntry, ReportResults } from './figures.js';
import type { SphereResult } from './exercises.js';
import type { ReportSummary } from './summary.js';
import { fixed, html, sci } from './format.js';

export interface RenderedFigure {
  readonly entry: FigureEntry;
  /** Paths relative to the page. */
  readonly png: string;
  readonly svg: string;
  /** CSS pixels (the SVG's own size; the PNG has twice as many pixels). */
  readonly width: number;
  readonly height: number;
}

const CSS = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; background: #fafafa; margin: 0; line-height: 1.55; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: white; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 22px; margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 17px; margin-top: 28px; }
p.lead { font-size: 16px; color: #444; }
figure { margin: 20px 0 28px; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 14px; color: #333; max-width: 900px; margin-top: 6px; }
figcaption a { color: #777; font-size: 12px; }
table { border-collapse: collapse; font-size: 14px; margin: 12px 0; }
th, td { padding: 4px 12px; border-bottom: 1px solid #e4e4e4; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f3f3f3; font-weight: 600; }
tr.best td { background: #eef6ee; }
.check { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; background: #e6f4ea; color: #1e6b34; }
.check.fail { background: #fde8e8; color: #a12020; }
.question { border-left: 3px solid #c9d7f0; padding: 2px 12px; color: #444; background: #f7f9fd; }
code { background: #f2f2f2; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
nav ol { columns: 2; font-size: 14px; }
`;

function figureHtml(f: RenderedFigure, number: number): string {
  return `<figure id="fig-${f.entry.name}">
<img src="${html(f.png)}" width="${f.width}" height="${f.height}" alt="${html(f.entry.heading)}">
<figcaption><b>Figure ${number}. ${html(f.entry.heading)}.</b> ${html(f.entry.caption)} <a href="${html(f.svg)}">SVG</a> · <a href="${html(f.png)}">PNG</a></figcaption>
</figure>`;
}

function check(ok: boolean, text: string): string {
  return `<span class="check${ok ? '' : ' fail'}">${ok ? '✓' : '✗'} ${html(text)}</span>`;
}

export function reportHtml(res: ReportResults, sphere: SphereResult, summary: ReportSummary, figures: readonly RenderedFigure[]): string {
  let count = 0;
  const numbered = new Map(figures.map((f) => [f.entry.name, figureHtml(f, ++count)]));
  const section = (s: FigureEntry['section'], names?: readonly string[]) =>
    figures.filter((f) => f.entry.section === s && (!names || names.includes(f.entry.name))).map((f) => numbered.get(f.entry.name)!).join('\n');
  const d = res.chapter.data;
  const { parzen: p, learning: l, consistency: c } = res;
  const bestMse = Math.min(...summary.rows.map((r) => r.validationMse));
  const table = `<table>
<thead><tr><th>model</th><th>kernel</th><th>width h</th><th>validation MSE</th><th>LOO MSE</th><th>mean n<sub>eff</sub></th></tr></thead>
<tbody>
${summary.rows.map((r) => `<tr${r.validationMse === bestMse ? ' class="best"' : ''}><td>${html(r.model)}</td><td>${html(r.kernel)}</td><td>${fixed(r.bandwidth)}</td><td>${fixed(r.validationMse)}</td><td>${fixed(r.looMse)}</td><td>${fixed(r.meanNEff, 1)}</td></tr>`).join('\n')}
<tr><td>Gaussian, σ learned in-sample (exercise 2)</td><td>gaussian</td><td>${sci(l.inSample.finalWidth, 2)}</td><td>${fixed(l.inSample.validationMse)}</td><td>—</td><td>—</td></tr>
<tr><td>Gaussian, σ learned leave-one-out (exercise 2)</td><td>gaussian</td><td>${fixed(l.loo.finalWidth)}</td><td>${fixed(l.loo.validationMse)}</td><td>—</td><td>—</td></tr>
</tbody></table>`;
  const rates = [1, 2, 3, 5, 10].map((dim) => `<tr><td>${dim}</td><td>n<sup>−1/${dim + 4}</sup></td><td>n<sup>−4/${dim + 4}</sup></td></tr>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Attention Pooling by Similarity, reproduced (seed ${d.seed})</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Attention Pooling by Similarity, reproduced</h1>
<p class="lead">Every figure and every exercise of the chapter “Attention Pooling by Similarity” (<i>Dive into Deep Learning</i>, Nadaraya–Watson estimators), computed with the <b>nadaraya</b> library on the chapter’s data: y = 2 sin(x) + x + ε, ε ~ N(0, 1), ${d.xTrain.length} keys x ~ U(0, 5), queries 0, 0.1, …, 4.9. Seed <b>${d.seed}</b>. Regenerate with <code>npm start</code> or <code>nadaraya demo --seed ${d.seed}</code>; the same seed gives the same files, byte for byte.</p>
<nav><ol>
<li><a href="#kernels">Kernels and data</a></li>
<li><a href="#regression">Attention pooling via Nadaraya–Watson regression</a></li>
<li><a href="#adapting">Adapting attention pooling</a></li>
<li><a href="#beyond">Beyond the chapter: widths chosen from the data</a></li>
<li><a href="#table">Validation MSE per kernel and per width</a></li>
<li><a href="#exercises">Exercises 1–4</a></li>
</ol></nav>

<h2 id="kernels">1. Kernels and data</h2>
<p>A query q attends to the keys kᵢ through a similarity kernel α(q, k); the estimate pools the values with the normalised weights: f(q) = Σᵢ vᵢ α(q, kᵢ) / Σⱼ α(q, kⱼ).</p>
${section('chapter', ['kernels', 'kernel-zoo', 'data'])}

<h2 id="regression">2. Attention pooling via Nadaraya–Watson regression</h2>
<p>Each query is one of the 50 points 0, 0.1, …, 4.9; each training pair is a key–value pair. The normalised kernel values are the attention weights.</p>
${section('chapter', ['fits-kernels', 'attention-kernels'])}

<h2 id="adapting">3. Adapting attention pooling</h2>
<p>The Gaussian with width σ: α(q, k) = exp(−‖q − k‖² / (2σ²)).</p>
${section('chapter', ['fits-widths', 'attention-widths'])}

<h2 id="beyond">4. Beyond the chapter: widths chosen from the data</h2>
<p>Every hand-picked width is a heuristic. Leave-one-out cross-validation picks σ by the error on each training pair predicted from the others; Abramson’s rule gives each key its own width from a pilot density (the density-dependent heuristic of Silverman 1986 that the chapter mentions).</p>
${section('beyond')}

<h2 id="table">5. Validation MSE per kernel and per width</h2>
<p>Validation MSE: mean of (ŷ(x) − f(x))² over the 50 queries, against the true f (the chapter’s y_val). LOO MSE: exact leave-one-out error on the ${d.xTrain.length} training pairs — the only one of the two you could compute without knowing f. Highlighted: the lowest validation MSE.</p>
${table}

<h2 id="exercises">6. Exercises</h2>

<h3>Exercise 1: Parzen windows and Nadaraya–Watson classification</h3>
<p class="question">Prove that for binary classification p̂(x, y = 1) − p̂(x, y = −1), as obtained by Parzen windows, is equivalent to Nadaraya–Watson classification.</p>
<p>With p̂(x, y = c) = (1/n) Σ<sub>i: yᵢ = c</sub> k(x, xᵢ), the difference divided by p̂(x) = (1/n) Σᵢ k(x, xᵢ) &gt; 0 is Σᵢ yᵢ k(x, xᵢ) / Σⱼ k(x, xⱼ): the Nadaraya–Watson estimate with values yᵢ ∈ {−1, +1}, which equals P̂(+1 | x) − P̂(−1 | x) of the one-hot classifier. Dividing by a positive number keeps the sign, so the two decide alike everywhere.</p>
<p>Run: labels +1 where y &gt; ${p.threshold}, Gaussian σ = ${p.bandwidth}, on ${p.grid.length} points (a grid of 501 over [0, 5] and the ${d.xTrain.length} keys). ${check(p.maxSignDisagreement === 0, `sign disagreements: ${p.disagreements}; maximum disagreement ${p.maxSignDisagreement}`)} The values agree too: max |(p̂₊ − p̂₋)/(p̂₊ + p̂₋) − (P̂₊ − P̂₋)| = ${sci(p.maxValueDifference)} (rounding).</p>
${section('exercise-1')}

<h3>Exercise 2: learning the width by gradient descent</h3>
<p class="question">What happens if you minimise (f(xᵢ) − yᵢ)² directly? Remove (xᵢ, yᵢ) from the estimate for f(xᵢ) and optimise over the widths. Do you still observe overfitting?</p>
<p>Adam on log σ with the library’s analytic gradient (<code>bandwidth: 'learn'</code>), ${l.iterations} steps of learning rate ${l.learningRate} from the normal-reference width. The chapter asks for stochastic gradient descent; with ${d.xTrain.length} points each step can use all of them, which shows the trend without batch noise (mini-batches, <code>selector.batchSize</code>, give the same picture, noisier).</p>
<p>(a) In-sample, yᵢ takes part in its own estimate: as σ → 0 key i’s weight at query xᵢ tends to 1, so ŷ(xᵢ) → yᵢ and the loss → 0. Gradient descent follows that slope: σ fell to ${sci(l.inSample.finalWidth, 2)} in ${l.iterations} steps and is still falling (loss ${sci(l.inSample.finalLoss, 2)}). ${check(l.inSample.finalWidth < 0.01, `in-sample σ < 0.01`)}</p>
<p>(b) Leave-one-out, a point cannot predict itself, and the loss has a minimum at a finite width: σ = ${fixed(l.loo.finalWidth)} after ${l.iterations} steps, next to σ* = ${fixed(l.cvWidth)} found by the cv-ls selector (LOO MSE ${fixed(l.cvMse)}). No overfitting. ${check(Number.isFinite(l.loo.finalWidth) && l.loo.finalWidth > 0.05, `leave-one-out σ finite`)}</p>
${section('exercise-2')}

<h3>Exercise 3: keys and queries on the unit sphere</h3>
<p class="question">Assume that all x lie on the unit sphere. Can you simplify the ‖x − xᵢ‖² term in the exponential?</p>
<p>‖q − k‖² = ‖q‖² + ‖k‖² − 2 q·k = 2 − 2 q·k, so exp(−‖q − k‖²/(2σ²)) = e<sup>−1/σ²</sup> · exp(q·k/σ²). The constant cancels in the normalisation: the Gaussian attention weights are softmax(q·k/σ²) — dot-product attention with temperature σ² (what scaled dot-product attention does with √d).</p>
<p>Run: ${sphere.queries} queries and ${sphere.keys} keys drawn at random in R<sup>${sphere.dimension}</sup> and put on the unit sphere; Gaussian kernel at σ ∈ {${sphere.widths.join(', ')}} against <code>similarity: 'dot'</code> at temperature σ². ${check(sphere.maxWeightDifference <= 1e-12, `max weight difference ${sci(sphere.maxWeightDifference)} ≤ 1e−12`)} (estimates: ${sci(sphere.maxEstimateDifference)}).</p>

<h3>Exercise 4: how quickly should the width shrink?</h3>
<p class="question">How quickly should you reduce the scale for the attention mechanism as you get more data? Does it depend on the dimensionality of the data?</p>
<p>For a smooth f and a second-order kernel, the squared bias grows like σ⁴ (the estimate averages f over a window of size σ) and the variance falls like 1/(nσ<sup>d</sup>) (about nσ<sup>d</sup> points fall in the window). Their sum is smallest at σ ∝ n<sup>−1/(d+4)</sup>, where the MSE falls like n<sup>−4/(d+4)</sup>. Consistency needs σ → 0 with nσ<sup>d</sup> → ∞ (Mack &amp; Silverman 1982); a fixed σ keeps its bias forever. The dimension matters: the higher d, the slower the width may shrink and the slower the error falls.</p>
<table><thead><tr><th>d</th><th>width σ ∝</th><th>MSE ∝</th></tr></thead><tbody>
${rates}
</tbody></table>
<p>Run (d = 1): n = ${c.n.join(', ')}, MSE on ${c.gridSize} fixed queries in [${c.gridFrom}, ${c.gridTo}] (away from the ends, where the bias is of order σ), averaged over ${c.replicates.join(', ')} data sets. ${check(Math.abs(c.scheduledFit.slope + 0.8) <= 0.15, `slope with σ ∝ n^(−1/5): ${fixed(c.scheduledFit.slope, 2)} (theory −0.80)`)} With σ fixed the slope is ${fixed(c.fixedFit.slope, 2)}, and the curve flattens at the squared bias.</p>
${section('exercise-4')}
</main>
</body>
</html>
`;
}

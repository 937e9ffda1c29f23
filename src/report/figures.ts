/**
 * Every figure of the report: its file name, heading, caption (what to see) and Vega-Lite spec, built
 * from the results with the plot/ spec functions.
 */
import { chapterFunction } from '../index.js';
import { kernelPanelsSpec, kernelZooSpec } from '../plot/kernels.js';
import { chapterDataSpec } from '../plot/data.js';
import { fitPanelsSpec } from '../plot/fits.js';
import type { FitPanel } from '../plot/fits.js';
import { attentionHeatmapsSpec } from '../plot/heatmaps.js';
import { localWidthsSpec } from '../plot/local-widths.js';
import { parzenIdentitySpec } from '../plot/parzen.js';
import { widthLearningSpec } from '../plot/width-learning.js';
import { looCurveSpec } from '../plot/loo-curve.js';
import { consistencySpec } from '../plot/consistency.js';
import type { Spec } from '../plot/theme.js';
import { CHAPTER_KERNELS } from './chapter.js';
import type { ChapterFit, ChapterResults } from './chapter.js';
import type { ConsistencyResult, ParzenResult, WidthLearningResult } from './exercises.js';
import { fixed, sci } from './format.js';

export interface FigureEntry {
  /** File name without extension (figures/NAME.svg, figures/NAME.png). */
  readonly name: (typeof FIGURE_NAMES)[number];
  readonly section: 'chapter' | 'beyond' | 'exercise-1' | 'exercise-2' | 'exercise-4';
  readonly heading: string;
  /** Plain text: what the reader should see. */
  readonly caption: string;
  readonly spec: Spec;
}

/** The figures, in the order of the report. */
export const FIGURE_NAMES = [
  'kernels', 'kernel-zoo', 'data', 'fits-kernels', 'attention-kernels', 'fits-widths', 'attention-widths',
  'fits-chosen-widths', 'local-widths', 'exercise-1-parzen', 'exercise-2-learning', 'exercise-2-overfit',
  'exercise-2-loo-curve', 'exercise-4-consistency',
] as const;

export interface ReportResults {
  readonly chapter: ChapterResults;
  readonly parzen: ParzenResult;
  readonly learning: WidthLearningResult;
  readonly consistency: ConsistencyResult;
}

/** Panel headers: a long label broken over two lines (facet headers are sized by an estimate). */
function header(label: string): string {
  return label.replace(' = triangular', '\n= triangular');
}

function fitPanel(r: ChapterResults, f: ChapterFit, label = header(f.label)): FitPanel {
  const d = r.data;
  return { label, x: d.xQuery, yHat: f.estimates, truthX: d.xQuery, truthY: d.yTrue, xTrain: d.xTrain, yTrain: d.yTrain };
}

export function buildFigures(res: ReportResults): FigureEntry[] {
  const r = res.chapter;
  const d = r.data;
  const n = d.xTrain.length;
  const curve = (k: string) => r.kernelCurves.curves.find((c) => c.kernel === k)!.alpha;
  const best = [...r.kernelFits].sort((a, b) => a.validationMse - b.validationMse)[0]!;
  const widest = (fits: readonly ChapterFit[]) => Math.max(...fits.map((f) => Math.max(...f.attention)));
  const { parzen: p, learning: l, consistency: c } = res;
  // the true f on the fine grid of the learned-width curves
  const fineX = l.inSample.grid;
  const fineF = fineX.map(chapterFunction);
  return [
    {
      name: 'kernels', section: 'chapter', heading: 'The chapter’s four kernels',
      caption: 'α(q, k) for a key at 0, width 1, as the chapter draws them. The Gaussian never reaches 0; the boxcar attends to everything within distance 1 equally; the constant kernel attends to everything equally; the chapter’s “Epanechikov” max(0, 1 − |x|) is the triangular kernel of the library (the Epanechnikov kernel proper is 1 − x²).',
      spec: kernelPanelsSpec(CHAPTER_KERNELS.map((k) => ({ label: header(k.label), x: r.kernelCurves.x, alpha: curve(k.kernel) }))),
    },
    {
      name: 'kernel-zoo', section: 'chapter', heading: 'The kernel zoo',
      caption: `All ${r.kernelCurves.curves.length} kernels of the library at width 1 (raw profiles, not normalised). Compact kernels end at |x| = 1; logistic and sigmoid peak at 1/4 and 1/2; the Silverman kernel dips below 0 only beyond |x| ≈ 3.3, outside this window.`,
      spec: kernelZooSpec(r.kernelCurves.curves.map((k) => ({ label: k.kernel === 'triangular' ? 'triangular (chapter: Epanechikov)' : k.kernel, x: r.kernelCurves.x, alpha: k.alpha }))),
    },
    {
      name: 'data', section: 'chapter', heading: 'The data',
      caption: `${n} training pairs from y = 2 sin(x) + x + ε (orange), the true f (dashed) and the ${d.xQuery.length} queries (ticks). Seed ${d.seed}.`,
      spec: chapterDataSpec({ xTrain: d.xTrain, yTrain: d.yTrain, truthX: fineX, truthY: fineF, xQuery: d.xQuery, seed: d.seed }),
    },
    {
      name: 'fits-kernels', section: 'chapter', heading: 'Nadaraya–Watson estimates of the four kernels',
      caption: `ŷ (blue) against the true f (dashed). Gaussian, boxcar and triangular give workable estimates (the best here: ${best.label}, validation MSE ${fixed(best.validationMse)}); the constant kernel gives the flat mean of the yᵢ, ${fixed(r.kernelFits[2]!.estimates[0]!)}. The boxcar estimate jumps whenever a key enters or leaves the window.`,
      spec: fitPanelsSpec(r.kernelFits.map((f) => fitPanel(r, f)), { title: 'Nadaraya–Watson regression, four kernels (width 1)' }),
    },
    {
      name: 'attention-kernels', section: 'chapter', heading: 'Attention weights of the four kernels',
      caption: `Row i: the weights query xᵢ gives the ${n} keys (sorted by x), one colour scale for all four (max ${fixed(widest(r.kernelFits))}). Gaussian, boxcar and triangular all put their weight on a band along the diagonal — the keys near the query — which is why their estimates look alike; the constant kernel spreads 1/${n} = ${fixed(1 / n, 3)} over every key.`,
      spec: attentionHeatmapsSpec(r.kernelFits.map((f) => ({ label: header(f.label), queries: d.xQuery, n, weights: f.attention })), { title: 'Attention weights, queries × keys (width 1)' }),
    },
    {
      name: 'fits-widths', section: 'chapter', heading: 'The Gaussian at four widths',
      caption: `σ = 0.1 follows the noise (mean effective keys per query ${fixed(r.widthFits[0]!.meanNEff, 1)}); σ = 1 smooths the bump away (${fixed(r.widthFits[3]!.meanNEff, 1)} effective keys). Validation MSE: ${r.widthFits.map((f) => `${f.label}: ${fixed(f.validationMse)}`).join('; ')}.`,
      spec: fitPanelsSpec(r.widthFits.map((f) => fitPanel(r, f)), { title: 'Gaussian kernel, σ = 0.1, 0.2, 0.5, 1' }),
    },
    {
      name: 'attention-widths', section: 'chapter', heading: 'Attention weights at four widths',
      caption: `The narrower the kernel, the narrower the band of large weights; at σ = 0.1 most queries give almost all their weight (up to ${fixed(widest(r.widthFits))}) to one or two keys. One colour scale for all four.`,
      spec: attentionHeatmapsSpec(r.widthFits.map((f) => ({ label: f.label, queries: d.xQuery, n, weights: f.attention })), { title: 'Attention weights, Gaussian, σ = 0.1, 0.2, 0.5, 1' }),
    },
    {
      name: 'fits-chosen-widths', section: 'beyond', heading: 'Widths chosen from the data',
      caption: `Left: σ = ${fixed(r.looFit.bandwidth)} minimises the exact leave-one-out MSE (${fixed(r.looFit.looMse)}); validation MSE ${fixed(r.looFit.validationMse)}. Right: Abramson’s local widths hᵢ = h · (f̃(xᵢ)/g)^(−1/2) around the same h: LOO MSE ${fixed(r.abramsonFit.looMse)}, validation MSE ${fixed(r.abramsonFit.validationMse)}.`,
      spec: fitPanelsSpec([
        fitPanel(r, r.looFit, `leave-one-out\nσ = ${fixed(r.looFit.bandwidth)}`),
        fitPanel(r, r.abramsonFit, `Abramson local widths\naround h = ${fixed(r.abramsonFit.bandwidth)}`),
      ], { title: 'Gaussian with widths chosen from the data', panelWidth: 300 }),
    },
    {
      name: 'local-widths', section: 'beyond', heading: 'Abramson local widths',
      caption: `Each key’s own width: from ${fixed(Math.min(...r.abramsonWidths))} where the keys are dense to ${fixed(Math.max(...r.abramsonWidths))} where they are sparse (global h = ${fixed(r.abramsonFit.bandwidth)}, dashed). Silverman (1986) proposed exactly this kind of density-dependent width; the chapter mentions it.`,
      spec: localWidthsSpec({ xTrain: d.xTrain, widths: r.abramsonWidths, globalWidth: r.abramsonFit.bandwidth }),
    },
    {
      name: 'exercise-1-parzen', section: 'exercise-1', heading: 'Exercise 1: Parzen windows and classification',
      caption: `Labels +1 where y > ${p.threshold} (${p.labels.filter((v) => v > 0).length} of ${n}), Gaussian σ = ${p.bandwidth}. The difference p̂(x, +1) − p̂(x, −1) (black) is above 0 exactly where the Nadaraya–Watson classifier predicts +1 (green bands): ${p.disagreements} disagreements in ${p.grid.length} points.`,
      spec: parzenIdentitySpec({
        x: p.grid, positive: p.positive, negative: p.negative, predicted: p.predicted, xTrain: d.xTrain, labels: p.labels,
        subtitle: [`labels +1 where y > ${p.threshold} (ticks: the keys, by label); Gaussian, σ = ${p.bandwidth}`, `bands: the NW classifier’s prediction; sign disagreements: ${p.disagreements} of ${p.grid.length} points`],
      }),
    },
    {
      name: 'exercise-2-learning', section: 'exercise-2', heading: 'Exercise 2: learning σ by gradient descent',
      caption: `Adam on log σ, ${l.iterations} steps of learning rate ${l.learningRate} from the normal-reference width, each step on all ${n} points (full batch). In-sample (red), the loss falls towards 0 as σ collapses to ${sci(l.inSample.finalWidth, 2)}, and it is still falling: every point predicts itself. Leave-one-out (blue), σ settles at ${fixed(l.loo.finalWidth)} — the cv-ls optimum ${fixed(l.cvWidth)} found by search.`,
      spec: widthLearningSpec([
        { label: 'in-sample', width: l.inSample.widths, loss: l.inSample.losses },
        { label: 'leave-one-out', width: l.loo.widths, loss: l.loo.losses },
      ], { subtitle: `Adam on log σ, learning rate ${l.learningRate}, full batch (${n} points)` }),
    },
    {
      name: 'exercise-2-overfit', section: 'exercise-2', heading: 'Exercise 2: the overfitted curve',
      caption: `Left: with the in-sample width σ = ${sci(l.inSample.finalWidth, 2)} the estimate passes through every training point and jumps between them (in-sample MSE ${sci(l.inSample.finalLoss, 2)}, validation MSE ${fixed(l.inSample.validationMse)}). Right: the leave-one-out width σ = ${fixed(l.loo.finalWidth)} (validation MSE ${fixed(l.loo.validationMse)}). Both on 1001 queries.`,
      spec: fitPanelsSpec([
        { label: `in-sample\nσ = ${sci(l.inSample.finalWidth, 2)}`, x: l.inSample.grid, yHat: l.inSample.curve, truthX: fineX, truthY: fineF, xTrain: d.xTrain, yTrain: d.yTrain },
        { label: `leave-one-out\nσ = ${fixed(l.loo.finalWidth)}`, x: l.loo.grid, yHat: l.loo.curve, truthX: fineX, truthY: fineF, xTrain: d.xTrain, yTrain: d.yTrain },
      ], { title: 'Learned widths: in-sample overfits, leave-one-out does not', panelWidth: 300 }),
    },
    {
      name: 'exercise-2-loo-curve', section: 'exercise-2', heading: 'Exercise 2: the leave-one-out curve over σ',
      caption: `The exact LOO MSE over σ has its minimum at σ* = ${fixed(l.cvWidth)} (LOO MSE ${fixed(l.cvMse)}, marked); the in-sample MSE (dashed) only keeps falling as σ → 0, so minimising it can only overfit.`,
      spec: looCurveSpec({
        widths: l.widths, looMse: l.looMse, inSampleMse: l.inSampleMse,
        optimum: { width: l.cvWidth, mse: l.cvMse, label: `σ* = ${fixed(l.cvWidth)}` },
        subtitle: `${n} training pairs; ${l.widths.length} widths from ${fixed(l.widths[0]!, 2)} to ${fixed(l.widths[l.widths.length - 1]!, 0)}`,
      }),
    },
    {
      name: 'exercise-4-consistency', section: 'exercise-4', heading: 'Exercise 4: consistency',
      caption: `MSE against the true f on ${c.gridSize} queries in [${c.gridFrom}, ${c.gridTo}], averaged over fresh data sets (${c.replicates.join(', ')} at n = ${c.n.join(', ')}). With σ = ${c.sigma0} · (n/${c.n0})^(−1/5) the fitted slope is ${fixed(c.scheduledFit.slope, 2)} (theory: −4/5); with σ fixed at ${c.sigma0} the bias never goes away and the curve flattens (slope ${fixed(c.fixedFit.slope, 2)}).`,
      spec: consistencySpec([
        { label: `σ = ${c.sigma0} · (n/${c.n0})^(−1/5)`, n: c.n, mse: c.scheduledMse, slope: c.scheduledFit.slope, intercept: c.scheduledFit.intercept },
        { label: `σ = ${c.sigma0} fixed`, n: c.n, mse: c.fixedMse, slope: c.fixedFit.slope, intercept: c.fixedFit.intercept },
      ], { subtitle: [`MSE on ${c.gridSize} queries in [${c.gridFrom}, ${c.gridTo}]; dashed: least-squares lines in log-log`, 'theory: σ ∝ n^(−1/(d+4)) gives MSE ∝ n^(−4/(d+4)); d = 1: slope −4/5'] }),
    },
  ];
}

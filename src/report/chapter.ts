/**
 * The chapter's own experiments, run with the library: the kernels, the data, the fits and attention
 * weights of the four kernels, the width sweep, and — beyond the chapter — the width chosen by
 * leave-one-out and Abramson's local widths. Only summaries (means, maxima) are computed here.
 */
import { chapterData, getKernel, kernels, localWidthFactors, regression } from '../index.js';
import type { ChapterData, KernelName } from '../index.js';
import { matrix } from '../data/matrix.js';
import { mean } from './summary-math.js';

/** The chapter's four kernels; its "Epanechikov" max(0, 1 − |x|) is the triangular kernel here. */
export const CHAPTER_KERNELS: readonly { readonly kernel: KernelName; readonly label: string }[] = [
  { kernel: 'gaussian', label: 'Gaussian' },
  { kernel: 'boxcar', label: 'Boxcar' },
  { kernel: 'constant', label: 'Constant' },
  { kernel: 'triangular', label: 'Epanechikov (chapter) = triangular' },
];

/** The chapter's width sweep for the Gaussian kernel. */
export const CHAPTER_WIDTHS: readonly number[] = [0.1, 0.2, 0.5, 1];

/** One fitted model, read at the chapter's queries. */
export interface ChapterFit {
  readonly label: string;
  readonly kernel: KernelName;
  /** The raw width h (the Gaussian's σ). */
  readonly bandwidth: number;
  /** ŷ at the queries 0, 0.1, …, 4.9. */
  readonly estimates: Float64Array;
  /** Dense attention rows, weights[i * n + j]. */
  readonly attention: Float64Array;
  /** Mean squared error against the true f at the queries (the chapter's y_val). */
  readonly validationMse: number;
  /** Exact leave-one-out MSE on the training pairs. */
  readonly looMse: number;
  /** Mean effective number of keys per query, 1 / Σ wᵢ². */
  readonly meanNEff: number;
  /** Queries with no key in reach (given the nearest key's value). */
  readonly emptyCount: number;
}

export interface KernelCurves {
  readonly x: Float64Array;
  /** α(|x|) at width 1 for every kernel of the library, in the library's order. */
  readonly curves: readonly { readonly kernel: KernelName; readonly alpha: Float64Array }[];
}

export interface ChapterResults {
  readonly data: ChapterData;
  readonly kernelCurves: KernelCurves;
  /** The four kernels at width 1. */
  readonly kernelFits: readonly ChapterFit[];
  /** The Gaussian at σ = 0.1, 0.2, 0.5, 1. */
  readonly widthFits: readonly ChapterFit[];
  /** The Gaussian with the width chosen by leave-one-out (cv-ls). */
  readonly looFit: ChapterFit;
  /** The LOO curve the selector evaluated: every (width, LOO MSE) it tried. */
  readonly looSelection: readonly { readonly bandwidth: number; readonly objective: number }[];
  /** The Gaussian with Abramson's local widths around the LOO width. */
  readonly abramsonFit: ChapterFit;
  /** hᵢ per key for the Abramson fit. */
  readonly abramsonWidths: Float64Array;
}

/** Fits one model on the chapter's data and reads it at the queries. */
export function fitOnChapter(data: ChapterData, kernel: KernelName, bandwidth: number, label: string,
  extra: { local?: { method: 'abramson' } } = {}): ChapterFit {
  const model = regression({ kernel, bandwidth, empty: 'nearest', ...extra }).fit(data.xTrain, data.yTrain);
  const detail = model.predictDetailed(data.xQuery);
  const attention = model.attention(data.xQuery);
  return {
    label, kernel, bandwidth,
    estimates: detail.estimates,
    attention: attention.weights,
    validationMse: mean(Array.from(detail.estimates, (y, i) => (y - data.yTrue[i]!) ** 2)),
    looMse: model.leaveOneOut().mse,
    meanNEff: mean(detail.nEff),
    emptyCount: detail.emptyCount,
  };
}

/** α(|x|) for every kernel on x ∈ [−2.5, 2.5] (step 0.005), width 1. */
export function kernelCurves(): KernelCurves {
  const x = Float64Array.from({ length: 1001 }, (_, i) => (i - 500) / 200);
  return { x, curves: kernels.map((k) => ({ kernel: k.name, alpha: x.map((v) => k.profile(Math.abs(v))) })) };
}

/** Runs the chapter on its data for `seed`. */
export function runChapter(seed: number): ChapterResults {
  const data = chapterData(seed);
  const kernelFits = CHAPTER_KERNELS.map(({ kernel, label }) => fitOnChapter(data, kernel, 1, label));
  const widthFits = CHAPTER_WIDTHS.map((s) => fitOnChapter(data, 'gaussian', s, `σ = ${s}`));
  const selected = regression({ bandwidth: 'cv-ls' }).fit(data.xTrain, data.yTrain);
  const h = selected.bandwidth[0]!;
  const looFit = fitOnChapter(data, 'gaussian', h, `leave-one-out σ = ${h.toFixed(3)}`);
  const abramsonFit = fitOnChapter(data, 'gaussian', h, `Abramson local widths, h = ${h.toFixed(3)}`, { local: { method: 'abramson' } });
  const factors = localWidthFactors(matrix(data.xTrain, data.xTrain.length, 1), Float64Array.of(h), { method: 'abramson' },
    getKernel('gaussian'), 'radial', null);
  return {
    data,
    kernelCurves: kernelCurves(),
    kernelFits,
    widthFits,
    looFit,
    looSelection: (selected.selection?.curve ?? []).map((c) => ({ bandwidth: c.bandwidth[0]!, objective: c.objective })),
    abramsonFit,
    abramsonWidths: factors.map((l) => h * l),
  };
}


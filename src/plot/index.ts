/**
 * The figures of the chapter as Vega-Lite specs built from plain data (usable in a browser with vega-embed,
 * or headless with `renderSvg`/`renderPng` from './render.js', which needs Node for the PNG).
 */
export { kernelPanelsSpec, kernelZooSpec } from './kernels.js';
export type { KernelCurve } from './kernels.js';
export { chapterDataSpec } from './data.js';
export type { ChapterDataFigure } from './data.js';
export { fitPanelsSpec } from './fits.js';
export type { FitPanel, FitFigureOptions } from './fits.js';
export { attentionHeatmapsSpec } from './heatmaps.js';
export type { AttentionPanel, AttentionFigureOptions } from './heatmaps.js';
export { localWidthsSpec } from './local-widths.js';
export type { LocalWidthsFigure } from './local-widths.js';
export { parzenIdentitySpec } from './parzen.js';
export type { ParzenFigure } from './parzen.js';
export { widthLearningSpec } from './width-learning.js';
export type { LearningRun } from './width-learning.js';
export { looCurveSpec } from './loo-curve.js';
export type { LooCurveFigure } from './loo-curve.js';
export { consistencySpec } from './consistency.js';
export type { ConsistencySeries } from './consistency.js';
export { chartConfig, COLORS, FONT_FAMILY, VEGA_LITE_SCHEMA } from './theme.js';
export type { Spec } from './theme.js';

/**
 * The chapter reproduced: runs every experiment and exercise of "Attention Pooling by Similarity" with the
 * library, renders each figure to SVG and PNG, and writes OUT/index.html and OUT/figures/. The same seed
 * gives the same bytes on every machine (no timestamps; fixed number formatting; a shipped font).
 */
import { join, resolve } from 'node:path';
import { CHAPTER_SEED } from '../index.js';
import { renderPng, renderSvg } from '../plot/render.js';
import { runChapter } from './chapter.js';
import { consistency, parzenIdentity, sphereIdentity, widthLearning } from './exercises.js';
import { buildFigures, FIGURE_NAMES } from './figures.js';
import type { ReportResults } from './figures.js';
import type { SphereResult } from './exercises.js';
import { dejaVuFontFiles } from './fonts.js';
import { writeFileAtomic } from './files.js';
import { reportHtml } from './html.js';
import type { RenderedFigure } from './html.js';
import { summarise } from './summary.js';
import type { ReportSummary } from './summary.js';

export { formatSummary, summarise } from './summary.js';
export type { ReportSummary, SummaryRow } from './summary.js';
export { buildFigures, FIGURE_NAMES } from './figures.js';
export type { FigureEntry, ReportResults } from './figures.js';
export type { ConsistencyResult, ParzenResult, SphereResult, WidthLearningResult } from './exercises.js';
export { runChapter, CHAPTER_KERNELS, CHAPTER_WIDTHS } from './chapter.js';
export { consistency, parzenIdentity, sphereIdentity, widthLearning, CONSISTENCY_PLAN } from './exercises.js';
export { dejaVuFontFiles } from './fonts.js';

export interface ChapterReportOptions {
  /** Where to write index.html and figures/ (created if missing). */
  readonly outDir: string;
  /** Seed of the chapter's data and of every random draw (default CHAPTER_SEED = 2024). */
  readonly seed?: number;
  /** Called before each step: what is being done, and how many of the steps are done. */
  readonly onProgress?: (event: { readonly step: string; readonly done: number; readonly total: number }) => void;
}

export interface ChapterReport {
  readonly seed: number;
  /** Absolute path of the output folder and of the page. */
  readonly outDir: string;
  readonly indexHtml: string;
  /** Every figure's absolute SVG and PNG paths. */
  readonly figures: readonly { readonly name: string; readonly heading: string; readonly svg: string; readonly png: string }[];
  /** Every file written, absolute paths. */
  readonly files: readonly string[];
  readonly summary: ReportSummary;
  /** The full results behind the figures. */
  readonly results: ReportResults;
}

/** Stable seeds for the exercises' own draws, derived from the report's seed. */
const SUB_SEED = { sphere: 2, consistency: 3 } as const;

/**
 * Every number of the report for `seed` (no files): the chapter's experiments and the four exercises.
 * @example const { results, sphere } = computeReport(2024);
 */
export function computeReport(seed: number = CHAPTER_SEED, onStep: (step: string) => void = () => {}): { results: ReportResults; sphere: SphereResult } {
  onStep('the chapter: kernels, data, fits, attention, width sweep, chosen widths');
  const chapter = runChapter(seed);
  onStep('exercise 1: Parzen windows vs the classifier');
  const parzen = parzenIdentity(chapter.data);
  onStep('exercise 2: learning σ by gradient descent');
  const learning = widthLearning(chapter.data);
  onStep('exercise 3: the unit sphere');
  const sphere = sphereIdentity(mixSeed(seed, SUB_SEED.sphere));
  onStep('exercise 4: consistency, n = 40 … 40 000');
  const consistencyResult = consistency(mixSeed(seed, SUB_SEED.consistency));
  return { results: { chapter, parzen, learning, consistency: consistencyResult }, sphere };
}

/**
 * @example
 * const report = await runChapterReport({ outDir: 'out', seed: 2024 });
 * console.log(formatSummary(report.summary), report.indexHtml);
 */
export async function runChapterReport(options: ChapterReportOptions): Promise<ChapterReport> {
  const seed = options.seed ?? CHAPTER_SEED;
  const outDir = resolve(options.outDir);
  let done = 0;
  const total = 5 + FIGURE_NAMES.length + 1; // computations, figures, the page
  const progress = (step: string) => options.onProgress?.({ step, done: done++, total });

  const { results, sphere } = computeReport(seed, progress);
  const summary = summarise(results, sphere);

  const entries = buildFigures(results);
  const fontFiles = dejaVuFontFiles();
  const rendered: RenderedFigure[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    progress(`figure ${entry.name}`);
    const svg = await renderSvg(entry.spec);
    const png = renderPng(svg, { fontFiles, scale: 2 });
    const svgPath = join(outDir, 'figures', `${entry.name}.svg`);
    const pngPath = join(outDir, 'figures', `${entry.name}.png`);
    writeFileAtomic(svgPath, svg);
    writeFileAtomic(pngPath, png);
    files.push(svgPath, pngPath);
    const size = svgSize(svg);
    rendered.push({ entry, svg: `figures/${entry.name}.svg`, png: `figures/${entry.name}.png`, width: size.width, height: size.height });
  }
  progress('index.html');
  const indexHtml = join(outDir, 'index.html');
  writeFileAtomic(indexHtml, reportHtml(results, sphere, summary, rendered));
  files.push(indexHtml);
  options.onProgress?.({ step: 'done', done: total, total });
  return {
    seed, outDir, indexHtml,
    figures: rendered.map((f) => ({ name: f.entry.name, heading: f.entry.heading, svg: join(outDir, f.svg), png: join(outDir, f.png) })),
    files, summary, results,
  };
}

/** The size Vega wrote on the root <svg> element. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 800, height: 400 };
}

function mixSeed(seed: number, k: number): number {
  return (Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) + k * 0x6c8e9cf5) >>> 0;
}

/**
 * The main job, shared by `npm start` and `nadaraya demo`: reproduce the chapter into a folder, print a
 * short summary table and the path of the report.
 */
import { isAbsolute, relative } from 'node:path';
import { formatSummary, runChapterReport } from '../report/index.js';
import type { ChapterReport } from '../report/index.js';

export interface DemoOptions {
  readonly outDir: string;
  readonly seed?: number | undefined;
  /** No progress line (it is drawn only on a terminal anyway). */
  readonly quiet?: boolean;
}

export async function runDemo(options: DemoOptions): Promise<ChapterReport> {
  const started = performance.now();
  const progress = !options.quiet && process.stderr.isTTY;
  const report = await runChapterReport({
    outDir: options.outDir,
    seed: options.seed,
    onProgress: ({ step, done, total }) => {
      if (progress) process.stderr.write(`\r\x1b[K[${done + 1}/${total}] ${step}`);
    },
  });
  if (progress) process.stderr.write('\r\x1b[K');
  console.log(formatSummary(report.summary));
  console.log('');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // relative to where the user stands when the folder is below it, else the absolute path
  const rel = relative(process.cwd(), report.outDir);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? report.outDir : rel;
  console.log(`${report.figures.length} figures (SVG and PNG) in ${shown}/figures/, in ${seconds} s`);
  console.log(`Report: ${report.indexHtml}`);
  return report;
}

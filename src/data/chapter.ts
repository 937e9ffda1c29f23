/**
 * The chapter's data (d2l, "Attention Pooling by Similarity"): y = 2 sin(x) + x + ε, ε ~ N(0, 1),
 * n keys x ~ U(0, 5) sorted, queries 0, 0.1, …, 4.9.
 */
import { seededRandom } from './random.js';

export const CHAPTER_SEED = 2024;

/** The true regression function f(x) = 2 sin(x) + x. */
export function chapterFunction(x: number): number {
  return 2 * Math.sin(x) + x;
}

export interface ChapterData {
  readonly seed: number;
  readonly xTrain: Float64Array;
  readonly yTrain: Float64Array;
  readonly xQuery: Float64Array;
  readonly yTrue: Float64Array;
}

export function chapterData(seed = CHAPTER_SEED, n = 40): ChapterData {
  const rng = seededRandom(seed);
  const xTrain = Float64Array.from({ length: n }, () => 5 * rng.uniform()).sort();
  const yTrain = xTrain.map((x) => chapterFunction(x) + rng.normal());
  const xQuery = Float64Array.from({ length: 50 }, (_, i) => Math.round(i) / 10);
  const yTrue = xQuery.map(chapterFunction);
  return { seed, xTrain, yTrain, xQuery, yTrue };
}

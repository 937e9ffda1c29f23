/**
 * Queries in batches: the library call is synchronous, so batching is what lets a progress bar move, and
 * what keeps the temporary rows of a large query file small. Batching does not change any estimate
 * (each query is pooled on its own; the property tests check invariance to batching).
 */
import { Progress } from './progress.js';
import { locateError } from './dataset.js';
import type { ErrorPlaces } from './dataset.js';

/** Queries per library call. */
export const BATCH_SIZE = 4096;

/**
 * Calls `run(start, end)` over [0, m) in batches, moving a progress bar when one may be shown; a library
 * error about a query row is re-worded to name the query file's line.
 * @example await inBatches(m, 'predict', true, places, (s, e) => { out.set(model.predict(points(s, e)), s); });
 */
export async function inBatches(m: number, label: string, progress: boolean, places: ErrorPlaces,
  run: (start: number, end: number) => void): Promise<void> {
  const bar = new Progress(label, m, { enabled: progress });
  try {
    for (let start = 0; start < m; start += BATCH_SIZE) {
      const end = Math.min(m, start + BATCH_SIZE);
      try {
        run(start, end);
      } catch (e) {
        throw locateError(e, { ...places, queries: places.queries ? { ...places.queries, offset: start } : undefined });
      }
      bar.update(end);
      // let the bar's timer draw between batches once it is on screen
      if (bar.visible) await new Promise((r) => setImmediate(r));
    }
  } finally {
    bar.stop();
  }
}

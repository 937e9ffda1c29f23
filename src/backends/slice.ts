/**
 * Splitting a job by queries: the sub-job of queries [i0, i1) and the copy of its sums into the whole
 * job's output. What the workers backend (and any multi-threaded runner) is made of: every query's
 * reduction is independent, so any split gives the same numbers.
 */
import type { PoolSums } from '../engine/types.js';
import type { PoolJob } from './types.js';

/** The queries i0 ≤ i < i1 of a job, as a job of their own (views, no copies). */
export function sliceJob(job: PoolJob, i0: number, i1: number): PoolJob {
  const d = job.d;
  return {
    ...job,
    m: i1 - i0,
    queries: job.queries.subarray(i0 * d, i1 * d),
    lo: job.lo ? job.lo.subarray(i0, i1) : null,
    hi: job.hi ? job.hi.subarray(i0, i1) : null,
    exclude: job.exclude ? job.exclude.subarray(i0, i1) : null,
  };
}

/** Empty sums for m queries and p value columns, on the given buffers' memory when given. */
export function allocSums(m: number, p: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): PoolSums {
  const f = (len: number) => new Float64Array(alloc(len * 8), 0, len);
  return { m, p, logScale: f(m), sum: f(m), sumSq: f(m), maxTerm: f(m), weighted: f(m * p) };
}

/** Writes the sums of a sub-job that starts at query i0 into the whole job's sums. */
export function writeRange(into: PoolSums, part: PoolSums, i0: number): void {
  into.logScale.set(part.logScale, i0);
  into.sum.set(part.sum, i0);
  into.sumSq.set(part.sumSq, i0);
  into.maxTerm.set(part.maxTerm, i0);
  into.weighted.set(part.weighted, i0 * into.p);
}

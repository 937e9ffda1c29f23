/**
 * A width-selection problem: the training data as the engine holds it, the targets in the caller's
 * order, and how to build the similarity for trial widths. Selectors evaluate objectives on it.
 */
import { keysInCallerOrder, makeKeySet, sortKeySet1d } from '../engine/keyset.js';
import type { KeySet, Similarity } from '../engine/types.js';
import type { Kernel } from '../kernels/types.js';
import type { KernelShape } from '../kernels/normalization.js';
import type { Matrix } from '../data/matrix.js';

export type Task = 'regression' | 'classification' | 'density';

export interface SelectionProblem {
  readonly task: Task;
  readonly kernel: Kernel;
  readonly shape: KernelShape;
  readonly keys: KeySet;
  /** The training points in the caller's order (the leave-one-out queries). */
  readonly points: Float64Array;
  /** The values in the caller's order (n × p; one-hot for classification), or null for density. */
  readonly targets: Float64Array | null;
  /** Observation weights in the caller's order, or null. */
  readonly weights: Float64Array | null;
  readonly n: number;
  readonly d: number;
  readonly p: number;
}

export function makeProblem(task: Task, x: Matrix, values: Matrix | null, weights: Float64Array | null,
  kernel: Kernel, shape: KernelShape, keyScale: Float64Array | null = null): SelectionProblem {
  const keys = sortKeySet1d(makeKeySet(x.data, x.cols, values ? values.data : null, values ? values.cols : 0, weights, keyScale));
  return {
    task, kernel, shape, keys,
    points: keysInCallerOrder(keys),
    targets: values ? values.data : null,
    weights,
    n: x.rows, d: x.cols, p: values ? values.cols : 0,
  };
}

/** The kernel similarity at raw widths h. */
export function similarityAt(problem: SelectionProblem, h: ArrayLike<number>): Extract<Similarity, { kind: 'kernel' }> {
  return { kind: 'kernel', kernel: problem.kernel, shape: problem.shape, invWidth: Float64Array.from(h, (v) => 1 / v) };
}

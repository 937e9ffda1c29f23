/**
 * What a k-d tree node can give a query, for the searches that visit nodes best first (truncated sums,
 * top-k attention): an upper bound on the log-term of any of its keys, and the max-heap they are kept in.
 */
import { gaussian } from '../kernels/gaussian.js';
import type { Kernel } from '../kernels/types.js';
import type { KernelShape } from '../kernels/normalization.js';
import type { KdTree } from './kd-tree.js';

/** A bound on log|α| as a function of a squared distance in width units, and the metric it is read in. */
export interface NodeEnvelope {
  /** Non-increasing in r². */
  readonly envelope: (r2: number) => number;
  /** Euclidean distances (radial kernels, the Gaussian) or Chebyshev ones (product kernels). */
  readonly euclidean: boolean;
  /** What `envelope` adds to log|α| (product kernels); 0: it is log|α| itself. */
  readonly lift: number;
}

/** Radial kernels (and the Gaussian, whose product is radial) in Euclidean distance; a product kernel is at most the profile of its largest coordinate times α(0)^(d − 1). */
export function nodeEnvelope(kernel: Kernel, shape: KernelShape, d: number): NodeEnvelope {
  const euclidean = shape === 'radial' || kernel === gaussian || d === 1;
  const lift = euclidean ? 0 : (d - 1) * Math.max(0, kernel.logEnvelopeSq(0));
  const envelope = lift === 0 ? kernel.logEnvelopeSq : (r2: number) => kernel.logEnvelopeSq(r2) + lift;
  return { envelope, euclidean, lift };
}

/**
 * log of the largest term a key of a node can give the query at `queries[qOff …]`: the envelope at the
 * node box's distance for its widest key, plus its heaviest key's log weight.
 */
export function nodeLogBound(tree: KdTree, env: NodeEnvelope, invWidth: Float64Array):
  (queries: Float64Array, qOff: number, node: number) => number {
  const { d, lo, hi, maxLogWeight, maxScale } = tree;
  const { envelope, euclidean } = env;
  return (queries, qOff, node) => {
    let acc = 0;
    for (let c = 0; c < d; c++) {
      const v = queries[qOff + c]!;
      const g = Math.max(0, lo[node * d + c]! - v, v - hi[node * d + c]!) * invWidth[c]!;
      acc = euclidean ? acc + g * g : Math.max(acc, g * g);
    }
    const s = maxScale[node]!;
    return maxLogWeight[node]! + envelope(acc / (s * s));
  };
}

/** A max-heap of nodes by priority (a log bound), with room for every node of a tree. */
export class NodeHeap {
  readonly nodes: Int32Array;
  readonly priorities: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.nodes = new Int32Array(capacity);
    this.priorities = new Float64Array(capacity);
  }

  /** The largest priority (−∞ when empty). */
  top(): number {
    return this.size === 0 ? -Infinity : this.priorities[0]!;
  }

  push(node: number, pri: number): void {
    const { nodes, priorities } = this;
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (priorities[parent]! >= pri) break;
      nodes[k] = nodes[parent]!; priorities[k] = priorities[parent]!;
      k = parent;
    }
    nodes[k] = node; priorities[k] = pri;
  }

  /** Removes and returns the node of the largest priority. */
  pop(): number {
    const { nodes, priorities } = this;
    const top = nodes[0]!;
    const size = --this.size;
    const lastNode = nodes[size]!, lastPri = priorities[size]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= size) break;
      if (c + 1 < size && priorities[c + 1]! > priorities[c]!) c++;
      if (priorities[c]! <= lastPri) break;
      nodes[k] = nodes[c]!; priorities[k] = priorities[c]!;
      k = c;
    }
    nodes[k] = lastNode; priorities[k] = lastPri;
    return top;
  }
}

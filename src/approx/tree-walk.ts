/**
 * Truncation over a k-d tree, as a walk for the engine (`PoolOptions.walk`). Nodes are visited in order of
 * the largest term any of their keys could give the query (best first: a max-heap on that bound), and the
 * walk stops once
 *   Σ over the nodes not visited of (their keys) × (their largest term)  ≤  τ/2 · Σ_visited wα
 * (τ/2 · A under the `total` error scale, after at least one leaf),
 * so every query stops at its own radius — near the data, or far from it, where the nearest keys dominate
 * (a fixed radius would have to be wide enough for the farthest query). Then the keys skipped are bounded:
 * the nodes nearest the cut are summed exactly (their terms, not a bound on them; or, for a node whose
 * terms all lie within a factor e, count × largest) until the rest, charged node by node with count ×
 * largest term, is below a quarter of that; so the bound is the skipped sum itself plus a little, not a
 * worst case over the whole data.
 */
import type { KeyWalk, Similarity } from '../engine/types.js';
import { LEAF_SIZE } from './kd-tree.js';
import { NodeHeap, nodeLogBound } from './node-bound.js';
import type { NodeEnvelope } from './node-bound.js';
import type { KdTree } from './kd-tree.js';

export interface TreeTruncation extends NodeEnvelope {
  readonly sim: Similarity & { readonly kind: 'kernel' };
  /** Relative to Σ wα (false) or, for signed kernels, to the largest |term| (true). */
  readonly signed: boolean;
  readonly tolerance: number;
  /**
   * Under the `total` error scale, log A (scale.ts): the walk stops on τ/2 of it instead of τ/2 of the
   * running sum (null: the `relative` scale).
   */
  readonly logTotal: number | null;
}

/**
 * Leaves summed exactly for the bound: at least this many may be, or as many as the query visited (so the
 * bound costs at most about as much again as the sum); the rest is charged node by node.
 */
const REFINE_LEAVES = 8;
/** The exact part of the bound is raised by this much (in log: a factor 1 + 1e-9), for the rounding of its exp and log. */
const ROUNDING_UP = 1e-9;
/** Refining stops once the rest's charge is below this (log) fraction of what was summed. */
const LOG_REMAINDER = Math.log(0.25);

/** log(eᵃ + eᵇ) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** The walk; writes per query the log of a bound on Σ |wα| over the keys it skipped into skippedLog. */
export function truncatedTreeWalk(tree: KdTree, queries: Float64Array, setup: TreeTruncation, skippedLog: Float64Array): KeyWalk {
  const { d, start, end, child, lo, hi, minLogWeight, minScale } = tree;
  const keys = tree.keys;
  const n = keys.n;
  const { envelope, euclidean, signed, logTotal } = setup;
  const tight = euclidean && !signed && setup.lift === 0;
  const invWidth = setup.sim.invWidth;
  const logHalfTol = Math.log(setup.tolerance / 2), logNegligible = Math.log(setup.tolerance * 1e-6);
  // the heap: node and the log bound of its largest term (a max-heap on it)
  const heap = new NodeHeap(tree.size);
  const heapNode = heap.nodes, heapPri = heap.priorities;
  let qOff = 0;
  /** log of the largest bound written so far (the total scale skips refining what cannot exceed it). */
  let worst = -Infinity;

  /** log of the largest term a key of `node` can give the query at qOff. */
  const nodeBound = nodeLogBound(tree, setup, invWidth);
  const bound = (node: number): number => nodeBound(queries, qOff, node);
  /**
   * log of the smallest term a key of `node` can give (at the box's farthest corner, smallest weight and
   * width); −Infinity where no such bound is simple (signed kernels, whose |α| has zeros; product kernels).
   */
  const least = (node: number): number => {
    if (!tight) return -Infinity;
    let acc = 0;
    for (let c = 0; c < d; c++) {
      const v = queries[qOff + c]!;
      const g = Math.max(v - lo[node * d + c]!, hi[node * d + c]! - v) * invWidth[c]!;
      acc += g * g;
    }
    const s = minScale[node]!;
    return minLogWeight[node]! + envelope(acc / (s * s));
  };
  const push = (node: number, pri: number): void => heap.push(node, pri);
  const pop = (): number => heap.pop();
  const split = (node: number): void => {
    const f = child[node]!;
    push(f, bound(f));
    push(f + 1, bound(f + 1));
  };
  /** log Σ over the heap of count × largest term: a bound on every key not yet visited. */
  const heapLogCharge = (): number => {
    const top = heap.top(); // the largest: terms far below it cannot matter next to it
    if (top === -Infinity) return top; // nothing left in reach (compact kernels)
    let s = 0;
    for (let k = 0; k < heap.size; k++) s += (end[heapNode[k]!]! - start[heapNode[k]!]!) * Math.exp(heapPri[k]! - top);
    return top + Math.log(s);
  };

  // exact terms of a leaf, for the refined bound: log|α| + log multiplier per key (as the engine computes
  // them; written out here because the engine's tile filler allocates per call, n-sized without local widths)
  const kernel = setup.sim.kernel, K = keys.keys, LW = keys.logWeights, inv = keys.invKeyScale;
  const product = setup.sim.shape === 'product' && d > 1;
  const leafLogSum = (a: number, b: number): number => {
    let m = -Infinity, s = 0;
    for (let j = a; j < b; j++) {
      const scale = inv ? inv[j]! : 1;
      let la = LW ? LW[j]! : 0, u2 = 0;
      for (let c = 0; c < d; c++) {
        const t = (queries[qOff + c]! - K[j * d + c]!) * invWidth[c]! * scale;
        if (product) la += kernel.logAbsSq(t * t); else u2 += t * t;
      }
      if (!product) la += kernel.logAbsSq(u2);
      // running log-sum-exp: rescale when a larger term arrives
      if (la > m) { s = s * Math.exp(m - la) + 1; m = la; } else if (la > -Infinity) s += Math.exp(la - m);
    }
    return m === -Infinity ? m : m + Math.log(s);
  };

  /**
   * log of what the skipped keys are measured against: the running sum (or, for signed kernels, the largest
   * |term|), or A under the `total` scale — once a key has been summed, so that a query far from the data
   * still reads its nearest keys (a regression estimate T/S stays defined; without them Ŝ would be 0).
   */
  const reference = (running: Float64Array): number => {
    if (logTotal !== null) return running[0]! === -Infinity ? -Infinity : logTotal;
    return signed ? running[0]! : running[0]! + Math.log(running[1]!);
  };

  return (i, add, running) => {
    qOff = i * d;
    heap.size = 0;
    push(0, bound(0));
    let visited = 0, leaves = 0, check = 1;
    // visit until the heap's charge is below τ/2 of the reference: first the cheap test with every key
    // left charged the top's bound, then, at 1, 2, 4, … leaves, the charge summed node by node
    while (heap.size > 0) {
      const ref = reference(running);
      if (Math.log(n - visited) + heapPri[0]! <= ref + logHalfTol) break;
      if (leaves >= check) {
        check *= 2;
        if (heapLogCharge() <= ref + logHalfTol) break;
      }
      const node = pop();
      // a leaf is summed; so is a whole node whose smallest term is above τ/2 of the sum so far (none of its
      // keys could be left out: one call instead of a walk down to its leaves, as fast as the exact engine
      // when the width spans the data)
      if (child[node]! < 0 || (ref > -Infinity && least(node) > ref + logHalfTol)) {
        add(start[node]!, end[node]!);
        visited += end[node]! - start[node]!;
        leaves += Math.ceil((end[node]! - start[node]!) / LEAF_SIZE);
      } else split(node);
    }
    // the skipped keys, nearest the cut first: a node whose terms all lie within a factor e of each other is
    // charged count × largest term; other leaves are summed exactly; until the rest's charge is small. Not
    // where the charge is below 1e-6 of the tolerance (a query far from the data, whose nearest keys leave
    // the rest negligible): such a bound is never the one that matters, and refining it would cost more
    // than the query's sum. Under the total scale every query's bound is over the same A, and only the
    // largest is reported: a query whose whole charge is below the largest bound so far cannot change it
    // (refining only lowers a bound), so it is not refined — most of them, once a query near the data's
    // peak has run
    const ref = reference(running);
    let acc = -Infinity, refined = 0, left = n - visited;
    const charge = heapLogCharge();
    const needed = charge > ref + logNegligible && !(logTotal !== null && charge <= worst);
    const budget = needed ? Math.max(REFINE_LEAVES, leaves) : 0;
    check = 1;
    while (heap.size > 0 && refined < budget) {
      if (Math.log(left) + heapPri[0]! <= acc + LOG_REMAINDER) break;
      if (refined >= check) {
        check *= 2;
        if (heapLogCharge() <= acc + LOG_REMAINDER) break;
      }
      const pri = heapPri[0]!;
      const node = pop();
      const count = end[node]! - start[node]!;
      if (pri - least(node) <= 1) { acc = logAddExp(acc, Math.log(count) + pri); left -= count; }
      else if (child[node]! >= 0) split(node);
      else { acc = logAddExp(acc, leafLogSum(start[node]!, end[node]!) + ROUNDING_UP); left -= count; refined++; }
    }
    skippedLog[i] = logAddExp(acc, heapLogCharge());
    if (skippedLog[i]! > worst) worst = skippedLog[i]!;
  };
}

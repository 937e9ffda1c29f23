/**
 * Attention weights wⱼα(q, kⱼ)/Σ wα, for reading and plotting: dense rows for small problems, the top-k
 * keys per query for large ones. A second pass over the keys per query, using the pooled (M, S) (computed
 * on the backend); top-k reads only the keys that can still make it: outward from the query over sorted
 * 1-D keys, best first through a k-d tree in d > 1.
 */
import { NadarayaError } from '../errors.js';
import { makeTileLogAlpha } from './log-alpha.js';
import { pool } from './pool.js';
import { buildKdTree } from '../approx/kd-tree.js';
import type { KdTree } from '../approx/kd-tree.js';
import { NodeHeap, nodeEnvelope, nodeLogBound } from '../approx/node-bound.js';
import type { KeySet, PoolOptions, Similarity } from './types.js';

/** Default budget for a dense attention matrix: 256 MiB. */
export const DEFAULT_ATTENTION_BYTES = 256 * 1024 * 1024;

/** Dense attention: `weights[i * n + j]` is the weight of key j for query i. */
export interface DenseAttention {
  readonly m: number;
  readonly n: number;
  readonly weights: Float64Array;
}

/** Top-k attention: for query i, `indices[i * k + r]` and `weights[i * k + r]`, by decreasing weight (−1 pads). */
export interface TopKAttention {
  readonly m: number;
  readonly k: number;
  readonly indices: Int32Array;
  readonly weights: Float64Array;
}

/** Visits the weight of each key in stored positions [from, to) for query i (the caller's key index). */
type RowVisitor = (i: number, from: number, to: number, visit: (i: number, j: number, w: number) => void) => void;

/** The pooled sums of the queries (float64) and a visitor of any stored range of a query's weights. */
function weightRows(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions):
  { sums: { logScale: Float64Array; sum: Float64Array }; row: RowVisitor } {
  // the rows below are computed in float64: their denominators must be too, so that each row sums to 1
  const sums = pool(keys, sim, queries, m, { ...options, precision: 'float64' });
  return { sums, row: rowVisitor(keys, sim, queries, options, sums) };
}

/**
 * The visitor of a key set's stored ranges against given sums (M, S): the same key set in another order
 * (a k-d tree's) gives each key the same weight, bit for bit, since a term depends on the key alone.
 */
function rowVisitor(keys: KeySet, sim: Similarity, queries: Float64Array, options: PoolOptions,
  sums: { logScale: Float64Array; sum: Float64Array }): RowVisitor {
  const { n, d, logWeights, order } = keys;
  const fill = makeTileLogAlpha(keys, sim);
  const signed = sim.kind === 'kernel' && sim.kernel.signed;
  const tile = Math.max(1, Math.min(options.tileSize ?? 256, n));
  const la = new Float64Array(tile);
  const sign = signed ? new Float64Array(tile) : null;
  // the left-out key of query i, by caller index (the stored position of it differs between orders)
  return (i, from, to, visit) => {
    const exclude = options.leaveOneOut ? i : -1;
    const M = sums.logScale[i]!;
    const S = sums.sum[i]!;
    for (let j0 = from; j0 < to; j0 += tile) {
      const j1 = Math.min(to, j0 + tile);
      fill(queries, i * d, j0, j1, la, sign);
      for (let t = 0; t < j1 - j0; t++) {
        const j = j0 + t;
        const caller = order ? order[j]! : j;
        if (S === 0) { visit(i, caller, NaN); continue; }
        if (caller === exclude) { visit(i, caller, 0); continue; }
        const l = la[t]! + (logWeights ? logWeights[j]! : 0);
        const w = l === -Infinity ? 0 : ((sign ? sign[t]! : 1) * Math.exp(l - M)) / S;
        visit(i, caller, w);
      }
    }
  };
}

function forEachWeight(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, options: PoolOptions,
  visit: (i: number, j: number, w: number) => void): void {
  const { row } = weightRows(keys, sim, queries, m, options);
  for (let i = 0; i < m; i++) row(i, 0, keys.n, visit);
}

/** Keys a top-k walk takes from one side at a time. */
const WALK_CHUNK = 64;
/** Below this many keys a top-k query in d > 1 scans them all (building the tree would cost more). */
const TREE_MIN_KEYS = 2048;

/** Dense attention rows; refused with E_RESOURCE when m × n × 8 bytes exceeds `maxBytes`. */
export function denseAttention(keys: KeySet, sim: Similarity, queries: Float64Array, m: number,
  options: PoolOptions & { maxBytes?: number } = {}): DenseAttention {
  const n = keys.n;
  const bytes = m * n * 8;
  const budget = options.maxBytes ?? DEFAULT_ATTENTION_BYTES;
  if (bytes > budget) {
    throw new NadarayaError('E_RESOURCE', { argument: 'attention', value: `${m} × ${n}` },
      `the dense attention matrix would need ${formatBytes(bytes)}, over the budget of ${formatBytes(budget)}; ask for topK instead, or raise the budget (the estimators' maxAttentionBytes option)`);
  }
  const weights = new Float64Array(m * n);
  forEachWeight(keys, sim, queries, m, options, (i, j, w) => { weights[i * n + j] = w; });
  return { m, n, weights };
}

/** The k largest weights per query (k is capped at n); ties keep the smaller key index first when keys are unsorted. */
export function topKAttention(keys: KeySet, sim: Similarity, queries: Float64Array, m: number, k: number,
  options: PoolOptions = {}): TopKAttention {
  const kk = Math.min(k, keys.n);
  const indices = new Int32Array(m * kk).fill(-1);
  const weights = new Float64Array(m * kk).fill(-Infinity);
  // each slot's key by stored position: ties in weight go to the key stored first, as a scan in stored order gives
  const position = new Int32Array(m * kk).fill(-1);
  const rank = keys.rank;
  let row0 = 0;
  const insert = (_: number, j: number, w: number) => {
    const o = row0;
    const p = rank ? rank[j]! : j;
    const last = o + kk - 1;
    if (!(w > weights[last]! || (w === weights[last]! && indices[last]! >= 0 && p < position[last]!))) return;
    let r = kk - 1;
    while (r > 0 && (weights[o + r - 1]! < w || (weights[o + r - 1]! === w && position[o + r - 1]! > p))) {
      weights[o + r] = weights[o + r - 1]!;
      indices[o + r] = indices[o + r - 1]!;
      position[o + r] = position[o + r - 1]!;
      r--;
    }
    weights[o + r] = w;
    indices[o + r] = j;
    position[o + r] = p;
  };
  /** Whether a key of weight 0 at stored position p would still enter row o. */
  const zeroWouldEnter = (o: number, p: number): boolean => {
    const last = o + kk - 1;
    return weights[last]! < 0 || (weights[last]! === 0 && position[last]! > p);
  };
  const { sums, row } = weightRows(keys, sim, queries, m, options);
  const kernelSim = kk > 0 && sim.kind === 'kernel' && !sim.kernel.signed ? sim : null;
  const walk = kernelSim && keys.order !== null && keys.d === 1 ? kernelSim : null;
  // in d > 1, a k-d tree over the keys, searched best first
  const treeSim = !walk && kernelSim && keys.n >= TREE_MIN_KEYS ? kernelSim : null;
  const tree = treeSim ? buildKdTree(keys, treeSim.invWidth) : null;
  const treeRow = tree ? rowVisitor(tree.keys, sim, queries, options, sums) : null;
  const treeBound = tree ? nodeLogBound(tree, nodeEnvelope(treeSim!.kernel, treeSim!.shape, keys.d), treeSim!.invWidth) : null;
  const heap = tree ? new NodeHeap(tree.size) : null;
  for (let i = 0; i < m; i++) {
    row0 = i * kk;
    const M = sums.logScale[i]!, S = sums.sum[i]!;
    if (walk && S > 0) topKWalk(keys, walk, queries[i]!, i, kk, M, S, weights, row0, row, insert);
    else if (tree && S > 0) topKTree(tree, treeBound!, heap!, queries, i, kk, M, S, weights, row0, treeRow!, insert);
    else { row(i, 0, keys.n, insert); continue; }
    // the searches leave alone keys whose terms are exactly 0 (beyond a compact kernel's reach); where fewer
    // than k keys weigh more, the full scan would fill the row with such zeros, the first stored first
    for (let p = 0; p < keys.n && zeroWouldEnter(row0, p); p++) {
      const j = keys.order ? keys.order[p]! : p;
      if (!indices.subarray(row0, row0 + kk).includes(j)) insert(i, j, 0);
    }
  }
  for (let t = 0; t < weights.length; t++) if (indices[t] === -1) weights[t] = NaN;
  return { m, k: kk, indices, weights };
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.ceil(b / 1024)} KiB`;
}

/**
 * The top k of one query over sorted 1-D keys, walking outward from the query a chunk at a time on the side
 * whose next key can weigh more, and stopping on a side once no key there can reach the current k-th
 * weight: a key at scaled distance u weighs at most e^{envelope(u²) + max log w − M}/S (the widest key's
 * reach, the heaviest key's weight), and the envelope only falls outward. Keys that tie the k-th are still
 * read (a hair of slack for rounding), so the answer is the full scan's.
 */
function topKWalk(keys: KeySet, sim: Similarity & { kind: 'kernel' }, x: number, i: number, kk: number, M: number, S: number,
  weights: Float64Array, o: number, row: RowVisitor, insert: (i: number, j: number, w: number) => void): void {
  const { n, keys: K, maxLogWeight } = keys;
  const ihReach = sim.invWidth[0]! / keys.maxKeyScale;
  const env = sim.kernel.logEnvelopeSq;
  const bound = (j: number) => { const u = (x - K[j]!) * ihReach; return env(u * u) + maxLogWeight; };
  let a = 0, b = n;
  while (a < b) { const mid = (a + b) >>> 1; if (K[mid]! < x) a = mid + 1; else b = mid; }
  let left = a - 1, right = a;
  for (;;) {
    // log-terms below this cannot reach the k-th weight
    const floor = logFloor(weights[o + kk - 1]!, M, S);
    const lb = left >= 0 ? bound(left) : -Infinity;
    const rb = right < n ? bound(right) : -Infinity;
    // a side whose next key's term is exactly 0 (a compact kernel's reach) holds nothing but zeros
    const leftOpen = left >= 0 && lb > -Infinity && lb >= floor;
    const rightOpen = right < n && rb > -Infinity && rb >= floor;
    if (!leftOpen && !rightOpen) return;
    if (rightOpen && (!leftOpen || rb >= lb)) {
      const to = Math.min(n, right + WALK_CHUNK);
      row(i, right, to, insert);
      right = to;
    } else {
      const from = Math.max(0, left + 1 - WALK_CHUNK);
      row(i, from, left + 1, insert);
      left = from - 1;
    }
  }
}

/** The log-term below which no key can reach weight wk (−∞ while the row is not full or wk is 0), with slack. */
function logFloor(wk: number, M: number, S: number): number {
  if (!(wk > 0)) return -Infinity;
  const floor = M + Math.log(S * wk);
  return floor - 1e-9 * (1 + Math.abs(floor));
}

/**
 * The top k of one query in d > 1: the k-d tree's nodes best first by the largest term any of their keys
 * can give (node-bound.ts, as truncation walks them), leaves read exactly, until the best node left cannot
 * reach the current k-th weight.
 */
function topKTree(tree: KdTree, bound: (queries: Float64Array, qOff: number, node: number) => number, heap: NodeHeap,
  queries: Float64Array, i: number, kk: number, M: number, S: number, weights: Float64Array, o: number, row: RowVisitor,
  insert: (i: number, j: number, w: number) => void): void {
  const { d, start, end, child } = tree;
  const q0 = i * d;
  heap.size = 0;
  heap.push(0, bound(queries, q0, 0));
  // nodes whose bound is −∞ hold nothing but zeros (the caller fills those in)
  while (heap.size > 0 && heap.top() > -Infinity && heap.top() >= logFloor(weights[o + kk - 1]!, M, S)) {
    const node = heap.pop();
    const f = child[node]!;
    if (f < 0) { row(i, start[node]!, end[node]!, insert); continue; }
    heap.push(f, bound(queries, q0, f));
    heap.push(f + 1, bound(queries, q0, f + 1));
  }
}

/**
 * A stable argsort of numbers for large arrays: a most-significant-digit bucket sort by value (at most
 * 2048 buckets per level, so the scatter streams stay in cache), recursing into crowded buckets, with an
 * insertion sort for short runs. Values travel with their indices, so no level reads at random. The order
 * equals that of a stable comparator sort `(a, b) => x[a] − x[b]` (ties keep their order, −0 equals 0),
 * about ten times faster at n = 10⁷.
 */

const FAN_OUT = 2048;
/** Runs up to this long are bucketed one value per bucket on average (they fit in cache). */
const LOCAL = 1 << 15;
const INSERTION_MAX = 32;
const MAX_DEPTH = 12;

/**
 * Indices that sort `x` ascending, stably. `x` must hold no NaN.
 * @example argsortStable(Float64Array.of(3, 1, 2, 1)); // Int32Array [1, 3, 2, 0]
 */
export function argsortStable(x: ArrayLike<number>): Int32Array {
  return sortWithOrder(x).order;
}

/** The sorted values and the stable order that sorts them (`sorted[j] = x[order[j]]`), from one sort. */
export function sortWithOrder(x: ArrayLike<number>): { sorted: Float64Array; order: Int32Array } {
  const n = x.length;
  const vals = Float64Array.from(x);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (n > 1) sortRange(vals, idx, new Float64Array(n), new Int32Array(n), new Int32Array(Math.max(FAN_OUT, Math.min(n, LOCAL)) + 1), 0, n, 0);
  return { sorted: vals, order: idx };
}

function sortRange(v: Float64Array, ix: Int32Array, tv: Float64Array, ti: Int32Array, count: Int32Array,
  s: number, e: number, depth: number): void {
  const len = e - s;
  if (len <= INSERTION_MAX) { insertion(v, ix, s, e); return; }
  let lo = Infinity, hi = -Infinity;
  for (let k = s; k < e; k++) { const a = v[k]!; if (a < lo) lo = a; if (a > hi) hi = a; }
  if (!(hi > lo)) return; // all equal: already in index order
  if (depth >= MAX_DEPTH || !Number.isFinite(hi - lo)) { comparatorSort(v, ix, s, e); return; }
  const nb = len <= LOCAL ? len : FAN_OUT;
  const scale = (nb - 1) / (hi - lo);
  count.fill(0, 0, nb + 1);
  // the bucket map floor((a − lo) · scale) is non-decreasing in a, so buckets are in value order
  for (let k = s; k < e; k++) count[Math.min(nb - 1, Math.floor((v[k]! - lo) * scale)) + 1]!++;
  for (let b = 0; b < nb; b++) count[b + 1]! += count[b]!;
  const starts = count.slice(0, nb + 1);
  for (let k = s; k < e; k++) {
    const b = Math.min(nb - 1, Math.floor((v[k]! - lo) * scale));
    const to = s + count[b]!++;
    tv[to] = v[k]!;
    ti[to] = ix[k]!;
  }
  v.set(tv.subarray(s, e), s);
  ix.set(ti.subarray(s, e), s);
  for (let b = 0; b < nb; b++) {
    const bs = s + starts[b]!, be = s + starts[b + 1]!;
    if (be - bs <= 1) continue;
    if (be - bs <= INSERTION_MAX) insertion(v, ix, bs, be);
    else sortRange(v, ix, tv, ti, count, bs, be, depth + 1);
  }
}

/** Stable insertion sort of v[s:e) carrying ix. */
function insertion(v: Float64Array, ix: Int32Array, s: number, e: number): void {
  for (let k = s + 1; k < e; k++) {
    const a = v[k]!, i = ix[k]!;
    let j = k - 1;
    while (j >= s && v[j]! > a) { v[j + 1] = v[j]!; ix[j + 1] = ix[j]!; j--; }
    v[j + 1] = a;
    ix[j + 1] = i;
  }
}

function comparatorSort(v: Float64Array, ix: Int32Array, s: number, e: number): void {
  const part = Array.from(ix.subarray(s, e), (i, k) => [v[s + k]!, i] as const);
  part.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  part.forEach(([a, i], k) => { v[s + k] = a; ix[s + k] = i; });
}

/** Shared checks of the engine against the slow reference loop `referencePool`. */
import assert from 'node:assert/strict';
import { denseAttention, diagnostics, estimates, pool, referencePool, topKAttention } from '../../src/index.js';
import type { Kernel, KeySet, Random, Similarity } from '../../src/index.js';

export const TILES = [8, 256];

/** Element-wise |got − want| ≤ tol · max(|want|, floor); NaN exactly where want is NaN. */
export function assertAllClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, label: string, floor = 0): void {
  assert.equal(got.length, want.length, `${label}: length`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!, w = want[i]!;
    if (Number.isNaN(w)) { assert.ok(Number.isNaN(g), `${label}[${i}]: got ${g}, want NaN`); continue; }
    if (g === w) continue; // also ±Infinity
    assert.ok(Math.abs(g - w) <= tol * Math.max(Math.abs(w), floor), `${label}[${i}]: got ${g}, want ${w}`);
  }
}

export const uniformRows = (rng: Random, rows: number, d: number, lo: number, hi: number) =>
  Float64Array.from({ length: rows * d }, () => lo + (hi - lo) * rng.uniform());

export function kernelSim(kernel: Kernel, shape: 'radial' | 'product', widths: number[]): Similarity {
  return { kind: 'kernel', kernel, shape, invWidth: Float64Array.from(widths, (h) => 1 / h) };
}

/**
 * Checks estimates, logDenominator, dense rows and top-3 rows of the engine on `engineKeys` against
 * `referencePool` on `refKeys` (the same keys, possibly stored in another order: attention and
 * leave-one-out speak of the reference's key order), for every tile size in TILES.
 */
export function compareWithReference(refKeys: KeySet, engineKeys: KeySet, sim: Similarity, queries: Float64Array, m: number,
  loo: boolean, label: string): void {
  const ref = referencePool(refKeys, sim, queries, m, loo);
  const n = refKeys.n;
  for (const tileSize of TILES) {
    const opts = { leaveOneOut: loo, tileSize };
    const at = `${label}, tile ${tileSize}`;
    const sums = pool(engineKeys, sim, queries, m, opts);
    // values are O(1) with mixed signs, so an estimate near 0 is judged on the values' scale (floor 1)
    assertAllClose(estimates(sums), ref.estimates, 1e-12, `${at}: estimates`, 1);
    const diag = diagnostics(sums);
    const dense = denseAttention(engineKeys, sim, queries, m, opts).weights;
    const top = topKAttention(engineKeys, sim, queries, m, 3, opts);
    for (let i = 0; i < m; i++) {
      const row = ref.weights.subarray(i * n, (i + 1) * n);
      const empty = ref.denominators[i] === 0;
      assert.equal(Number.isNaN(ref.estimates[i * refKeys.p]!), empty);
      // weights sum to 1: tiny ones are judged to 1e-15 absolute (the reference's 1 − u² near the edge of a
      // compact support loses digits to cancellation, the engine's log1p(−u²) does not)
      if (!empty) assertAllClose(dense.subarray(i * n, (i + 1) * n), row, 1e-12, `${at}: dense row ${i}`, 1e-3);
      // an empty row has no weights (the left-out key of a leave-one-out row aside: it is 0, see engine.test.ts)
      else for (let j = 0; j < n; j++) if (!(loo && j === i)) assert.ok(Number.isNaN(dense[i * n + j]!), `${at}: empty row ${i}`);
      assertAllClose([diag.logDenominator[i]!], [empty ? -Infinity : Math.log(ref.denominators[i]!)], 1e-12, `${at}: logDenominator ${i}`, 1);
      // top-3: the three largest of the dense row, in decreasing order
      const want = Array.from(dense.subarray(i * n, (i + 1) * n)).filter((w) => !Number.isNaN(w)).sort((a, b) => b - a).slice(0, 3);
      for (let r = 0; r < 3; r++) {
        const j = top.indices[i * 3 + r]!;
        if (empty) {
          // the left-out key of an empty leave-one-out row is a known exception (see engine.test.ts)
          if (!(loo && j === i)) { assert.equal(j, -1, `${at}: empty row ${i}`); assert.ok(Number.isNaN(top.weights[i * 3 + r]!)); }
          continue;
        }
        assert.equal(top.weights[i * 3 + r], want[r], `${at}: top-3 weight ${r} of query ${i}`);
        assert.equal(dense[i * n + j], want[r], `${at}: top-3 index ${r} of query ${i}`);
      }
      if (!empty) assert.equal(new Set(top.indices.subarray(i * 3, i * 3 + 3)).size, 3, `${at}: distinct top-3 indices`);
    }
  }
}

/** Comparing two backends' sums of the same job. */
import assert from 'node:assert/strict';
import type { PoolSums } from '../../src/index.js';

/**
 * Compares two results of the same job in scale-free readings: log Σ (per query), the estimates W/S,
 * the effective number of keys S²/S2 and the largest weight top/S.
 */
export function assertSumsClose(got: PoolSums, want: PoolSums, tolerance: number, label: string): void {
  assert.equal(got.m, want.m, `${label}: m`);
  for (let i = 0; i < want.m; i++) {
    let tol = tolerance;
    const at = `${label}, query ${i}`;
    const ws = want.sum[i]!, gs = got.sum[i]!;
    if (ws === 0 || want.logScale[i] === -Infinity) {
      assert.ok(gs === 0 || got.logScale[i] === -Infinity, `${at}: want an empty sum, got S = ${gs}, M = ${got.logScale[i]}`);
      continue;
    }
    // log|S| + M, compared absolutely: a relative error of the sum
    const wl = want.logScale[i]! + Math.log(Math.abs(ws)), gl = got.logScale[i]! + Math.log(Math.abs(gs));
    // float32 rounds each log-term to ~6e-8 of its size: far from every key (|log Σ| large) that grows
    const tolHere = tol > 1e-9 ? tol * Math.max(1, Math.abs(wl) / 4) : tol;
    tol = tolHere;
    assert.ok(Math.abs(gl - wl) <= tol * Math.max(1, Math.abs(wl) * 1e-3), `${at}: log Σ got ${gl}, want ${wl}`);
    assert.equal(Math.sign(gs), Math.sign(ws), `${at}: sign of Σ`);
    // estimates on the scale of the values (values are O(1)); S2 and top relative to S
    const scale = Math.abs(ws) > 0 ? 1 / ws : 0, gscale = 1 / gs;
    for (let c = 0; c < want.p; c++) {
      const w = want.weighted[i * want.p + c]! * scale, g = got.weighted[i * got.p + c]! * gscale;
      assert.ok(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)) * 4, `${at}: estimate ${c} got ${g}, want ${w}`);
    }
    const wn = want.sumSq[i]! * scale * scale, gn = got.sumSq[i]! * gscale * gscale;
    assert.ok(Math.abs(gn - wn) <= tol * 8 * Math.max(1e-300, Math.abs(wn)), `${at}: Σα²/S² got ${gn}, want ${wn}`);
    const wt = want.maxTerm[i]! * scale, gt = got.maxTerm[i]! * gscale;
    assert.ok(Math.abs(gt - wt) <= tol * 4 * Math.abs(wt), `${at}: top/S got ${gt}, want ${wt}`);
  }
}


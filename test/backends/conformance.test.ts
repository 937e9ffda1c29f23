/**
 * One conformance suite for every backend (tfjs's lesson): the same cases, job by job, against the job
 * oracle `runJobJs` and end to end against the engine's loop and the slow `referencePool`. float64 must
 * agree to 1e-12 relative, float32 to 1e-5. A backend that cannot load here is skipped with its reason —
 * unless NADARAYA_REQUIRE_BACKENDS lists it (CI sets it), in which case that is a failure.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/node.js';
import { kernels, makeKeySet, pool, referencePool, regression, seededRandom, estimates } from '../../src/index.js';
import type { KeySet, Random, Similarity } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { backendStatus, getBackend } from '../../src/backends/registry.js';
import { makeJob } from '../../src/backends/job.js';
import { runJobJs } from '../../src/backends/js.js';
import type { BackendName, PoolJob, Precision } from '../../src/backends/types.js';
import { kernelSim, uniformRows } from '../helpers/engine.js';
import { assertSumsClose } from '../helpers/sums.js';

const required = new Set((process.env.NADARAYA_REQUIRE_BACKENDS ?? '').split(',').filter((s) => s.length > 0));
const TOL: Record<Precision, number> = { float64: 1e-12, float32: 1e-5 };

interface Case { label: string; keys: KeySet; sim: Similarity; queries: Float64Array; m: number; loo: boolean }

/** Random shapes, every kernel and shape, weights and local widths, narrow and wide widths, dot products. */
function cases(): Case[] {
  const out: Case[] = [];
  let seed = 900;
  const add = (rng: Random, label: string, n: number, m: number, d: number, p: number, sim: Similarity, extra: { weights?: boolean; local?: boolean; loo?: boolean; sorted?: boolean }) => {
    const keysData = uniformRows(rng, n, d, -1, 2);
    const values = p > 0 ? Float64Array.from({ length: n * p }, () => rng.normal()) : null;
    const w = extra.weights ? Float64Array.from({ length: n }, () => 0.1 + 2 * rng.uniform()) : null;
    const lambda = extra.local ? Float64Array.from({ length: n }, () => 0.5 + rng.uniform()) : null;
    let keys = makeKeySet(keysData, d, values, p, w, lambda);
    if (extra.sorted && d === 1) keys = sortKeySet1d(keys);
    const loo = extra.loo === true;
    const queries = loo ? keysData : uniformRows(rng, m, d, -1.2, 2.2);
    out.push({ label: `${label}, n = ${n}, m = ${loo ? n : m}, d = ${d}, p = ${p}${extra.weights ? ', weighted' : ''}${extra.local ? ', local widths' : ''}${loo ? ', leave-one-out' : ''}${extra.sorted ? ', sorted' : ''} (seed ${seed})`, keys, sim, queries, m: loo ? n : m, loo });
  };
  for (const kernel of kernels) {
    for (const shape of ['radial', 'product'] as const) {
      for (const d of [1, 2, 3, 5]) {
        if (shape === 'product' && d === 1) continue;
        const rng = seededRandom(seed++);
        const widths = Array.from({ length: d }, () => 0.3 + 0.5 * rng.uniform());
        const sim = kernelSim(kernel, shape, widths);
        const n = [1, 3, 17, 37, 130][seed % 5]!;
        add(rng, `${kernel.name} ${shape}`, n, 33, d, [0, 1, 3][seed % 3]!, sim, {});
        add(rng, `${kernel.name} ${shape}`, 37, 9, d, 2, sim, { weights: true, local: true });
        add(rng, `${kernel.name} ${shape}`, 29, 0, d, 1, sim, { loo: true, weights: d > 1, sorted: true });
        if (d === 1) add(rng, `${kernel.name} sorted`, 131, 21, 1, 1, sim, { sorted: true, weights: true });
      }
    }
  }
  const gaussian = kernels[0]!;
  for (const h of [1e-3, 1e-2, 1e3]) {
    const rng = seededRandom(seed++);
    add(rng, `gaussian narrow/wide h = ${h}`, 67, 19, 1, 1, kernelSim(gaussian, 'radial', [h]), { sorted: true });
    add(rng, `gaussian narrow/wide h = ${h}`, 67, 19, 2, 1, kernelSim(gaussian, 'radial', [h, h]), {});
  }
  for (const d of [1, 4, 9]) {
    const rng = seededRandom(seed++);
    add(rng, 'dot', 41, 13, d, 2, { kind: 'dot', temperature: 0.7, normalize: false }, {});
    add(rng, 'dot', 41, 0, d, 1, { kind: 'dot', temperature: 0.3, normalize: false }, { loo: true });
  }
  // odd sizes past the compiled backends' vector widths and tiles (512 keys), windows reaching across tiles
  {
    const rng = seededRandom(seed++);
    const epanechnikov = kernels.find((k) => k.name === 'epanechnikov')!;
    add(rng, 'gaussian across tiles', 1031, 11, 1, 1, kernelSim(gaussian, 'radial', [0.4]), { sorted: true, weights: true });
    add(rng, 'gaussian across tiles', 1031, 11, 3, 2, kernelSim(gaussian, 'radial', [0.5, 0.7, 0.6]), { local: true });
    add(rng, 'epanechnikov across tiles', 1031, 11, 3, 1, kernelSim(epanechnikov, 'radial', [0.5, 0.7, 0.6]), { weights: true });
    add(rng, 'gaussian across tiles', 515, 0, 2, 1, kernelSim(gaussian, 'radial', [0.3, 0.3]), { loo: true });
  }
  return out;
}

const CASES = cases();

for (const status of backendStatus()) {
  const name = status.name as BackendName;
  const why = status.unavailable;
  const mustRun = required.has(name);
  describe(`backend ${name}${why === null ? `: ${status.description}` : ''}`, () => {
    if (why !== null) {
      if (mustRun) test(`${name} is required here (NADARAYA_REQUIRE_BACKENDS) but cannot load`, () => assert.fail(why));
      else test(`${name} skipped: ${why}`, { skip: why }, () => {});
      return;
    }
    const backend = getBackend(name)!;
    for (const precision of ['float64', 'float32'] as const) {
      test(`${precision}: every case equals the job oracle (${CASES.length} cases)`, () => {
        let ran = 0;
        for (const c of CASES) {
          const job: PoolJob = makeJob(c.keys, c.sim, c.queries, c.m, { leaveOneOut: c.loo }, precision);
          if (backend.refuses(job) !== null) continue;
          ran++;
          assertSumsClose(backend.run(job), runJobJs({ ...job, precision: 'float64' }), TOL[precision], `${c.label}, ${precision}`);
        }
        assert.ok(ran >= CASES.length * 0.9, `${name} took only ${ran} of ${CASES.length} cases`);
      });
    }
    test('through pool(): equals the slow reference loop (float64)', () => {
      for (const c of CASES) {
        const sums = pool(c.keys, c.sim, c.queries, c.m, { leaveOneOut: c.loo, backend: name });
        assert.equal(sums.backend ?? 'js', name === 'js' ? 'js' : name, `${c.label}: ran on ${name}`);
        if (c.keys.order) continue; // the reference speaks of the caller's key order; the job oracle covered it
        const ref = referencePool(c.keys, c.sim, c.queries, c.m, c.loo);
        const got = estimates(sums);
        for (let t = 0; t < ref.estimates.length; t++) {
          const w = ref.estimates[t]!, g = got[t]!;
          // the reference sums plain exp(−u²/2): below ~1e-290 its terms are subnormal and lose their digits
          if (ref.denominators[Math.floor(t / Math.max(1, c.keys.p))]! < 1e-280 && ref.denominators[Math.floor(t / Math.max(1, c.keys.p))]! > 0) continue;
          if (Number.isNaN(w)) { assert.ok(Number.isNaN(g) || ref.denominators[Math.floor(t / Math.max(1, c.keys.p))]! < 1e-300, `${c.label}: [${t}] want NaN, got ${g}`); continue; }
          assert.ok(Math.abs(g - w) <= 1e-10 * Math.max(1, Math.abs(w)), `${c.label}: [${t}] got ${g}, want ${w}`);
        }
      }
    });
    test('keys on the rim: knn widths put each key\'s k-th neighbour at u = 1 exactly; every backend decides it as the engine does', () => {
      const rng = seededRandom(931);
      for (const d of [1, 2, 3]) {
        for (const kernel of ['boxcar', 'triangular', 'epanechnikov'] as const) {
          const n = 600;
          const x = Array.from({ length: n }, () => Array.from({ length: d }, () => 4 * rng.uniform()));
          const y = x.map((r) => Math.sin(r[0]!) + r[d - 1]!);
          const options = { kernel, bandwidth: 0.3 * d, empty: 'nan' as const, onWarning: () => {}, local: { method: 'knn' as const, k: 12 } };
          const engine = regression({ ...options, backend: 'js' }).fit(x, y);
          const here = regression({ ...options, backend: name }).fit(x, y);
          for (const [what, a, b] of [['predict', here.predict(x), engine.predict(x)], ['leave-one-out', here.leaveOneOut().predictions, engine.leaveOneOut().predictions]] as const) {
            for (let i = 0; i < n; i++) {
              const g = (a as Float64Array)[i]!, w = (b as Float64Array)[i]!;
              assert.ok(Object.is(g, w) || Math.abs(g - w) <= 1e-12 * Math.max(1, Math.abs(w)), `${kernel}, d = ${d}, ${what} [${i}]: ${name} ${g}, engine ${w}`);
            }
          }
        }
      }
    });
  });
}

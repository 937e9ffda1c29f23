/**
 * The workers backend beyond the conformance suite: a large job is really split across threads and gives
 * the job oracle's numbers for any thread count, and a failing thread turns into an error, not a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/node.js';
import { kernels, makeKeySet, seededRandom } from '../../src/index.js';
import { sortKeySet1d } from '../../src/engine/keyset.js';
import { makeJob } from '../../src/backends/job.js';
import { runJobJs } from '../../src/backends/js.js';
import { lastWorkersRun, runJobThreaded } from '../../src/backends/workers.js';
import { kernelSim, uniformRows } from '../helpers/engine.js';
import { assertSumsClose } from '../helpers/sums.js';

const SEED = 4242;

test(`a large job split over 1, 2 and 3 threads equals the oracle, and the worker threads take chunks (seed ${SEED})`, () => {
  const rng = seededRandom(SEED);
  const n = 20000, m = 400;
  const keys = sortKeySet1d(makeKeySet(uniformRows(rng, n, 1, 0, 5), 1, Float64Array.from({ length: n }, () => rng.normal()), 1, null));
  const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.2]), uniformRows(rng, m, 1, -0.5, 5.5), m, {}, 'float64');
  const want = runJobJs(job);
  for (const threads of [1, 2, 3]) {
    const got = runJobThreaded({ ...job, threads });
    assertSumsClose(got, want, 1e-12, `${threads} threads`);
  }
  // warm threads: run until the worker threads have claimed some chunks (they start asynchronously)
  let byWorkers = 0;
  for (let attempt = 0; attempt < 50 && byWorkers === 0; attempt++) {
    runJobThreaded({ ...job, threads: 2 });
    const r = lastWorkersRun();
    assert.equal(r.threads, 2);
    byWorkers = r.chunks - r.byCaller;
  }
  assert.ok(byWorkers > 0, 'the worker thread computed some chunks');
});

test('a thread that fails reports an E_RESOURCE error naming the backend (no hang)', () => {
  const rng = seededRandom(SEED + 1);
  const keys = makeKeySet(uniformRows(rng, 50, 1, 0, 1), 1, null, 0, null);
  const job = makeJob(keys, kernelSim(kernels[0]!, 'radial', [0.2]), uniformRows(rng, 64, 1, 0, 1), 64, {}, 'float64');
  // a kernel id no backend knows makes every chunk throw inside the threads
  assert.throws(() => runJobThreaded({ ...job, kernelId: 999, threads: 2 }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'E_RESOURCE');
    assert.match(e.message, /worker thread failed/);
    return true;
  });
});

/**
 * Child process of bench/backends.ts (not a benchmark itself): one backend configuration on one problem,
 * timed, with this process's own peak RSS, so that each memory figure belongs to that configuration alone.
 *
 *   node dist/bench/backends-child.js '{"problem":{…},"backend":"wasm","precision":"float32","threads":1,"maxRuns":3,"budgetS":10,"out":"file"}'
 */
import fs from 'node:fs';
import '../src/node.js';
import { makeKeySet, pool, estimates, getKernel } from '../src/index.js';
import { problemData } from './backends-data.js';
import type { ChildRequest } from './backends-data.js';
import { sortKeySet1d } from '../src/engine/keyset.js';
import { jobPairs, makeJob } from '../src/backends/index.js';
import { peakRssKiB, timeRuns } from './common.js';

const arg = process.argv[2];
if (arg !== undefined) {
  const req = JSON.parse(arg) as ChildRequest;
  const p = req.problem;
  const { keys, values, queries } = problemData(p);
  const baselineKiB = peakRssKiB();
  const sim = { kind: 'kernel' as const, kernel: getKernel(p.kernel), shape: 'radial' as const, invWidth: new Float64Array(p.d).fill(1 / p.h) };
  const options = { backend: req.backend, precision: req.precision, threads: req.threads };
  const run = () => {
    // what regression().fit().predict() does: store (sorted in 1-D), pool, read the estimates
    const ks = makeKeySet(keys, p.d, values, 1, null);
    return pool(p.d === 1 ? sortKeySet1d(ks) : ks, sim, queries, p.m, options);
  };
  // untimed warm-up on a slice (V8 tiers up; worker threads start; wasm compiles)
  const k = Math.min(2048, p.n), mq = Math.min(256, p.m);
  for (let r = 0; r < 3; r++) {
    const ks = makeKeySet(keys.subarray(0, k * p.d), p.d, values.subarray(0, k), 1, null);
    pool(p.d === 1 ? sortKeySet1d(ks) : ks, sim, queries.subarray(0, mq * p.d), mq, options);
  }
  const timing = timeRuns(run, req.maxRuns, req.budgetS);
  const maxRSSKiB = peakRssKiB();
  const est = estimates(timing.last);
  // the pairs the 1-D walk visits (keys beyond reach of a query are exactly 0 and skipped)
  const ks = makeKeySet(keys, p.d, values, 1, null);
  const visitedPairs = p.d === 1 ? jobPairs(makeJob(sortKeySet1d(ks), sim, queries, p.m, {}, 'float64')) : p.n * p.m;
  if (req.out) fs.writeFileSync(req.out, Array.from(est, String).join('\n') + '\n');
  process.stdout.write(JSON.stringify({ times: timing.times, median: timing.median, maxRSSKiB, baselineKiB, backend: timing.last.backend ?? 'js', visitedPairs }) + '\n');
}

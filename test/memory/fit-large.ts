/**
 * Child-process script for the memory test (not a test itself): fits a 1-D Gaussian regression on n keys
 * and predicts m queries, then prints one line of JSON with the peak resident set size and a checksum.
 *
 *   node dist/test/memory/fit-large.js <n> <m> [seed] [width]
 *
 * Without arguments it does nothing (the test runner picks up every .js file under dist/test/ and would
 * otherwise run the large fit a second time).
 */
import { regression, seededRandom } from '../../src/index.js';

const args = process.argv.slice(2);
if (args.length >= 2) {
  const n = Number(args[0]);
  const m = Number(args[1]);
  const seed = args[2] === undefined ? 20261125 : Number(args[2]);
  const width = args[3] === undefined ? 0.002 : Number(args[3]);
  const rng = seededRandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    x[i] = 5 * rng.uniform();
    y[i] = 2 * Math.sin(x[i]!) + x[i]! + rng.normal();
    meanY += y[i]!;
  }
  meanY /= n;
  const q = new Float64Array(m);
  for (let i = 0; i < m; i++) q[i] = 5 * rng.uniform();

  const t0 = performance.now();
  const model = regression({ kernel: 'gaussian', bandwidth: width }).fit(x, y);
  const pred = model.predict(q);
  const seconds = (performance.now() - t0) / 1000;

  let sum = 0;
  let finite = 0;
  for (let i = 0; i < pred.length; i++) if (Number.isFinite(pred[i]!)) { sum += pred[i]!; finite++; }
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({
    n, m, seed, width,
    seconds,
    pairsPerSecond: (n * m) / seconds,
    maxRSSKiB: usage.maxRSS,
    predictions: pred.length,
    finite,
    meanPrediction: sum / Math.max(1, finite),
    meanY,
  }) + '\n');
}

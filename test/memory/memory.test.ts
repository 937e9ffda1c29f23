/**
 * The memory promise: the streaming engine never builds the n × m matrix, so a 1-D Gaussian regression
 * with n = m = 100 000 (10¹⁰ pairs, 80 GB as a dense float64 matrix) stays under 200 MB peak RSS.
 *
 * The fit runs in a child process (test/memory/fit-large.ts) so that its peak RSS is its own, not the
 * test runner's. Every one of the 10¹⁰ pairs is in play, but with a width of 0.002 on U(0, 5) the sorted
 * 1-D walk stops where terms underflow to exactly 0 (38.6 widths away), so the test takes seconds; with
 * a width of 0.05 the same run took 191 s (peak RSS 72 MiB). NADARAYA_MEMORY_N and NADARAYA_MEMORY_WIDTH
 * override n = m and the width (the 200 MB bound is checked all the same).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const N = Number(process.env.NADARAYA_MEMORY_N ?? '') || 100_000;
const SEED = 20261125;
const WIDTH = Number(process.env.NADARAYA_MEMORY_WIDTH ?? '') || 0.002;
const LIMIT_BYTES = 200 * 1024 * 1024;
const script = fileURLToPath(new URL('./fit-large.js', import.meta.url));

test(`1-D Gaussian regression, n = m = ${N}, width ${WIDTH}: peak RSS < 200 MB and a sane checksum (seed ${SEED})`, { timeout: 30 * 60 * 1000 }, () => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  const started = Date.now();
  const child = spawnSync(process.execPath, [script, String(N), String(N), String(SEED), String(WIDTH)], {
    env, encoding: 'utf8', maxBuffer: 1 << 20, timeout: 29 * 60 * 1000,
  });
  const wall = (Date.now() - started) / 1000;
  assert.equal(child.error, undefined, `spawn failed: ${child.error}`);
  assert.equal(child.status, 0, `child exited with ${child.status} (${child.signal}); stderr:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop()!;
  const out = JSON.parse(line) as {
    n: number; m: number; seconds: number; pairsPerSecond: number; maxRSSKiB: number;
    predictions: number; finite: number; meanPrediction: number; meanY: number;
  };
  const rssBytes = out.maxRSSKiB * 1024;
  const summary = `peak RSS ${(rssBytes / 2 ** 20).toFixed(1)} MiB, fit+predict ${out.seconds.toFixed(1)} s ` +
    `(${(out.pairsPerSecond / 1e6).toFixed(1)} M pairs/s), child wall ${wall.toFixed(1)} s`;
  console.log(`# memory: ${summary}`);

  assert.equal(out.n, N);
  assert.equal(out.m, N);
  assert.ok(rssBytes < LIMIT_BYTES, `peak RSS ${rssBytes} bytes ≥ 200 MB (${summary})`);
  // a dense n × m float64 matrix would need 8·n·m bytes: far beyond the bound for the default n
  if (N >= 100_000) assert.ok(8 * N * N > 100 * LIMIT_BYTES);

  assert.equal(out.predictions, N);
  assert.equal(out.finite, N, 'every prediction must be finite (the Gaussian never leaves a query empty)');
  assert.ok(Number.isFinite(out.meanPrediction));
  // queries and keys are both U(0, 5): the mean of the smoothed values is close to the mean of y
  assert.ok(Math.abs(out.meanPrediction - out.meanY) < 0.05,
    `mean prediction ${out.meanPrediction} is far from mean y ${out.meanY}`);
});

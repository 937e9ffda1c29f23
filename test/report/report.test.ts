/**
 * `npm start` end to end: the demo entry (dist/src/demo/main.js, what `npm start` runs after the build)
 * writes the report to a temporary folder in well under 60 s; every figure is there as SVG and PNG, equal
 * to its golden; the page references them, states the seed, the MSE table and the exercises' results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIGURE_NAMES } from '../../src/report/index.js';
import { normaliseNumbers, SNAPSHOT_DIR } from '../plot/snapshot.js';

const MAIN = fileURLToPath(new URL('../../src/demo/main.js', import.meta.url));

test('npm start: writes out/index.html and every figure in under 60 s', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'nadaraya-report-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, NADARAYA_OUT: out };
  delete env.NADARAYA_SEED;
  delete env.NODE_TEST_CONTEXT;
  const started = performance.now();
  const run = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(`the demo took ${seconds.toFixed(1)} s`);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(seconds < 60, `took ${seconds.toFixed(1)} s`);

  // the terminal: the table and the report's path
  assert.match(run.stdout, /Epanechikov \(chapter\) = triangular/);
  assert.match(run.stdout, /Exercise 4/);
  assert.ok(run.stdout.includes(`Report: ${join(out, 'index.html')}`), run.stdout);

  // every figure as SVG and PNG, nothing else (no temporary files left behind)
  const files = readdirSync(join(out, 'figures')).sort();
  assert.deepEqual(files, FIGURE_NAMES.flatMap((n) => [`${n}.png`, `${n}.svg`]).sort());
  for (const name of FIGURE_NAMES) {
    const png = readFileSync(join(out, 'figures', `${name}.png`));
    assert.ok(png.subarray(1, 4).toString('latin1') === 'PNG' && png.length > 10_000, `${name}.png`);
    const golden = join(SNAPSHOT_DIR, `${name}.svg`);
    if (existsSync(golden)) {
      const svg = normaliseNumbers(readFileSync(join(out, 'figures', `${name}.svg`), 'utf8'));
      assert.ok(svg === readFileSync(golden, 'utf8'), `${name}.svg written by npm start differs from its golden`);
    }
  }

  // the page: self-contained, every figure referenced, the seed, the table, the exercises
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  for (const name of FIGURE_NAMES) assert.ok(html.includes(`src="figures/${name}.png"`), `index.html does not show ${name}`);
  assert.ok(!/https?:\/\/(?!vega\.github\.io)/.test(html), 'index.html loads something from the network');
  assert.ok(!/<script/i.test(html), 'index.html needs no script');
  assert.match(html, /Seed <b>2024<\/b>/);
  assert.match(html, /validation MSE/);
  for (const row of ['Gaussian σ = 0.1', 'Gaussian σ = 1', 'Boxcar', 'Constant', 'Epanechikov (chapter) = triangular', 'Gaussian, leave-one-out σ (cv-ls)', 'Gaussian, Abramson local widths']) {
    assert.ok(html.includes(`<td>${row}</td>`), `table row ${row}`);
  }
  for (const n of [1, 2, 3, 4]) assert.ok(html.includes(`Exercise ${n}`), `exercise ${n}`);
  assert.ok(!html.includes('class="check fail"'), 'a check in the report failed');
  assert.ok(!/NaN|undefined/.test(html), 'NaN or undefined in the page');
});

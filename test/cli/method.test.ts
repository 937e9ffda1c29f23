/**
 * --method, --tolerance and --error-scale on predict, classify and density (and with --loo): they reach the
 * library, the JSON output reports what ran, its bound and its error scale (merged over batches of
 * queries), the estimates stay within what the bound allows of the exact run, --diagnostics CSV keeps its
 * columns, --help documents the flags, and bad values exit with the usage status 2.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../src/index.js';
import { csvColumn, errorLine, numbers, parseCsv, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
after(() => tmp.remove());

// 3000 training rows (x, z, y, label); 5000 query rows (more than one batch of 4096 queries) and 600
const rng = seededRandom(8500);
const train = join(tmp.dir, 'train.csv');
const query = join(tmp.dir, 'query.csv');
const small = join(tmp.dir, 'small.csv');
const rowsOf = (n: number, f: () => string) => Array.from({ length: n }, f).join('\n');
writeFileSync(train, `x,z,y,label\n${rowsOf(3000, () => {
  const x = 10 * rng.uniform(), z = 10 * rng.uniform();
  return `${x},${z},${Math.sin(x) + 0.3 * rng.normal()},${x + z > 10 ? 'hi' : 'lo'}`;
})}\n`);
writeFileSync(query, `x,z\n${rowsOf(5000, () => `${10 * rng.uniform()},${10 * rng.uniform()}`)}\n`);
writeFileSync(small, `x,z\n${rowsOf(600, () => `${10 * rng.uniform()},${10 * rng.uniform()}`)}\n`);

interface MethodJson { requested: string; name: string; tolerance: number; errorScale: string; bound: number; fallback: { method: string; count: number; reason: string }[]; detail: string }

async function json(args: string[]): Promise<Record<string, unknown> & { method?: MethodJson }> {
  const r = await runCli([...args, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('the flags reach the library and the JSON reports the method', { concurrency: 4 }, () => {
  test('predict --tolerance 1e-6 (auto), 5000 queries in two batches: estimates within 2ρ·max|y| of exact', async () => {
    const base = ['predict', '--train', train, '--query', query, '--x', 'x', '--y', 'y', '--bandwidth', '1'];
    const [fast, exact] = await Promise.all([json([...base, '--tolerance', '1e-6']), json(base)]);
    assert.equal(exact.method, undefined, 'a default run has no "method" entry');
    const m = fast.method!;
    assert.equal(m.requested, 'auto');
    assert.equal(m.name, 'binned', m.detail);
    assert.deepEqual(m.fallback, [], 'the second batch reads the same grid');
    assert.equal(m.tolerance, 1e-6);
    assert.ok(m.bound > 0 && m.bound <= 1e-6, String(m.bound));
    assert.ok(Array.isArray(m.fallback));
    const f = numbers(fast.predictions as number[]), e = numbers(exact.predictions as number[]);
    assert.equal(f.length, 5000);
    for (let i = 0; i < 5000; i++) assert.ok(Math.abs(f[i]! - e[i]!) <= (2 * m.bound * 2.5) / (1 - m.bound), `query ${i}`);
  });

  test('predict --loo --method binned: the leave-one-out estimates and their bound', async () => {
    const base = ['predict', '--train', train, '--loo', '--x', 'x', '--y', 'y', '--bandwidth', '0.1'];
    const [fast, exact] = await Promise.all([json([...base, '--method', 'binned', '--tolerance', '1e-5']), json(base)]);
    assert.equal(fast.method!.name, 'binned');
    assert.equal(fast.method!.requested, 'binned');
    assert.ok(fast.method!.bound <= 1e-5);
    assert.ok(Math.abs((fast.mse as number) - (exact.mse as number)) < 1e-3);
  });

  test('classify --method neighbors (epanechnikov, 2 columns): exact, the same predictions as the exact run', async () => {
    const base = ['classify', '--train', train, '--query', small, '--x', 'x,z', '--y', 'label', '--kernel', 'epanechnikov', '--bandwidth', '0.8'];
    const [fast, exact] = await Promise.all([json([...base, '--method', 'neighbors']), json(base)]);
    assert.equal(fast.method!.name, 'neighbors');
    assert.equal(fast.method!.bound, 0);
    assert.deepEqual(fast.predictions, exact.predictions);
    const p = numbers((fast.probabilities as number[][]).flat()), q = numbers((exact.probabilities as number[][]).flat());
    for (let i = 0; i < p.length; i++) assert.ok(Number.isNaN(q[i]!) ? Number.isNaN(p[i]!) : Math.abs(p[i]! - q[i]!) <= 1e-12, `entry ${i}`);
  });

  test('density --method binned in 2-D: |f̂ − f| ≤ ρ·f; --diagnostics CSV keeps its columns', async () => {
    const base = ['density', '--train', train, '--query', small, '--x', 'x,z', '--bandwidth', '0.6'];
    const [fast, exact] = await Promise.all([json([...base, '--method', 'binned', '--tolerance', '1e-2']), json(base)]);
    assert.equal(fast.method!.name, 'binned');
    const f = fast.density as number[], e = exact.density as number[];
    for (let i = 0; i < e.length; i++) assert.ok(Math.abs(f[i]! - e[i]!) <= fast.method!.bound * e[i]! * (1 + 1e-9), `query ${i}`);
    const csv = await runCli([...base, '--method', 'binned', '--tolerance', '1e-2', '--diagnostics']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(parseCsv(csv.stdout).header, ['x', 'z', 'density', 'log_denominator', 'n_eff', 'max_weight']);
    assert.equal(csvColumn(csv.stdout, 'density').length, 600);
    assert.match(csv.stderr, /nadaraya: note: method binned, relative error of the sums at most \d/);
  });

  test('density --error-scale total in 2-D: |f̂ − f| ≤ ρ·K_h(0) everywhere, the JSON and the note say which scale', async () => {
    const base = ['density', '--train', train, '--query', small, '--x', 'x,z', '--bandwidth', '0.6'];
    const [fast, exact] = await Promise.all([json([...base, '--method', 'binned', '--tolerance', '1e-3', '--error-scale', 'total']), json(base)]);
    const m = fast.method!;
    assert.equal(m.name, 'binned');
    assert.equal(m.errorScale, 'total');
    assert.deepEqual(m.fallback, []);
    assert.ok(m.bound > 0 && m.bound <= 1e-3, String(m.bound));
    // K_h(0) = 1/(2π·0.6²): the density of all the mass at one point
    const allowed = m.bound / (2 * Math.PI * 0.36);
    const f = fast.density as number[], e = exact.density as number[];
    for (let i = 0; i < e.length; i++) assert.ok(Math.abs(f[i]! - e[i]!) <= allowed * (1 + 1e-9), `query ${i}: ${f[i]} vs ${e[i]}`);
    const csv = await runCli([...base, '--method', 'truncated', '--tolerance', '1e-3', '--error-scale', 'total']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stderr, /nadaraya: note: method truncated, error of the sums at most \S+ of the total weight/);
    const rel = await json([...base, '--method', 'binned', '--tolerance', '1e-3']);
    assert.equal(rel.method!.errorScale, 'relative');
  });

  test('a width too narrow for the binned grid: truncation runs, one W_FALLBACK warning, the JSON says so', async () => {
    const r = await runCli(['predict', '--train', train, '--query', small, '--x', 'x', '--y', 'y', '--bandwidth', '1e-5',
      '--method', 'binned', '--tolerance', '1e-6', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('nadaraya: warning:'));
    assert.equal(warnings.filter((l) => /binned refused/.test(l)).length, 1, r.stderr);
    const m = JSON.parse(r.stdout).method as MethodJson;
    assert.equal(m.requested, 'binned');
    assert.equal(m.name, 'truncated');
    assert.match(m.detail, /^binned refused/);
  });
});

describe('bad values exit with status 2 and name the flag or option', { concurrency: 4 }, () => {
  const base = ['predict', '--train', train, '--loo', '--x', 'x', '--y', 'y', '--bandwidth', '0.3'];
  const cases: [string, string[], RegExp][] = [
    ['a tolerance that is not a number', ['--tolerance', 'tiny'], /--tolerance: must be a number in \[0, 1\)/],
    ['a tolerance out of range', ['--tolerance', '1.5'], /tolerance: must be a number in \[0, 1\)/],
    ['an unknown method', ['--method', 'fastest'], /--method: must be one of auto, exact, neighbors, binned, truncated/],
    ['neighbors for the gaussian kernel', ['--method', 'neighbors'], /compact support/],
    ['binned without a tolerance', ['--method', 'binned'], /needs a tolerance > 0/],
    ['an unknown error scale', ['--tolerance', '1e-3', '--error-scale', 'absolute'], /--error-scale: must be one of relative, total/],
    ['a misspelt error scale', ['--tolerance', '1e-3', '--error-scale', 'totl'], /did you mean "total"/],
  ];
  for (const [label, extra, pattern] of cases) {
    test(label, async () => {
      const r = await runCli([...base, ...extra]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(errorLine(r.stderr), pattern);
    });
  }
  test('binned with three x columns (at fit)', async () => {
    const three = join(tmp.dir, 'three.csv');
    writeFileSync(three, 'a,b,c,y\n0,0,0,1\n1,1,1,2\n2,0,1,3\n');
    const r = await runCli(['density', '--train', three, '--query', three, '--x', 'a,b,c', '--bandwidth', '1', '--method', 'binned', '--tolerance', '1e-3']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(errorLine(r.stderr), /1 and 2 dimensions/);
  });
});

test('--help of predict, classify and density documents --method, --tolerance and --error-scale', async () => {
  for (const command of ['predict', 'classify', 'density']) {
    const r = await runCli([command, '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--method <method>\s+how the sums are computed: exact \(default\), neighbors/);
    assert.match(r.stdout, /--tolerance <t>\s+bound on the relative error of every sum/);
    assert.match(r.stdout, /--error-scale <scale>\s+what --tolerance is relative to: relative \(default/);
  }
});

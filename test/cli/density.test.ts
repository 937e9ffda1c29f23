/**
 * `nadaraya density` and `nadaraya bandwidth` end to end on the parity files: SciPy's and
 * scikit-learn's densities in 1-D and 2-D, and R's and SciPy's rules of thumb.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifier, density, regression, sampleSd } from '../../src/index.js';
import { assertClose, loadJson, readCsv, rows } from '../helpers/parity.js';
import { csvColumn, numbers, parity, parseCsv, runCli, tempDir } from './helpers.js';

interface Case { peer: string; kernel: string; bandwidth: number[] | string; expected: (number | null)[] }
interface CaseFile { train: string; query: string; x: string[]; cases: Case[]; rules?: Record<string, number> }

const tolFor = (kernel: string) => (kernel === 'gaussian' ? 1e-12 : 1e-10);
const dens1d = loadJson<CaseFile>('dens1d.json');
const dens2d = loadJson<CaseFile>('dens2d.json');
const tmp = tempDir();
after(() => tmp.remove());

/** Every case in CSV; `more` (case numbers) also in JSON and with --log. */
function densityFile(name: string, j: CaseFile, more: ReadonlySet<number>): void {
  describe(`density: ${name}`, { concurrency: 4 }, () => {
    j.cases.forEach((k, c) => {
      const bandwidth = typeof k.bandwidth === 'string' ? k.bandwidth : k.bandwidth.join(',');
      test(`#${c} ${k.peer}, ${k.kernel}, h = ${bandwidth}${more.has(c) ? ' (CSV, JSON, --log)' : ''}`, async () => {
        const args = ['density', '--train', parity(j.train), '--query', parity(j.query), '--x', j.x.join(','),
          '--kernel', k.kernel, '--bandwidth', bandwidth];
        const [csv, json, log] = await Promise.all([runCli(args), ...(more.has(c) ? [runCli([...args, '--format', 'json']), runCli([...args, '--log'])] : [])]);
        assert.equal(csv!.status, 0, csv!.stderr);
        assert.deepEqual(parseCsv(csv!.stdout).header, [...j.x, 'density']);
        const tol = tolFor(k.kernel);
        assertClose(csvColumn(csv!.stdout, 'density'), k.expected, tol, `${name} #${c} CSV`);
        if (!json || !log) return;
        const out = JSON.parse(json.stdout);
        assert.deepEqual(Object.keys(out), ['kernel', 'bandwidth', 'density']);
        assertClose(numbers(out.density), k.expected, tol, `${name} #${c} JSON`);
        if (k.bandwidth === 'scott' && j.rules) {
          assertClose(out.bandwidth, [j.rules['scott (scipy gaussian_kde)']!], 1e-12, 'scott width');
        }
        assert.equal(log.status, 0, log.stderr);
        const logs = csvColumn(log.stdout, 'log_density');
        const pdf = csvColumn(csv!.stdout, 'density');
        pdf.forEach((p, i) => {
          if (p === 0) assert.equal(logs[i], -Infinity, `log_density[${i}] where the density is 0`);
          else assert.ok(Math.abs(logs[i]! - Math.log(p)) <= 1e-12 * Math.max(1, Math.abs(Math.log(p))), `log_density[${i}]`);
        });
      });
    });
  });
}

densityFile('dens1d', dens1d, new Set([0, 2]));
densityFile('dens2d', dens2d, new Set([1]));

describe('density: options', { concurrency: 4 }, () => {
  const x = rows(readCsv(dens1d.train), ['x']).map((r) => r[0]!);
  const q = rows(readCsv(dens1d.query), ['x']).map((r) => r[0]!);
  const base = ['density', '--train', parity(dens1d.train), '--query', parity(dens1d.query)];

  test('--standardize: the width is in SD units and the density in the units of the data', async () => {
    const r = await runCli([...base, '--bandwidth', '0.5', '--standardize', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.standardized, true);
    assert.deepEqual(out.bandwidth, [0.5]);
    // standardising with width h is the density of the raw data with width h · SD
    const want = density({ bandwidth: 0.5 * sampleSd(x) }).fit(x).pdf(q);
    assertClose(out.density, want, 1e-12, 'standardized density');
    assert.match(r.stderr, /^nadaraya: note: --standardize/m);
  });

  test('--log --format json: −Infinity (no point in reach) is null, with a warning', async () => {
    const r = await runCli([...base, '--kernel', 'boxcar', '--bandwidth', '0.2', '--log', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const want = density({ kernel: 'boxcar', bandwidth: 0.2 }).fit(x).logPdf(q);
    const zeros = Array.from(want).filter((v) => v === -Infinity).length;
    assert.ok(zeros > 0);
    assertClose(numbers(out.logDensity), Array.from(want, (v) => (v === -Infinity ? null : v)), 1e-10, 'log density');
    assert.match(r.stderr, new RegExp(`^nadaraya: warning: ${zeros} of 81 log-densities are −Infinity`, 'm'));
  });

  test('--diagnostics and --attention: the weights of the Parzen window', async () => {
    const file = join(tmp.dir, 'density-attention.csv');
    const r = await runCli([...base, '--bandwidth', '0.4', '--diagnostics', '--attention', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(parseCsv(r.stdout).header, ['x', 'density', 'log_denominator', 'n_eff', 'max_weight']);
    const { header, rows: lines } = parseCsv(readFileSync(file, 'utf8'));
    assert.equal(header.length, x.length + 1);
    assert.equal(lines.length, q.length);
    const maxWeight = csvColumn(r.stdout, 'max_weight');
    lines.forEach((line, i) => {
      const ws = line.slice(1).map(Number);
      assert.ok(Math.abs(ws.reduce((a, b) => a + b, 0) - 1) < 1e-12, `row ${i} sums to 1`);
      assertClose(Math.max(...ws), maxWeight[i]!, 1e-12, `max weight ${i}`);
    });
    // the density is (1/n) Σ α / (h C): exp(log_denominator) / (n h √(2π)) for the Gaussian
    const logDen = csvColumn(r.stdout, 'log_denominator');
    assertClose(logDen.map((l) => Math.exp(l) / (x.length * 0.4 * Math.sqrt(2 * Math.PI))), csvColumn(r.stdout, 'density'), 1e-12, 'density from the denominator');
  });
});

describe('bandwidth', { concurrency: 4 }, () => {
  const rules = Object.entries(dens1d.rules!);
  for (const [label, want] of rules) {
    const method = label.split(' ')[0]!;
    test(`--method ${method} equals ${label.slice(method.length + 1)}`, async () => {
      const args = ['bandwidth', '--train', parity(dens1d.train), '--method', method];
      const [csv, json] = await Promise.all([method === 'nrd0' ? runCli(args) : null, runCli([...args, '--format', 'json'])]);
      assert.equal(json.status, 0, json.stderr);
      const out = JSON.parse(json.stdout);
      assert.deepEqual(Object.keys(out), ['method', 'kernel', 'bandwidth', 'kernelSd', 'objective']);
      assert.equal(out.method, method);
      assert.equal(out.kernel, 'gaussian');
      assert.equal(out.objective, null);
      assertClose(out.bandwidth, [want], 1e-12, `${method} width`);
      assertClose(out.kernelSd, [want], 1e-12, `${method} kernel SD`);
      if (!csv) return;
      assert.equal(csv.status, 0, csv.stderr);
      assert.deepEqual(parseCsv(csv.stdout).header, ['column', 'bandwidth', 'kernel_sd', 'method', 'kernel', 'objective', 'evaluations']);
      assert.deepEqual(parseCsv(csv.stdout).rows[0]!.slice(3), [method, 'gaussian', '', '']);
      assertClose(csvColumn(csv.stdout, 'bandwidth'), [want], 1e-12, `${method} CSV`);
    });
  }

  test('normal-reference in 2-D, per column; another kernel scales the raw width to the same SD', async () => {
    const r = await runCli(['bandwidth', '--train', parity(dens2d.train), '--method', 'normal-reference', '--kernel', 'epanechnikov', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const model = density({ kernel: 'epanechnikov', bandwidth: 'normal-reference' }).fit(rows(readCsv(dens2d.train), ['a', 'b']));
    assert.deepEqual(out.bandwidth, Array.from(model.bandwidth));
    assert.deepEqual(out.kernelSd, Array.from(model.kernelSd));
    assert.equal(out.kernel, 'epanechnikov');
  });

  test('every selector through the CLI gives the library\'s widths, objective, evaluations and curve', async () => {
    const reg = rows(readCsv('reg1d_train.csv'), ['x', 'y']);
    const x = reg.map((r) => r[0]!), y = reg.map((r) => r[1]!);
    const cls = readCsv('cls2d_train.csv');
    const cases: [string, string[], () => { bandwidth: Float64Array; selection?: { objective: number; evaluations: number; curve: readonly unknown[]; errorRate?: number } }][] = [
      ['cv-ls', ['--train', parity('reg1d_train.csv'), '--x', 'x', '--y', 'y'], () => regression({ bandwidth: 'cv-ls' }).fit(x, y)],
      ['aic', ['--train', parity('reg1d_train.csv'), '--x', 'x', '--y', 'y'], () => regression({ bandwidth: 'aic' }).fit(x, y)],
      ['learn', ['--train', parity('reg1d_train.csv'), '--x', 'x', '--y', 'y'], () => regression({ bandwidth: 'learn' }).fit(x, y)],
      ['cv-ml', ['--train', parity('reg1d_train.csv'), '--x', 'x'], () => density({ bandwidth: 'cv-ml' }).fit(x)],
      ['cv-ls', ['--train', parity('cls2d_train.csv'), '--y', 'label'],
        () => classifier({ bandwidth: 'cv-ls' }).fit(rows(cls, ['a', 'b']), cls.map((t) => String(t.label)))],
    ];
    await Promise.all(cases.map(async ([method, args, fit]) => {
      const r = await runCli(['bandwidth', ...args, '--method', method, '--format', 'json']);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const model = fit();
      assertClose(out.bandwidth, Array.from(model.bandwidth), 1e-9, `${method} width`);
      assertClose([out.objective], [model.selection!.objective], 1e-9, `${method} objective`);
      assert.equal(out.evaluations, model.selection!.evaluations, `${method} evaluations`);
      assert.equal(out.curve.length, model.selection!.curve.length, `${method} curve`);
      if (model.selection!.errorRate !== undefined) assertClose([out.errorRate], [model.selection!.errorRate], 1e-12, 'error rate');
      else assert.equal(out.errorRate, undefined);
    }));
    const csv = await runCli(['bandwidth', '--train', parity('cls2d_train.csv'), '--y', 'label', '--method', 'cv-ls']);
    assert.deepEqual(parseCsv(csv.stdout).header, ['column', 'bandwidth', 'kernel_sd', 'method', 'kernel', 'objective', 'evaluations', 'error_rate']);
  });

  test('with --y (a regression) and with a text --y (a classifier), a rule looks at x only', async () => {
    const [reg, cls] = await Promise.all([
      runCli(['bandwidth', '--train', parity('reg1d_train.csv'), '--x', 'x', '--y', 'y', '--method', 'nrd', '--format', 'json']),
      runCli(['bandwidth', '--train', parity('cls2d_train.csv'), '--y', 'label', '--method', 'scott', '--format', 'json']),
    ]);
    assert.equal(reg.status, 0, reg.stderr);
    assert.equal(cls.status, 0, cls.stderr);
    const x = rows(readCsv('reg1d_train.csv'), ['x']).map((r) => r[0]!);
    assert.deepEqual(JSON.parse(reg.stdout).bandwidth, Array.from(density({ bandwidth: 'nrd' }).fit(x).bandwidth));
    assert.equal(JSON.parse(cls.stdout).bandwidth.length, 2);
  });
});

/**
 * `nadaraya predict` end to end on the parity files: the CLI's CSV and JSON outputs against the peers'
 * numbers, with the library's tolerances (1e-12 relative for the Gaussian kernel, 1e-10 for the others,
 * and the README's floor), and the inputs it must read: stdin, JSON records, CRLF with quoted fields.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { regression, sampleSd } from '../../src/index.js';
import { assertClose, loadJson, readCsv, rows } from '../helpers/parity.js';
import { csvColumn, numbers, parity, parseCsv, runCli, tempDir } from './helpers.js';

interface Case { peer: string; kernel: string; bandwidth: number[]; expected: (number | null)[]; weights_row_20?: number[] }
interface CaseFile { train: string; query: string; x: string[]; y: string; cases: Case[] }

const tolFor = (kernel: string) => (kernel === 'gaussian' ? 1e-12 : 1e-10);
const reg1d = loadJson<CaseFile>('reg1d.json');
const reg2d = loadJson<CaseFile>('reg2d.json');
const train1 = parity(reg1d.train);
const query1 = parity(reg1d.query);
const tmp = tempDir();
after(() => tmp.remove());

describe('predict: reg1d, every kernel (CSV and JSON)', { concurrency: 4 }, () => {
  // every case in CSV; JSON for the statsmodels case and two compact kernels (one has empty neighbourhoods)
  const jsonToo = new Set([0, 2, 5]);
  reg1d.cases.forEach((k, c) => {
    test(`#${c} ${k.peer}, ${k.kernel}, h = ${k.bandwidth}${jsonToo.has(c) ? ' (CSV and JSON)' : ''}`, async () => {
      const args = ['predict', '--train', train1, '--query', query1, '--y', 'y', '--kernel', k.kernel, '--bandwidth', String(k.bandwidth[0])];
      const [csv, json] = await Promise.all([runCli(args), jsonToo.has(c) ? runCli([...args, '--format', 'json']) : null]);
      assert.equal(csv.status, 0, csv.stderr);
      const { header } = parseCsv(csv.stdout);
      assert.deepEqual(header, ['x', 'y_hat']);
      assert.deepEqual(csvColumn(csv.stdout, 'x'), rows(readCsv(reg1d.query), ['x']).map((r) => r[0]));
      assertClose(csvColumn(csv.stdout, 'y_hat'), k.expected, tolFor(k.kernel), `CSV #${c}`);
      const nulls = k.expected.filter((v) => v === null).length;
      if (nulls > 0) {
        assert.match(csv.stderr, new RegExp(`^nadaraya: warning: ${nulls} of 60 estimates are undefined.*empty cells in the CSV`, 'm'));
        assert.equal(csv.stderr.trim().split('\n').length, 1, 'one warning line');
      } else {
        assert.equal(csv.stderr, '');
      }
      if (!json) return;
      assert.equal(json.status, 0, json.stderr);
      const out = JSON.parse(json.stdout);
      assert.deepEqual(Object.keys(out), ['kernel', 'bandwidth', 'predictions']);
      assert.equal(out.kernel, k.kernel);
      assert.deepEqual(out.bandwidth, k.bandwidth);
      assertClose(numbers(out.predictions), k.expected, tolFor(k.kernel), `JSON #${c}`);
      if (nulls > 0) assert.match(json.stderr, new RegExp(`^nadaraya: warning: ${nulls} of 60 estimates are undefined.*null in the JSON`, 'm'));
    });
  });
});

describe('predict: attention weights', { concurrency: 4 }, () => {
  const withWeights = reg1d.cases.filter((k) => k.weights_row_20 && ['gaussian', 'boxcar', 'epanechnikov'].includes(k.kernel));
  for (const k of withWeights) {
    test(`dense attention row 20 equals the formula (${k.kernel}, h = ${k.bandwidth})`, async () => {
      const file = join(tmp.dir, `attention-${k.kernel}.csv`);
      const r = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--kernel', k.kernel,
        '--bandwidth', String(k.bandwidth[0]), '--attention', file]);
      assert.equal(r.status, 0, r.stderr);
      const { header, rows: lines } = parseCsv(readFileSync(file, 'utf8'));
      assert.equal(header.length, 201);
      assert.deepEqual(header.slice(0, 3), ['query', 'key_0', 'key_1']);
      assert.equal(header[200], 'key_199');
      assert.equal(lines.length, 60);
      assert.equal(lines[20]![0], '20');
      assertClose(lines[20]!.slice(1).map(Number), k.weights_row_20!, tolFor(k.kernel), `attention row 20 ${k.kernel}`);
      for (const line of lines) {
        const ws = line.slice(1).map(Number);
        if (ws.some(Number.isNaN)) continue; // an empty neighbourhood: no weights
        assert.ok(Math.abs(ws.reduce((a, b) => a + b, 0) - 1) < 1e-12, `row ${line[0]} sums to 1`);
      }
    });
  }

  test('--top-k 5: the five largest weights of each query, in decreasing order', async () => {
    const k = reg1d.cases.find((c) => c.kernel === 'gaussian' && c.weights_row_20)!;
    const file = join(tmp.dir, 'topk.csv');
    const r = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--bandwidth', String(k.bandwidth[0]),
      '--attention', file, '--top-k', '5']);
    assert.equal(r.status, 0, r.stderr);
    const { header, rows: lines } = parseCsv(readFileSync(file, 'utf8'));
    assert.deepEqual(header, ['query', 'key', 'weight']);
    assert.equal(lines.length, 60 * 5);
    const row20 = lines.filter((l) => l[0] === '20');
    const want = k.weights_row_20!.map((w, j) => ({ w, j })).sort((a, b) => b.w - a.w).slice(0, 5);
    assert.deepEqual(row20.map((l) => Number(l[1])), want.map((e) => e.j));
    assertClose(row20.map((l) => Number(l[2])), want.map((e) => e.w), 1e-12, 'top-5 weights of query 20');
  });

  test('--loo with --diagnostics and --attention: each training row\'s own key is left out, as the library does', async () => {
    const h = 0.6;
    const file = join(tmp.dir, 'loo-attention.csv'), dense = join(tmp.dir, 'loo-dense.csv');
    const [r, d] = await Promise.all([
      runCli(['predict', '--train', train1, '--loo', '--y', 'y', '--bandwidth', String(h), '--diagnostics', '--attention', file, '--top-k', '3']),
      runCli(['predict', '--train', train1, '--loo', '--y', 'y', '--bandwidth', String(h), '--attention', dense]),
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(d.status, 0, d.stderr);
    const train = readCsv(reg1d.train);
    const x = train.map((row) => Number(row.x)), y = train.map((row) => Number(row.y));
    const model = regression({ bandwidth: h }).fit(x, y);
    const loo = model.leaveOneOut();
    assertClose(csvColumn(r.stdout, 'y_hat'), Array.from(loo.predictions), 1e-12, 'loo estimates');
    assertClose(csvColumn(r.stdout, 'n_eff'), Array.from(loo.nEff), 1e-12, 'loo n_eff');
    assertClose(csvColumn(r.stdout, 'max_weight'), Array.from(loo.maxWeight), 1e-12, 'loo max_weight');
    assertClose(csvColumn(r.stdout, 'log_denominator'), Array.from(loo.logDenominator), 1e-12, 'loo log_denominator');
    const { rows: top } = parseCsv(readFileSync(file, 'utf8'));
    assert.equal(top.length, x.length * 3);
    for (const [q, key] of top) assert.notEqual(key, q, `row ${q} attends to its own key`);
    for (let i = 0; i < x.length; i++) {
      // the first of a row's top 3 is its largest weight
      assert.ok(Math.abs(Number(top[3 * i]![2]) - loo.maxWeight[i]!) <= 1e-12, `row ${i}: top weight ${top[3 * i]![2]}, max_weight ${loo.maxWeight[i]}`);
    }
    const { header, rows: lines } = parseCsv(readFileSync(dense, 'utf8'));
    assert.equal(header.length, x.length + 1);
    for (const line of lines) {
      const i = Number(line[0]);
      assert.equal(Number(line[i + 1]), 0, `row ${i}: its own weight is 0`);
      assert.ok(Math.abs(line.slice(1).map(Number).reduce((a, b) => a + b, 0) - 1) < 1e-12, `row ${i} sums to 1`);
      // the estimate is the weights times y
      const est = line.slice(1).reduce((a, w, j) => a + Number(w) * y[j]!, 0);
      assert.ok(Math.abs(est - loo.predictions[i]!) <= 1e-12 * Math.max(1, Math.abs(est)), `row ${i}: Σ w·y = the loo estimate`);
    }
  });
});

describe('predict: two x columns (reg2d)', { concurrency: 4 }, () => {
  const k = reg2d.cases[0]!;
  test(`--x a,b --bandwidth ${k.bandwidth.join(',')}: CSV and JSON against statsmodels`, async () => {
    const args = ['predict', '--train', parity(reg2d.train), '--query', parity(reg2d.query), '--x', 'a,b', '--y', 'y',
      '--bandwidth', k.bandwidth.join(',')];
    const [csv, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(parseCsv(csv.stdout).header, ['a', 'b', 'y_hat']);
    assertClose(csvColumn(csv.stdout, 'y_hat'), k.expected, 1e-12, 'reg2d CSV');
    const out = JSON.parse(json.stdout);
    assert.deepEqual(out.bandwidth, k.bandwidth);
    assertClose(numbers(out.predictions), k.expected, 1e-12, 'reg2d JSON');
  });

  test('the default --x is every numeric column but --y', async () => {
    const r = await runCli(['predict', '--train', parity(reg2d.train), '--query', parity(reg2d.query), '--y', 'y',
      '--bandwidth', k.bandwidth.join(','), '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assertClose(numbers(JSON.parse(r.stdout).predictions), k.expected, 1e-12, 'reg2d default x');
  });
});

describe('predict: the query file\'s other columns come through', { concurrency: 4 }, () => {
  test('an id and a note (CSV, quoted, empty) and JSON values keep their place beside the estimates', async () => {
    const csvQuery = join(tmp.dir, 'ids.csv'), jsonQuery = join(tmp.dir, 'ids.json');
    writeFileSync(csvQuery, 'id,x,note\nA,1,first\nB,2.5,"quoted, note"\nC,4,\n');
    writeFileSync(jsonQuery, '[{"id":7,"x":1,"ok":true},{"id":"eight","x":2.5}]');
    const [csv, json, dens] = await Promise.all([
      runCli(['predict', '--train', train1, '--query', csvQuery, '--y', 'y', '--bandwidth', '0.5']),
      runCli(['predict', '--train', train1, '--query', jsonQuery, '--y', 'y', '--bandwidth', '0.5']),
      runCli(['density', '--train', train1, '--x', 'x', '--query', csvQuery, '--bandwidth', '0.5']),
    ]);
    for (const r of [csv, json, dens]) assert.equal(r.status, 0, r.stderr);
    const train = readCsv(reg1d.train);
    const model = regression({ bandwidth: 0.5 }).fit(train.map((t) => Number(t.x)), train.map((t) => Number(t.y)));
    const a = parseCsv(csv.stdout);
    assert.deepEqual(a.header, ['id', 'x', 'note', 'y_hat']);
    assert.deepEqual(a.rows.map((l) => l.slice(0, 3)), [['A', '1', 'first'], ['B', '2.5', 'quoted, note'], ['C', '4', '']]);
    assertClose(a.rows.map((l) => Number(l[3])), Array.from(model.predict([1, 2.5, 4])), 1e-12, 'estimates beside their ids');
    assert.match(csv.stdout, /^B,2\.5,"quoted, note",/m);
    const b = parseCsv(json.stdout);
    assert.deepEqual(b.header, ['id', 'x', 'ok', 'y_hat']);
    assert.deepEqual(b.rows.map((l) => l.slice(0, 3)), [['7', '1', 'true'], ['eight', '2.5', '']]);
    assert.deepEqual(parseCsv(dens.stdout).header, ['id', 'x', 'note', 'density']);
  });
});

describe('predict: inputs', { concurrency: 4 }, () => {
  const gaussian = reg1d.cases[0]!;
  const base = ['--y', 'y', '--bandwidth', String(gaussian.bandwidth[0])];

  test('stdin as the query file (-)', async () => {
    const r = await runCli(['predict', '--train', train1, '--query', '-', ...base], { input: readFileSync(query1, 'utf8') });
    assert.equal(r.status, 0, r.stderr);
    assertClose(csvColumn(r.stdout, 'y_hat'), gaussian.expected, 1e-12, 'stdin query');
  });

  test('stdin as the training file (-), JSON with --input-format; the query file is CSV by its extension', async () => {
    const records = JSON.stringify(readCsv(reg1d.train));
    const r = await runCli(['predict', '--train', '-', '--input-format', 'json', '--query', query1, ...base], { input: records });
    assert.equal(r.status, 0, r.stderr);
    assertClose(csvColumn(r.stdout, 'y_hat'), gaussian.expected, 1e-12, 'stdin JSON training');
  });

  test('JSON records (by extension), with an extra text field', async () => {
    const file = join(tmp.dir, 'train.json');
    writeFileSync(file, JSON.stringify(readCsv(reg1d.train).map((r, i) => ({ id: `row ${i}`, ...r }))));
    const r = await runCli(['predict', '--train', file, '--query', query1, ...base, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assertClose(numbers(JSON.parse(r.stdout).predictions), gaussian.expected, 1e-12, 'JSON input');
  });

  test('CRLF line ends, quoted fields and a quoted header, a text column with commas and quotes', async () => {
    const recs = readCsv(reg1d.train);
    const lines = ['"note","x","y"', ...recs.map((r, i) => `"a ""quoted"", comma ${i}","${r.x}",${r.y}`)];
    const file = join(tmp.dir, 'crlf.csv');
    writeFileSync(file, '\ufeff' + lines.join('\r\n') + '\r\n');
    const r = await runCli(['predict', '--train', file, '--query', query1, ...base]);
    assert.equal(r.status, 0, r.stderr);
    assertClose(csvColumn(r.stdout, 'y_hat'), gaussian.expected, 1e-12, 'CRLF input');
  });

  test('a tab-separated file with --delimiter tab, output with the same delimiter', async () => {
    const file = join(tmp.dir, 'train.txt');
    writeFileSync(file, readFileSync(train1, 'utf8').replace(/,/g, '\t'));
    const r = await runCli(['predict', '--train', file, '--query', query1, ...base, '--delimiter', 'tab']);
    // the query file is comma separated: under --delimiter tab its one column "x" still reads
    assert.equal(r.status, 0, r.stderr);
    const { header, rows: lines } = parseCsv(r.stdout, '\t');
    assert.deepEqual(header, ['x', 'y_hat']);
    assertClose(lines.map((l) => Number(l[1])), gaussian.expected, 1e-12, 'tab input');
  });
});

describe('predict: options against the library', { concurrency: 4 }, () => {
  const train = readCsv(reg1d.train);
  const x = rows(train, ['x']).map((r) => r[0]!);
  const y = rows(train, ['y']).map((r) => r[0]!);
  const q = rows(readCsv(reg1d.query), ['x']).map((r) => r[0]!);

  test('--diagnostics adds log_denominator, n_eff and max_weight (CSV) and "diagnostics" (JSON)', async () => {
    const args = ['predict', '--train', train1, '--query', query1, '--y', 'y', '--bandwidth', '0.3', '--diagnostics'];
    const [csv, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(parseCsv(csv.stdout).header, ['x', 'y_hat', 'log_denominator', 'n_eff', 'max_weight']);
    const want = regression({ bandwidth: 0.3 }).fit(x, y).predictDetailed(q);
    assertClose(csvColumn(csv.stdout, 'log_denominator'), want.logDenominator, 1e-12, 'log_denominator');
    assertClose(csvColumn(csv.stdout, 'n_eff'), want.nEff, 1e-12, 'n_eff');
    assertClose(csvColumn(csv.stdout, 'max_weight'), want.maxWeight, 1e-12, 'max_weight');
    const out = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(out), ['kernel', 'bandwidth', 'predictions', 'diagnostics']);
    assert.deepEqual(Object.keys(out.diagnostics), ['logDenominator', 'nEff', 'maxWeight']);
    assertClose(out.diagnostics.nEff, want.nEff, 1e-12, 'JSON nEff');
  });

  test('--loo: leave-one-out estimates at the training rows, and their MSE in JSON', async () => {
    const args = ['predict', '--train', train1, '--loo', '--y', 'y', '--bandwidth', '0.3'];
    const [csv, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
    assert.equal(csv.status, 0, csv.stderr);
    const want = regression({ bandwidth: 0.3 }).fit(x, y).leaveOneOut();
    assert.deepEqual(csvColumn(csv.stdout, 'x'), x);
    assertClose(csvColumn(csv.stdout, 'y_hat'), want.predictions, 1e-12, 'LOO CSV');
    const out = JSON.parse(json.stdout);
    assertClose(numbers(out.predictions), want.predictions, 1e-12, 'LOO JSON');
    assertClose(out.mse, want.mse, 1e-12, 'LOO MSE');
  });

  test('several --y columns: <y>_hat per column, and rows in JSON', async () => {
    const file = join(tmp.dir, 'two-y.csv');
    writeFileSync(file, 'x,y,z\n' + x.map((v, i) => `${v},${y[i]},${2 * y[i]! + 1}`).join('\n') + '\n');
    const args = ['predict', '--train', file, '--query', query1, '--y', 'y,z', '--bandwidth', '0.3'];
    const [csv, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'json'])]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(parseCsv(csv.stdout).header, ['x', 'y_hat', 'z_hat']);
    assertClose(csvColumn(csv.stdout, 'y_hat'), reg1d.cases[0]!.expected, 1e-12, 'y_hat');
    const want = regression({ bandwidth: 0.3 }).fit(x, y.map((v) => [v, 2 * v + 1])).predict(q);
    const out = JSON.parse(json.stdout);
    assert.equal(out.predictions.length, 60);
    assert.equal(out.predictions[0].length, 2);
    assertClose(out.predictions.flat(), want, 1e-12, 'vector values');
  });

  test('--weights-col: observation weights, left out of the default --x', async () => {
    const w = x.map((_, i) => (i % 3) + 0.5);
    const file = join(tmp.dir, 'weighted.csv');
    writeFileSync(file, 'x,w,y\n' + x.map((v, i) => `${v},${w[i]},${y[i]}`).join('\n') + '\n');
    const r = await runCli(['predict', '--train', file, '--query', query1, '--y', 'y', '--weights-col', 'w', '--bandwidth', '0.3']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(parseCsv(r.stdout).header, ['x', 'y_hat']);
    const want = regression({ bandwidth: 0.3 }).fit(x, y, { weights: w }).predict(q);
    assertClose(csvColumn(r.stdout, 'y_hat'), want, 1e-12, 'weighted');
  });

  test('--standardize: the bandwidth is in SD units, the JSON says so, and stderr has a note', async () => {
    const r = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--bandwidth', '0.5', '--standardize', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.standardized, true);
    assert.deepEqual(out.bandwidth, [0.5]);
    assert.match(r.stderr, /^nadaraya: note: --standardize: .*divided by their standard deviations \(x: [0-9.]+\)/m);
    const sd = sampleSd(x);
    const want = regression({ bandwidth: 0.5 }).fit(x.map((v) => v / sd), y).predict(q.map((v) => v / sd));
    assertClose(numbers(out.predictions), want, 1e-12, 'standardized');
    const quiet = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--bandwidth', '0.5', '--standardize', '--quiet']);
    assert.equal(quiet.stderr, '', '--quiet: no note');
  });

  test('--empty nearest: no undefined estimate, no warning', async () => {
    const r = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--kernel', 'boxcar', '--bandwidth', '0.05', '--empty', 'nearest']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(csvColumn(r.stdout, 'y_hat').every(Number.isFinite));
    assert.equal(r.stderr, '');
  });

  test('--bandwidth with a rule: the rule\'s width is reported', async () => {
    const r = await runCli(['predict', '--train', train1, '--query', query1, '--y', 'y', '--bandwidth', 'silverman', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const model = regression({ bandwidth: 'silverman' }).fit(x, y);
    assert.deepEqual(JSON.parse(r.stdout).bandwidth, Array.from(model.bandwidth));
  });
});

/** `nadaraya classify` end to end: cls2d's leave-one-out answers, query files, numeric labels. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifier } from '../../src/index.js';
import { assertClose, loadJson, readCsv, rows } from '../helpers/parity.js';
import { csvColumn, parity, parseCsv, runCli, tempDir } from './helpers.js';

const cls = loadJson<{ train: string; x: string[]; y: string; kernel: string; bandwidth: number[]; classes: string[];
  loo_predictions: string[]; loo_probabilities: number[][]; loo_accuracy: number }>('cls2d.json');
const train = parity(cls.train);
const tmp = tempDir();
after(() => tmp.remove());

describe('classify: cls2d', { concurrency: 4 }, () => {
  test('--loo --bandwidth 0.5 --format json: classes, predictions, probabilities and accuracy', async () => {
    const r = await runCli(['classify', '--train', train, '--loo', '--y', 'label', '--bandwidth', '0.5', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['kernel', 'bandwidth', 'classes', 'predictions', 'probabilities', 'accuracy']);
    assert.deepEqual(out.bandwidth, cls.bandwidth);
    assert.deepEqual(out.classes, cls.classes);
    assert.deepEqual(out.predictions, cls.loo_predictions);
    assert.equal(out.accuracy, cls.loo_accuracy);
    // the file rounds probabilities to 15 decimals: 1e-15 absolute on top of 1e-12 relative
    assertClose(out.probabilities.flat(), cls.loo_probabilities.flat(), 1e-12, 'LOO probabilities', { absTol: 1e-15 });
    assert.match(r.stderr, new RegExp(`^nadaraya: note: leave-one-out accuracy ${cls.loo_accuracy}`, 'm'));
  });

  test('--loo --diagnostics: the library\'s leave-one-out diagnostics as columns', async () => {
    const r = await runCli(['classify', '--train', train, '--loo', '--y', 'label', '--bandwidth', '0.5', '--diagnostics']);
    assert.equal(r.status, 0, r.stderr);
    const recs = readCsv('cls2d_train.csv');
    const loo = classifier({ bandwidth: 0.5 }).fit(recs.map((t) => [Number(t.a), Number(t.b)]), recs.map((t) => String(t.label))).leaveOneOut();
    for (const [column, want] of [['n_eff', loo.nEff], ['max_weight', loo.maxWeight], ['log_denominator', loo.logDenominator]] as const) {
      const got = csvColumn(r.stdout, column);
      assert.equal(got.length, recs.length);
      got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) <= 1e-12 * Math.max(1, Math.abs(want[i]!)), `${column}[${i}]: ${g} vs ${want[i]}`));
    }
  });

  test('--loo --proba CSV: the x columns, label_hat, p_<class>', async () => {
    const r = await runCli(['classify', '--train', train, '--loo', '--x', 'a,b', '--y', 'label', '--bandwidth', '0.5', '--proba']);
    assert.equal(r.status, 0, r.stderr);
    const { header, rows: lines } = parseCsv(r.stdout);
    assert.deepEqual(header, ['a', 'b', 'label_hat', 'p_blue', 'p_green', 'p_red']);
    assert.deepEqual(lines.map((l) => l[2]), cls.loo_predictions);
    cls.classes.forEach((c, k) => {
      assertClose(csvColumn(r.stdout, `p_${c}`), cls.loo_probabilities.map((p) => p[k]!), 1e-12, `p_${c}`, { absTol: 1e-15 });
    });
  });

  test('--query: predictions and probabilities equal the library; without --proba only the label', async () => {
    const records = readCsv(cls.train);
    const query = join(tmp.dir, 'query.csv');
    writeFileSync(query, 'b,a\n' + records.slice(0, 30).map((r) => `${r.b},${r.a}`).join('\n') + '\n');
    const [csv, json] = await Promise.all([
      runCli(['classify', '--train', train, '--query', query, '--y', 'label', '--bandwidth', '0.5']),
      runCli(['classify', '--train', train, '--query', query, '--y', 'label', '--bandwidth', '0.5', '--format', 'json', '--diagnostics']),
    ]);
    assert.equal(csv.status, 0, csv.stderr);
    // the query file's columns in its own order (b before a), then the label
    assert.deepEqual(parseCsv(csv.stdout).header, ['b', 'a', 'label_hat']);
    assert.deepEqual(parseCsv(csv.stdout).rows.map((l) => Number(l[1])), records.slice(0, 30).map((r) => r.a));
    const clf = classifier({ bandwidth: 0.5 }).fit(records, { x: ['a', 'b'], y: 'label' });
    const want = clf.predictDetailed(rows(records.slice(0, 30), ['a', 'b']));
    assert.deepEqual(parseCsv(csv.stdout).rows.map((l) => l[2]), want.predictions);
    const out = JSON.parse(json.stdout);
    assert.deepEqual(out.predictions, want.predictions);
    assertClose(out.probabilities.flat(), want.probabilities, 1e-12, 'query probabilities');
    assertClose(out.diagnostics.nEff, want.nEff, 1e-12, 'query nEff');
  });

  test('numeric labels become numeric classes, sorted as numbers', async () => {
    const file = join(tmp.dir, 'numeric-labels.csv');
    writeFileSync(file, 'x,c\n0,10\n0.1,10\n1,2\n1.1,2\n2,1\n2.1,1\n');
    const r = await runCli(['classify', '--train', file, '--loo', '--y', 'c', '--bandwidth', '0.3', '--format', 'json', '--quiet']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.classes, [1, 2, 10]);
    assert.deepEqual(out.predictions, [10, 10, 2, 2, 1, 1]);
    assert.equal(out.accuracy, 1);
    assert.equal(r.stderr, '');
  });
});

/**
 * Parity with independent peers (statsmodels, SciPy, scikit-learn, R): every case of every JSON file in
 * <repo>/../shared/parity, compared by the README's rule (see test/helpers/parity.ts).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifier, density, regression, ruleOfThumb } from '../../src/index.js';
import type { BandwidthRule, DenseAttention } from '../../src/index.js';
import { assertClose, loadJson, parityFiles, paritySummary, readCsv, rows } from '../helpers/parity.js';
import type { CsvRecord } from '../helpers/parity.js';

interface Case {
  peer: string;
  kernel: string;
  bandwidth: number[] | BandwidthRule;
  expected: (number | null)[];
  weights_row_20?: (number | null)[];
}
interface CaseFile { train: string; query: string; x: string[]; y?: string; cases: Case[]; rules?: Record<string, number> }

/** 1e-12 for the Gaussian kernel, 1e-10 for the others (the brief's tolerances). */
const tolFor = (kernel: string) => (kernel === 'gaussian' ? 1e-12 : 1e-10);
const nullCount = (a: readonly (number | null)[]) => a.filter((v) => v === null).length;
const caseName = (file: string, c: number, k: Case) => `${file} #${c} ${k.peer}, ${k.kernel}, h = ${JSON.stringify(k.bandwidth)}`;

after(() => {
  for (const line of paritySummary()) console.log(line);
});

function regressionFile(file: string): void {
  const j = loadJson<CaseFile>(file);
  const train = readCsv(j.train);
  const queries = rows(readCsv(j.query), j.x);
  j.cases.forEach((k, c) => {
    test(caseName(file, c, k), () => {
      const warnings: string[] = [];
      const model = regression({ kernel: k.kernel, bandwidth: k.bandwidth, onWarning: (m) => warnings.push(m) })
        .fit(train, { x: j.x, y: j.y! });
      const tol = tolFor(k.kernel);
      assertClose(model.predict(queries), k.expected, tol, `${file} #${c} estimates`, { file });
      const nulls = nullCount(k.expected);
      if (nulls > 0) {
        assert.equal(warnings.length, 1, 'one warning for the empty neighbourhoods');
        assert.ok(warnings[0]!.startsWith(`${nulls} of ${queries.length} queries`), warnings[0]);
      } else {
        assert.deepEqual(warnings, [], 'no warning when every estimate is defined');
      }
      if (k.weights_row_20) {
        const att = model.attention([queries[20]!]) as DenseAttention;
        assert.equal(att.m, 1);
        assert.equal(att.n, train.length);
        assertClose(att.weights, k.weights_row_20, tol, `${file} #${c} weights of query 20`, { file });
      }
    });
  });
}

function densityFile(file: string): void {
  const j = loadJson<CaseFile>(file);
  const train = readCsv(j.train);
  const queries = rows(readCsv(j.query), j.x);
  j.cases.forEach((k, c) => {
    test(caseName(file, c, k), () => {
      const model = density({ kernel: k.kernel, bandwidth: k.bandwidth }).fit(train, { x: j.x });
      const pdf = model.pdf(queries);
      assertClose(pdf, k.expected, tolFor(k.kernel), `${file} #${c} pdf`, { file });
      const logPdf = model.logPdf(queries);
      for (let i = 0; i < pdf.length; i++) {
        const want = Math.log(pdf[i]!);
        if (want === -Infinity) assert.equal(logPdf[i], -Infinity, `logPdf[${i}] where pdf is 0`);
        else assert.ok(Math.abs(logPdf[i]! - want) <= 1e-12 * Math.max(1, Math.abs(want)), `logPdf[${i}] = ${logPdf[i]}, log(pdf) = ${want}`);
      }
      if (k.bandwidth === 'scott' && j.rules) {
        const scipy = Object.entries(j.rules).find(([name]) => name.startsWith('scott '))![1];
        assertClose(model.bandwidth, [scipy], 1e-12, `${file} #${c} scott width`, { file });
      }
    });
  });
  if (j.rules) {
    const x = rows(train, j.x).map((r) => r[0]!);
    for (const [name, want] of Object.entries(j.rules)) {
      const rule = name.split(' ')[0] as BandwidthRule;
      test(`${file} rule of thumb ${name}`, () => {
        assertClose(ruleOfThumb(x, rule), want, 1e-12, `${file} rule ${rule}`, { file });
      });
    }
  }
}

function classificationFile(file: string): void {
  const j = loadJson<{ train: string; x: string[]; y: string; kernel: string; bandwidth: number[]; classes: string[];
    loo_predictions: string[]; loo_probabilities: number[][]; loo_accuracy: number }>(file);
  const train: CsvRecord[] = readCsv(j.train);
  test(`${file} leave-one-out ${j.kernel} classifier, h = ${JSON.stringify(j.bandwidth)}`, () => {
    const clf = classifier({ kernel: j.kernel, bandwidth: j.bandwidth }).fit(train, { x: j.x, y: j.y });
    const loo = clf.leaveOneOut();
    assert.deepEqual([...clf.classes], j.classes);
    assert.equal(loo.predictions.length, j.loo_predictions.length);
    loo.predictions.forEach((p, i) => assert.equal(p, j.loo_predictions[i], `prediction ${i}`));
    assert.equal(loo.accuracy, j.loo_accuracy);
    assert.equal(loo.emptyCount, 0);
    // the file rounds probabilities to 15 decimals: 1e-15 absolute on top of 1e-12 relative
    assertClose(loo.probabilities, j.loo_probabilities.flat(), 1e-12, `${file} probabilities`, { file, absTol: 1e-15 });
  });
}

function crossValidationFile(file: string): void {
  const j = loadJson<{ train: string; x: string[]; y: string; kernel: string; statsmodels_bandwidth: number[];
    statsmodels_objective: number; objective_curve: { bandwidth: number; loo_mse: number }[] }>(file);
  const train = readCsv(j.train);
  const model = regression({ kernel: j.kernel, bandwidth: 1 }).fit(train, { x: j.x, y: j.y });
  for (const { bandwidth, loo_mse } of j.objective_curve) {
    test(`${file} leave-one-out MSE at h = ${bandwidth}`, () => {
      const loo = model.withBandwidth(bandwidth).leaveOneOut();
      assert.equal(loo.emptyCount, 0);
      assertClose(loo.mse, loo_mse, 1e-12, `${file} loo mse at ${bandwidth}`, { file });
    });
  }
  test(`${file} statsmodels' cv_ls objective at its optimum h = ${j.statsmodels_bandwidth}`, () => {
    const mse = model.withBandwidth(j.statsmodels_bandwidth).leaveOneOut().mse;
    assertClose(mse, j.statsmodels_objective, 1e-12, `${file} statsmodels objective`, { file });
  });
}

const handlers: Record<string, (file: string) => void> = {
  'reg1d.json': regressionFile,
  'reg2d.json': regressionFile,
  'dens1d.json': densityFile,
  'dens2d.json': densityFile,
  'cls2d.json': classificationFile,
  'cv_ls.json': crossValidationFile,
};

describe('parity with statsmodels, SciPy, scikit-learn and R', () => {
  const files = parityFiles();
  test('every parity file is known to this test', () => {
    assert.deepEqual(files.filter((f) => !(f in handlers)), []);
    assert.deepEqual(Object.keys(handlers).filter((f) => !files.includes(f)), []);
  });
  for (const file of files) if (handlers[file]) describe(file, () => handlers[file]!(file));
});

/**
 * The parity files of ../shared/parity (statsmodels, SciPy, scikit-learn) through the estimators on every
 * backend that loads here, in both precisions: float64 to the parity rule (1e-12 Gaussian, 1e-10 else,
 * relative), float32 to 1e-5 of the values' scale (its weights carry ~1e-7 relative error each, so an
 * estimate near 0 is exact only to that absolutely). Every case is big enough to leave JS (n·m ≥ 4096).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/node.js';
import { backendStatus, classifier, density, regression } from '../../src/index.js';
import type { BandwidthRule } from '../../src/index.js';
import type { Precision } from '../../src/backends/types.js';
import { assertClose, loadJson, readCsv, rows } from '../helpers/parity.js';

interface Case { peer: string; kernel: string; bandwidth: number[] | BandwidthRule; expected: (number | null)[] }
interface CaseFile { train: string; query: string; x: string[]; y?: string; cases: Case[] }

const tolFor = (kernel: string, precision: Precision) => (precision === 'float32' ? 1e-5 : kernel === 'gaussian' ? 1e-12 : 1e-10);
const scaleOf = (a: readonly (number | null)[]) => a.reduce<number>((m, v) => (v !== null && Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);

for (const { name, unavailable } of backendStatus()) {
  if (name === 'js' || unavailable !== null) continue;
  describe(`parity files on ${name}`, () => {
    for (const precision of ['float64', 'float32'] as const) {
      const options = { backend: name, precision, onWarning: () => {} };
      for (const file of ['reg1d.json', 'reg2d.json', 'dens1d.json', 'dens2d.json']) {
        test(`${file}, ${precision}: every case`, () => {
          const j = loadJson<CaseFile>(file);
          const train = readCsv(j.train);
          const queries = rows(readCsv(j.query), j.x);
          for (const [c, k] of j.cases.entries()) {
            const model = j.y
              ? regression({ kernel: k.kernel, bandwidth: k.bandwidth, ...options }).fit(train, { x: j.x, y: j.y })
              : density({ kernel: k.kernel, bandwidth: k.bandwidth, ...options }).fit(train, { x: j.x });
            const got = 'predict' in model ? model.predict(queries) : model.pdf(queries);
            assert.equal(model.lastBackend, name, `${file} #${c}: ran on ${model.lastBackend}`);
            const absTol = precision === 'float32' ? 1e-5 * scaleOf(k.expected) : 0;
            assertClose(got, k.expected, tolFor(k.kernel, precision), `${file} #${c} ${k.peer} ${k.kernel} on ${name} ${precision}`, { absTol });
          }
        });
      }
      test(`cls2d.json, ${precision}: leave-one-out probabilities`, () => {
        const j = loadJson<{ train: string; x: string[]; y: string; kernel: string; bandwidth: number[]; loo_probabilities: number[][] }>('cls2d.json');
        const clf = classifier({ kernel: j.kernel, bandwidth: j.bandwidth, ...options }).fit(readCsv(j.train), { x: j.x, y: j.y });
        const loo = clf.leaveOneOut();
        assert.equal(clf.lastBackend, name);
        assertClose(loo.probabilities, j.loo_probabilities.flat(), precision === 'float32' ? 1e-5 : 1e-12, `cls2d on ${name} ${precision}`,
          { absTol: precision === 'float32' ? 1e-5 : 1e-15 });
      });
    }
  });
}

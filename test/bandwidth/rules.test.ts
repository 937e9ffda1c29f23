/**
 * Rules of thumb against their peers where the parity files do not reach: R's fallbacks when the IQR is 0
 * (bw.nrd0, and bw.nrd, whose 0 we replace by σ̂ on purpose), and the d > 1 rules per coordinate against
 * statsmodels' normal_reference and SciPy's scott/silverman on a fixed 20 × 2 sample (values printed by R
 * 4.2 / statsmodels 0.13 / SciPy 1.10 on this machine; the commands are in the test names).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { density, ruleOfThumb } from '../../src/index.js';

const close = (got: number, want: number, label: string) => assert.ok(Math.abs(got - want) <= 1e-14 * want, `${label}: ${got} vs ${want}`);

test('IQR = 0: nrd0 falls back to σ̂ as R does (bw.nrd0(c(0,0,0,0,0,0,0,1)) = 0.2099324230957817); nrd too, where R gives 0', () => {
  const x = [0, 0, 0, 0, 0, 0, 0, 1];
  close(ruleOfThumb(x, 'nrd0'), 0.2099324230957817, 'nrd0');
  const sd = Math.sqrt(1 / 8);
  close(ruleOfThumb(x, 'nrd'), 1.06 * sd * 8 ** -0.2, 'nrd: σ̂ instead of R\'s 0');
  // with an IQR > 0 both are R's: bw.nrd0(y) and bw.nrd(y) for y = c(1,1,1,1,2,3,7,1,1,1)
  const y = [1, 1, 1, 1, 2, 3, 7, 1, 1, 1];
  close(ruleOfThumb(y, 'nrd0'), 0.31783299068964954, 'nrd0, IQR 0.75');
  close(ruleOfThumb(y, 'nrd'), 0.3743366334789206, 'nrd, IQR 0.75');
});

test('d = 2, per coordinate: statsmodels KDEMultivariate(bw="normal_reference"), SciPy gaussian_kde scott/silverman', () => {
  const X = Array.from({ length: 20 }, (_, i) => [i * 0.5, (i * i) % 7]);
  const nr = density({ bandwidth: 'normal-reference' }).fit(X).bandwidth;
  close(nr[0]!, 1.8549549292351775, 'normal-reference, column 0');
  close(nr[1]!, 0.9206180548337413, 'normal-reference, column 1');
  for (const rule of ['scott', 'silverman'] as const) {
    const h = density({ bandwidth: rule }).fit(X).bandwidth;
    // SciPy: sqrt(diag(kde.covariance)); in d = 2 Silverman's factor equals Scott's
    close(h[0]!, 1.7954184919706986, `${rule}, column 0`);
    close(h[1]!, 0.8910699950926053, `${rule}, column 1`);
  }
});

/**
 * Every figure of the report renders to SVG with the marks it should draw, its title and labels in the
 * shipped font, and matches its golden in test/snapshots/ (numbers normalised to 3 significant digits).
 * Seed: CHAPTER_SEED (2024).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAPTER_SEED } from '../../src/index.js';
import { buildFigures, computeReport, FIGURE_NAMES } from '../../src/report/index.js';
import { renderSvg } from '../../src/plot/render.js';
import { assertSnapshot, markItems, texts } from './snapshot.js';

/** The data marks each figure must draw at seed 2024: one line per curve, one symbol per point, one rect per cell. */
const EXPECTED: Record<(typeof FIGURE_NAMES)[number], { marks: Record<string, number>; text: readonly string[] }> = {
  'kernels': { marks: { line: 4 }, text: ['Gaussian', 'Boxcar', 'Constant', 'Epanechikov (chapter)', '= triangular', 'x = q − k', 'α(x)'] },
  'kernel-zoo': { marks: { line: 13 }, text: ['The kernel zoo', 'gaussian', 'silverman', 'triangular (chapter: Epanechikov)'] },
  // 40 training pairs, the true f, 50 query ticks
  'data': { marks: { line: 1, symbol: 40, rect: 50 }, text: ['The data', 'seed 2024', 'training pairs (xᵢ, yᵢ)'] },
  // 4 panels × (ŷ, f) lines and 4 × 40 points
  'fits-kernels': { marks: { line: 8, symbol: 160 }, text: ['Gaussian', 'Constant', 'ŷ (estimate)', 'f (true function)', 'training pairs'] },
  // 4 panels × 50 queries × 40 keys
  'attention-kernels': { marks: { rect: 8000 }, text: ['attention weight', 'key j (sorted by x)', 'query x', '= triangular'] },
  'fits-widths': { marks: { line: 8, symbol: 160 }, text: ['σ = 0.1', 'σ = 0.2', 'σ = 0.5', 'σ = 1'] },
  'attention-widths': { marks: { rect: 8000 }, text: ['σ = 0.1', 'σ = 1', 'attention weight'] },
  'fits-chosen-widths': { marks: { line: 4, symbol: 80 }, text: ['leave-one-out', 'σ = 0.312', 'Abramson local widths'] },
  // the widths as a line with points, the global width, the key ticks
  'local-widths': { marks: { line: 1, symbol: 40, rule: 1, rect: 40 }, text: ['width hᵢ', 'key xᵢ'] },
  // two joint densities and their difference; 541 prediction bands + 40 key ticks; the zero line
  'exercise-1-parzen': { marks: { line: 3, rect: 581, rule: 1 }, text: ['y = +1', 'y = −1', 'NW classifier', 'p̂(x, +1) − p̂(x, −1)'] },
  'exercise-2-learning': { marks: { line: 4 }, text: ['in-sample', 'leave-one-out', 'σ (log scale)', 'loss (log scale)'] },
  'exercise-2-overfit': { marks: { line: 4, symbol: 80 }, text: ['in-sample', 'leave-one-out'] },
  'exercise-2-loo-curve': { marks: { line: 2, rule: 1, symbol: 1, text: 1 }, text: ['σ* = 0.312', 'leave-one-out MSE', 'in-sample MSE'] },
  // 2 fitted lines + 2 data lines, 7 n × 2 widths points
  'exercise-4-consistency': { marks: { line: 4, symbol: 14 }, text: ['40', '40k', 'slope', 'n (training pairs, log scale)'] },
};

const { results } = computeReport(CHAPTER_SEED);
const figures = buildFigures(results);

test('the report builds every figure, in order', () => {
  assert.deepEqual(figures.map((f) => f.name), [...FIGURE_NAMES]);
});

for (const figure of figures) {
  test(`figure ${figure.name}: marks, text, font and snapshot`, async (t) => {
    const svg = await renderSvg(figure.spec);
    const expected = EXPECTED[figure.name];
    assert.deepEqual(markItems(svg), expected.marks, `${figure.name}: data marks`);
    const strings = texts(svg);
    const all = strings.join('\n');
    // Vega shortens text that exceeds a limit with a trailing '…': nothing may be cut
    assert.deepEqual(strings.filter((s) => s.endsWith('…')), [], `${figure.name}: truncated text`);
    for (const s of expected.text) assert.ok(all.includes(s), `${figure.name}: the text "${s}" is missing`);
    // every text is in the shipped font, so that the PNG renderer (which loads only that font) draws it
    const families = new Set([...svg.matchAll(/font-family="([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...families], ['DejaVu Sans'], `${figure.name}: font families`);
    assert.ok(!/NaN|undefined|Infinity/.test(svg), `${figure.name}: NaN/undefined/Infinity in the SVG`);
    if (assertSnapshot(figure.name, svg) === 'created') t.diagnostic(`created the golden test/snapshots/${figure.name}.svg`);
  });
}

/**
 * `npm start`: fits the chapter's data with its four kernels (and the width sweep) and prints a table.
 * (The full reproduction with figures and a report is the chapter-reproduction issue's.)
 */
import { chapterData, regression } from '../index.js';

const seed = Number(process.env.NADARAYA_SEED ?? '') || undefined;
const data = chapterData(seed);
const rows: [string, string, number][] = [
  ['gaussian', 'Gaussian', 1], ['boxcar', 'Boxcar', 1], ['constant', 'Constant', 1],
  ['triangular', 'Epanechikov (chapter) = triangular', 1],
  ['gaussian', 'Gaussian σ = 0.1', 0.1], ['gaussian', 'Gaussian σ = 0.2', 0.2],
  ['gaussian', 'Gaussian σ = 0.5', 0.5], ['gaussian', 'Gaussian σ = 1', 1],
  ['gaussian', 'Gaussian, normal-reference', NaN],
];

console.log(`nadaraya — the chapter's data: y = 2 sin(x) + x + ε, ${data.xTrain.length} keys x ~ U(0, 5), seed ${data.seed}`);
console.log('queries 0, 0.1, …, 4.9; MSE against the true f, leave-one-out MSE on the keys\n');
const header = ['kernel', 'width', 'ŷ(1.0)', 'ŷ(2.5)', 'ŷ(4.0)', 'MSE vs f', 'LOO MSE', 'mean n_eff'];
const table: string[][] = [];
for (const [kernel, label, width] of rows) {
  const model = regression({ kernel, bandwidth: Number.isNaN(width) ? 'normal-reference' : width, empty: 'nearest' })
    .fit(data.xTrain, data.yTrain);
  const out = model.predictDetailed(data.xQuery);
  const at = (x: number) => out.estimates[Math.round(x * 10)]!.toFixed(3);
  let mse = 0;
  data.yTrue.forEach((f, i) => { mse += (out.estimates[i]! - f) ** 2; });
  const nEff = out.nEff.reduce((a, b) => a + b, 0) / out.nEff.length;
  table.push([label, model.bandwidth[0]!.toFixed(3), at(1), at(2.5), at(4), (mse / data.yTrue.length).toFixed(4),
    model.leaveOneOut().mse.toFixed(4), nEff.toFixed(1)]);
}
const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const r of table) console.log(line(r));

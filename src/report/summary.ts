/**
 * The report's numbers in one plain object (for the terminal, the CLI and tests), and the short table the
 * terminal prints.
 */
import type { ReportResults } from './figures.js';
import type { SphereResult } from './exercises.js';
import { fixed, sci } from './format.js';

export interface SummaryRow {
  readonly model: string;
  readonly kernel: string;
  readonly bandwidth: number;
  /** MSE against the true f at the 50 queries (the chapter's y_val). */
  readonly validationMse: number;
  /** Exact leave-one-out MSE on the training pairs. */
  readonly looMse: number;
  readonly meanNEff: number;
}

export interface ReportSummary {
  readonly seed: number;
  readonly rows: readonly SummaryRow[];
  readonly exercises: {
    readonly parzen: { readonly disagreements: number; readonly points: number; readonly maxValueDifference: number };
    readonly learning: { readonly inSampleWidth: number; readonly looWidth: number; readonly cvWidth: number; readonly cvMse: number };
    readonly sphere: { readonly maxWeightDifference: number; readonly maxEstimateDifference: number };
    readonly consistency: { readonly scheduledSlope: number; readonly fixedSlope: number };
  };
}

export function summarise(res: ReportResults, sphere: SphereResult): ReportSummary {
  const r = res.chapter;
  const row = (model: string, f: { kernel: string; bandwidth: number; validationMse: number; looMse: number; meanNEff: number }): SummaryRow =>
    ({ model, kernel: f.kernel, bandwidth: f.bandwidth, validationMse: f.validationMse, looMse: f.looMse, meanNEff: f.meanNEff });
  return {
    seed: r.data.seed,
    rows: [
      ...r.kernelFits.map((f) => row(f.label, f)),
      ...r.widthFits.map((f) => row(`Gaussian ${f.label}`, f)),
      row('Gaussian, leave-one-out σ (cv-ls)', r.looFit),
      row('Gaussian, Abramson local widths', r.abramsonFit),
    ],
    exercises: {
      parzen: { disagreements: res.parzen.disagreements, points: res.parzen.grid.length, maxValueDifference: res.parzen.maxValueDifference },
      learning: { inSampleWidth: res.learning.inSample.finalWidth, looWidth: res.learning.loo.finalWidth, cvWidth: res.learning.cvWidth, cvMse: res.learning.cvMse },
      sphere: { maxWeightDifference: sphere.maxWeightDifference, maxEstimateDifference: sphere.maxEstimateDifference },
      consistency: { scheduledSlope: res.consistency.scheduledFit.slope, fixedSlope: res.consistency.fixedFit.slope },
    },
  };
}

/** The terminal's table: validation and LOO MSE per model, then one line per exercise. */
export function formatSummary(s: ReportSummary): string {
  const header = ['model', 'width', 'val. MSE', 'LOO MSE'];
  const body = s.rows.map((r) => [r.model, fixed(r.bandwidth), fixed(r.validationMse), fixed(r.looMse)]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  const e = s.exercises;
  return [
    `The chapter reproduced (seed ${s.seed}): validation MSE against the true f at the 50 queries, LOO MSE on the 40 keys`,
    '',
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    `Exercise 1  Parzen p̂(x,+1) − p̂(x,−1) vs the NW classifier: ${e.parzen.disagreements} sign disagreements in ${e.parzen.points} points`,
    `Exercise 2  learned σ: in-sample → ${sci(e.learning.inSampleWidth, 2)} (collapses), leave-one-out ${fixed(e.learning.looWidth)} (cv-ls optimum ${fixed(e.learning.cvWidth)})`,
    `Exercise 3  unit sphere: max |Gaussian − softmax(q·k/σ²)| = ${sci(e.sphere.maxWeightDifference)}`,
    `Exercise 4  slope of log MSE vs log n: ${fixed(e.consistency.scheduledSlope, 2)} with σ ∝ n^(−1/5) (theory −0.80), ${fixed(e.consistency.fixedSlope, 2)} with σ fixed`,
  ].join('\n');
}

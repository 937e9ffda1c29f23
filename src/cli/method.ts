/**
 * --method, --tolerance and --error-scale (the library's `method`, `tolerance` and `errorScale`: how the
 * sums are computed, how far from exact they may be, and relative to what), and the report of what ran,
 * gathered over the batches of queries: the JSON output's "method" entry and a note on stderr.
 */
import type { Command } from 'commander';
import { NadarayaError } from '../index.js';
import type { EstimatorOptions, MethodReport } from '../index.js';
import type { JsonValue } from '../io/write.js';
import type { Reporter } from './report.js';
import type { JsonEntry } from './results.js';

export interface MethodFlags {
  method?: string;
  tolerance?: string;
  errorScale?: string;
}

/** --method, --tolerance, --error-scale (predict, classify, density; with --query or --loo). */
export function addMethodOptions(cmd: Command): Command {
  return cmd
    .option('--method <method>', 'how the sums are computed: exact (default), neighbors (exact, visiting only the training points in reach '
      + 'of a compact kernel), truncated or binned (within --tolerance; binned: gaussian kernel, 1 or 2 x columns), '
      + 'auto (the default with --tolerance: picks by kernel, size and tolerance). JSON output reports what ran and its bound')
    .option('--tolerance <t>', 'bound on the relative error of every sum (numerator and denominator) for auto, truncated and binned, '
      + 'in [0, 1), e.g. 1e-6 (default 0: exact)')
    .option('--error-scale <scale>', 'what --tolerance is relative to: relative (default: each query\'s own sums, so far tails are as '
      + 'exact as the peak) or total (the total weight the sums could reach: the same absolute error everywhere, for a density '
      + 'tolerance × the density of all the mass at one point; much faster on grids that reach into the tails)');
}

/** The options with the flags' method and tolerance (the library checks the values and names what it accepts). */
export function withMethod(options: EstimatorOptions, flags: MethodFlags): EstimatorOptions {
  if (flags.method !== undefined) options.method = flags.method as EstimatorOptions['method'];
  if (flags.tolerance !== undefined) {
    const t = flags.tolerance.trim();
    const v = Number(t);
    if (t === '' || Number.isNaN(v)) throw new NadarayaError('E_PARAM', { argument: '--tolerance', value: flags.tolerance }, 'must be a number in [0, 1), e.g. 1e-6');
    options.tolerance = v;
  }
  if (flags.errorScale !== undefined) options.errorScale = flags.errorScale as EstimatorOptions['errorScale'];
  return options;
}

interface Batch {
  readonly report: MethodReport;
  readonly count: number;
}

/**
 * The method reports of the batches, merged: the method that computed most queries, the largest bound, and
 * every query computed another way (a batch's fallbacks, or a batch where `auto` chose differently).
 */
export class MethodSummary {
  private readonly batches: Batch[] = [];

  add(report: MethodReport | null, count: number): void {
    if (report && count > 0) this.batches.push({ report, count });
  }

  /** The merged report, or null when nothing ran. */
  merged(): MethodReport | null {
    if (this.batches.length === 0) return null;
    const own = (b: Batch) => b.count - b.report.fallback.reduce((t, f) => t + f.count, 0);
    const byMethod = new Map<string, number>();
    for (const b of this.batches) byMethod.set(b.report.method, (byMethod.get(b.report.method) ?? 0) + own(b));
    const name = [...byMethod].sort((a, b) => b[1] - a[1])[0]![0];
    const main = this.batches.find((b) => b.report.method === name)!.report;
    const fallback = new Map<string, { method: MethodReport['method']; count: number; reason: string }>();
    const note = (method: MethodReport['method'], count: number, reason: string) => {
      const key = `${method}\u0000${reason}`;
      const f = fallback.get(key);
      if (f) f.count += count; else fallback.set(key, { method, count, reason });
    };
    let bound = 0;
    for (const b of this.batches) {
      bound = Math.max(bound, b.report.bound);
      if (b.report.method !== name) note(b.report.method, own(b), b.report.detail);
      for (const f of b.report.fallback) note(f.method, f.count, f.reason);
    }
    return { ...main, method: name as MethodReport['method'], bound, fallback: [...fallback.values()] };
  }

  /** The JSON entry: requested, name, tolerance, errorScale, bound, fallback, detail. */
  json(): JsonValue {
    const r = this.merged();
    if (!r) return null;
    return {
      requested: r.requested, name: r.method, tolerance: r.tolerance, errorScale: r.errorScale, bound: r.bound,
      fallback: r.fallback.map((f) => ({ method: f.method, count: f.count, reason: f.reason })), detail: r.detail,
    };
  }

  /**
   * When --method, --tolerance or --error-scale was given (the output of a default run stays as it was):
   * the JSON entry "method" and one line on stderr.
   */
  report(entries: JsonEntry[], reporter: Reporter, flags: MethodFlags): void {
    const r = this.merged();
    if (!r || (flags.method === undefined && flags.tolerance === undefined && flags.errorScale === undefined)) return;
    entries.push(['method', this.json()]);
    const others = r.fallback.map((f) => `${f.count} by ${f.method} (${f.reason})`).join('; ');
    const bound = r.bound === 0 ? '0' : r.bound < 1e-3 ? r.bound.toExponential(2) : r.bound.toPrecision(3);
    const error = r.errorScale === 'total' ? `error of the sums at most ${bound} of the total weight` : `relative error of the sums at most ${bound}`;
    reporter.note(`method ${r.method}${r.method === 'exact' || r.method === 'neighbors' ? ' (exact)' : `, ${error}`}${others ? `; ${others}` : ''}`);
  }
}

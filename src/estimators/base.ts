/** What every estimator shares: options checked at construction, and the fitted core's readings. */
import type { BandwidthChoice, BandwidthSelection } from '../bandwidth/rules.js';
import type { Kernel } from '../kernels/types.js';
import type { DenseAttention, TopKAttention } from '../engine/attention.js';
import { diagnostics } from '../engine/readings.js';
import type { Diagnostics } from '../engine/readings.js';
import type { PointsInput, QueryInput } from '../data/input.js';
import { checkOptionKeys } from '../options.js';
import { resolveOptions } from './options.js';
import type { EstimatorOptions, ResolvedOptions } from './options.js';
import { scatterRows } from './pooler.js';
import type { Pooler } from './pooler.js';
import { isSelector } from '../bandwidth/resolve.js';
import { checkSelectorForTask } from '../bandwidth/select.js';
import type { Task } from '../bandwidth/problem.js';
import type { MethodReport } from '../approx/index.js';

/** An unfitted estimator: options are validated here (unknown keys, bad values), data at `fit`. */
export abstract class Estimator {
  readonly options: ResolvedOptions;
  constructor(options: EstimatorOptions, task: Task) {
    this.options = resolveOptions(options);
    if (isSelector(this.options.bandwidth)) checkSelectorForTask(task, this.options.bandwidth);
  }
}

/** A fitted estimator: the kernel, the widths and how they were chosen. */
export abstract class Fitted {
  constructor(readonly pooler: Pooler) {}

  get kernel(): Kernel { return this.pooler.options.kernel; }
  /** Raw widths h, one per coordinate (what distances are divided by). */
  get bandwidth(): Float64Array { return this.pooler.widths.bandwidth; }
  /** The kernel's standard deviation at these widths, h · SD(kernel). */
  get kernelSd(): Float64Array { return this.pooler.widths.kernelSd; }
  /** How the widths were chosen: a rule name, a selector name, or 'given'. */
  get bandwidthSource(): BandwidthChoice['source'] { return this.pooler.widths.source; }
  /** The selector's report when a data-driven selector chose the widths. */
  get selection(): BandwidthSelection | undefined { return this.pooler.widths.selection; }
  /** Number of training points and their dimension. */
  get n(): number { return this.pooler.n; }
  get d(): number { return this.pooler.d; }
  /**
   * What the last estimate (predict, pdf, leave-one-out, diagnostics) ran: the method, its bound ρ on the
   * relative error of the sums, and the queries a fallback computed. Null before the first estimate.
   */
  get lastMethod(): MethodReport | null { return this.pooler.lastMethod; }
  /** Which backend computed the last exact sums: 'native', 'workers', 'wasm' or 'js' (null before any). */
  get lastBackend(): string | null { return this.pooler.lastBackend; }

  /**
   * Attention weights: dense rows (refused over the memory budget) or, with `topK`, the k largest per
   * query. With `leaveOneOut: true` the queries are the training points, each left out of its own row
   * (pass `null` as queries).
   */
  attention(queries: QueryInput | null, options: { topK?: number; leaveOneOut?: boolean } = {}): DenseAttention | TopKAttention {
    checkOptionKeys(options, ['topK', 'leaveOneOut'], 'attentionOptions');
    const loo = options.leaveOneOut === true;
    const batch = loo ? this.pooler.trainingQueries() : this.pooler.queries(queries);
    return this.pooler.attention(batch, options.topK, loo);
  }

  /** Per-query diagnostics of the attention weights (log Σα, effective neighbours, largest weight). */
  diagnostics(queries: QueryInput | null, options: { leaveOneOut?: boolean } = {}): Diagnostics {
    checkOptionKeys(options, ['leaveOneOut'], 'diagnosticsOptions');
    const loo = options.leaveOneOut === true;
    const batch = loo ? this.pooler.trainingQueries() : this.pooler.queries(queries);
    const d = diagnostics(this.pooler.pool(batch, loo));
    return { logDenominator: scatterRows(batch, d.logDenominator, 1), nEff: scatterRows(batch, d.nEff, 1), maxWeight: scatterRows(batch, d.maxWeight, 1) };
  }
}

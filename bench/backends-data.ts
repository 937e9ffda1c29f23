/** The problems of bench/backends.ts: sizes, kernels and their seeded data (shared by the runner and its child). */
import { seededRandom } from '../src/index.js';
import type { BackendChoice, Precision } from '../src/index.js';

export interface Problem {
  readonly kernel: string;
  readonly d: number;
  readonly n: number;
  readonly m: number;
  readonly h: number;
  readonly seed: number;
}

export interface ChildRequest {
  readonly problem: Problem;
  readonly backend: BackendChoice;
  readonly precision: Precision;
  readonly threads: number;
  readonly maxRuns: number;
  readonly budgetS: number;
  /** Where to write the estimates (one per line), or null. */
  readonly out: string | null;
}

/** Keys, values and queries of a problem: x ~ U(0,5)^d, y = 2 sin x₁ + x₁ + N(0,1) — the chapter's data in d dims. */
export function problemData(p: Problem): { keys: Float64Array; values: Float64Array; queries: Float64Array } {
  const rng = seededRandom(p.seed);
  const keys = Float64Array.from({ length: p.n * p.d }, () => 5 * rng.uniform());
  const values = Float64Array.from({ length: p.n }, (_, i) => 2 * Math.sin(keys[i * p.d]!) + keys[i * p.d]! + rng.normal());
  const queries = Float64Array.from({ length: p.m * p.d }, () => 5 * rng.uniform());
  return { keys, values, queries };
}


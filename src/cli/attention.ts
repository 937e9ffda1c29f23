/**
 * --attention FILE: the attention weights of every query, as a dense CSV (query, key_0 … key_{n−1}) or,
 * with --top-k, a long table (query, key, weight) of the k largest per query. Query and key are 0-based
 * row numbers of the query and training data. The dense matrix is asked for in one call, so that the
 * library's memory budget applies to all of it (it refuses with E_RESOURCE, exit status 4).
 */
import type { DenseAttention, PointsInput, TopKAttention } from '../index.js';
import { csvChunks } from '../io/write.js';
import type { OutputColumn } from '../io/write.js';
import { inBatches } from './batches.js';
import type { ErrorPlaces, Keys } from './dataset.js';
import { queryPoints } from './dataset.js';
import { writeOutput } from './output.js';

/** A fitted model that gives attention weights. */
export interface AttentionModel {
  readonly n: number;
  attention(queries: PointsInput | null, options?: { topK?: number; leaveOneOut?: boolean }): DenseAttention | TopKAttention;
}

/**
 * The weights at the queries: dense in one call, top-k in batches. Queries null (--loo): the leave-one-out
 * weights of the training rows, each row's own key left out (weight 0, never among its top k), in one call.
 */
export async function attentionWeights(model: AttentionModel, queries: Keys | null, topK: number | undefined,
  progress: boolean, places: ErrorPlaces): Promise<DenseAttention | TopKAttention> {
  if (queries === null) return model.attention(null, { leaveOneOut: true, ...(topK === undefined ? {} : { topK }) });
  const m = queries.table.rows;
  if (topK === undefined) return model.attention(queryPoints(queries.columns, 0, m)) as DenseAttention;
  const k = Math.min(topK, model.n);
  const indices = new Int32Array(m * k);
  const weights = new Float64Array(m * k);
  await inBatches(m, 'attention', progress, places, (start, end) => {
    const part = model.attention(queryPoints(queries.columns, start, end), { topK }) as TopKAttention;
    indices.set(part.indices, start * k);
    weights.set(part.weights, start * k);
  });
  return { m, k, indices, weights };
}

/** Writes the weights as CSV to `path`, atomically. */
export async function writeAttention(path: string, att: DenseAttention | TopKAttention, delimiter: string): Promise<void> {
  if ('n' in att) {
    const { n, weights } = att;
    const columns: OutputColumn[] = [{ name: 'query', cell: (i) => i }];
    for (let j = 0; j < n; j++) columns.push({ name: `key_${j}`, cell: (i) => weights[i * n + j]! });
    await writeOutput(path, csvChunks(columns, att.m, delimiter), '--attention');
    return;
  }
  // the long table: one row per (query, rank) that has a key (fewer than k keys pad with −1)
  const { k, indices, weights } = att;
  const kept = new Int32Array(indices.length);
  let rows = 0;
  for (let t = 0; t < indices.length; t++) if (indices[t]! >= 0) kept[rows++] = t;
  const columns: OutputColumn[] = [
    { name: 'query', cell: (r) => Math.floor(kept[r]! / k) },
    { name: 'key', cell: (r) => indices[kept[r]!]! },
    { name: 'weight', cell: (r) => weights[kept[r]!]! },
  ];
  await writeOutput(path, csvChunks(columns, rows, delimiter), '--attention');
}

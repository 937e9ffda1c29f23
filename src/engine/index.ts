export type { KeySet, PoolOptions, PoolSums, Similarity } from './types.js';
export { pool, DEFAULT_TILE } from './pool.js';
export { estimates, diagnostics, emptyQueries } from './readings.js';
export type { Diagnostics } from './readings.js';
export { denseAttention, topKAttention, DEFAULT_ATTENTION_BYTES } from './attention.js';
export type { DenseAttention, TopKAttention } from './attention.js';
export { makeKeySet, prepareQueries, toUnitSphere } from './keyset.js';
export { referencePool, referenceSimilarity } from './reference.js';

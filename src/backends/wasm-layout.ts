/**
 * Where a job's arrays lie in the wasm module's linear memory: the key side (keys and values by column,
 * weights, per-key widths, each padded to nPad ≥ n + 8 entries so that tiles rounded up to groups of
 * eight stay inside) and then a block of queries with their windows and their output rows. Queries go
 * through in blocks of at most QUERY_BLOCK_BYTES, so memory grows with n, not with m.
 */
import type { PoolJob } from './types.js';

/** Bytes of queries, windows and outputs per block (a block of rows is copied in, run, copied out). */
export const QUERY_BLOCK_BYTES = 1 << 22;

/** Byte offsets (0: absent) and sizes. */
export interface WasmLayout {
  readonly nPad: number;
  readonly keys: number;
  readonly values: number;
  readonly logWeights: number;
  readonly linearWeights: number;
  readonly invKeyScale: number;
  readonly invWidth: number;
  /** Rows per query block. */
  readonly blockRows: number;
  readonly queries: number;
  readonly lo: number;
  readonly hi: number;
  readonly exclude: number;
  /** blockRows log-scales, sums, sums of squares and top terms, then blockRows × p weighted sums. */
  readonly out: number;
  /** One past the last byte used. */
  readonly end: number;
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
/** Entries per key column: whole groups of eight, and one group more. */
const padded = (n: number): number => (Math.ceil(n / 8) + 1) * 8;

/** The layout of a job whose arrays start at byte `base` (16-aligned). */
export function wasmLayout(job: PoolJob, base: number): WasmLayout {
  const { n, d, p, m } = job;
  const nPad = padded(n);
  let at = base;
  const take = (present: boolean, bytes: number): number => {
    if (!present) return 0;
    const start = at;
    at += align(bytes);
    return start;
  };
  const column = nPad * 8;
  const keys = take(true, d * column);
  const values = take(p > 0, p * column);
  const logWeights = take(job.logWeights !== null, column);
  const linearWeights = take(job.logWeights !== null, column);
  const invKeyScale = take(job.invKeyScale !== null, column);
  const invWidth = take(true, Math.max(1, d) * 8);
  const rowBytes = (d + 4 + p) * 8 + 3 * 4;
  const blockRows = Math.max(1, Math.min(m, Math.floor(QUERY_BLOCK_BYTES / rowBytes)));
  const queries = take(true, blockRows * d * 8);
  const lo = take(job.lo !== null, blockRows * 4);
  const hi = take(job.hi !== null, blockRows * 4);
  const exclude = take(job.exclude !== null, blockRows * 4);
  const out = take(true, blockRows * (4 + p) * 8);
  return { nPad, keys, values, logWeights, linearWeights, invKeyScale, invWidth, blockRows, queries, lo, hi, exclude, out, end: at };
}

/** Bytes the key side of a job needs (to refuse jobs beyond what wasm32 memory can hold). */
export function wasmKeyBytes(job: PoolJob): number {
  return padded(job.n) * 8 * (job.d + job.p + (job.logWeights ? 2 : 0) + (job.invKeyScale ? 1 : 0));
}

/**
 * The wasm backend's module: Nadaraya–Watson pooling sums of a job placed in linear memory (see
 * src/backends/types.ts for the job and src/backends/wasm-runner.ts for the calls). Built twice from
 * these sources: with SIMD128 (ASC_FEATURE_SIMD true, two float64 or four float32 lanes) and without,
 * as a fallback for engines that lack it; both compute the same numbers.
 */
import { expF32, expF32x4, expF64, expF64x2 } from './exp';
import { scratchEnd as end } from './scratch';

export { configure, place, prepare } from './job';
export { runQueries } from './query';

/** The first byte past the tile buffers: the job's arrays go from here. */
export function scratchEnd(): usize {
  return end();
}

/** True in the SIMD build. */
export function simd(): bool {
  return ASC_FEATURE_SIMD;
}

/** e^x in place over count float64 at ptr (count even), by the vector form when `vector` and SIMD is built in. For tests. */
export function expArray64(ptr: usize, count: i32, vector: bool): void {
  const end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    if (vector) {
      for (let o: usize = 0; o < end; o += 16) v128.store(ptr + o, expF64x2(v128.load(ptr + o)));
      return;
    }
  }
  for (let o: usize = 0; o < end; o += 8) store<f64>(ptr + o, expF64(load<f64>(ptr + o)));
}

/** e^x in place over count float32 at ptr (count a multiple of 4). For tests. */
export function expArray32(ptr: usize, count: i32, vector: bool): void {
  const end = <usize>count << 2;
  if (ASC_FEATURE_SIMD) {
    if (vector) {
      for (let o: usize = 0; o < end; o += 16) v128.store(ptr + o, expF32x4(v128.load(ptr + o)));
      return;
    }
  }
  for (let o: usize = 0; o < end; o += 4) store<f32>(ptr + o, expF32(load<f32>(ptr + o)));
}

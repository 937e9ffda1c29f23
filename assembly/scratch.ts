/**
 * The tile buffers, just past the module's static data; the job's arrays start after them (at
 * `scratchEnd`, where the TypeScript side places them). Each buffer holds a tile rounded up to whole
 * vectors, plus room for a vector of padding.
 */
import { TILE } from './constants';

const SLOT: usize = (TILE + 8) << 3;

/** float64 per key of the tile: u², then log-terms or α, then the terms e^{la − M}. */
// @ts-ignore: decorator
@inline export function tileBuf(): usize { return (__heap_base + 15) & ~15; }
/** float32 log-terms of the single-precision path. */
// @ts-ignore: decorator
@inline export function tileBuf32(): usize { return tileBuf() + SLOT; }
/** Signs of α (signed kernels). */
// @ts-ignore: decorator
@inline export function tileSign(): usize { return tileBuf() + 2 * SLOT; }
/**
 * 16 bytes for a loop's reference value (M as float64 and float32), read inside the loop with a
 * broadcast load: V8 rebuilds a loop-invariant splat inside the loop from a spilled value, and the
 * float64 → float32 conversion there writes half a register, chaining every iteration to the last.
 */
// @ts-ignore: decorator
@inline export function tileRef(): usize { return tileBuf() + 3 * SLOT; }
/** First byte free for the job's arrays. */
// @ts-ignore: decorator
@inline export function scratchEnd(): usize { return tileRef() + 16; }

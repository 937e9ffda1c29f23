/**
 * Stage two of a tile for the kernels without a vector path (cosine, logistic, sigmoid, Silverman, the
 * constant kernel, polynomial kernels whose weights spread too far) and for product shapes: log|α| and
 * its sign per key in scalar code, in the oracle's order of operations — including its float32 mode,
 * which rounds u² (product: each scaled difference) and log|α| to single precision.
 */
import { SILVERMAN } from './constants';
import { d, invKS, invWidth, kernelId, keysT, logW, nPad, single } from './job';
import { logAbsSq, signSq } from './kernels';
import { tileBuf, tileSign } from './scratch';

/** From stage one's u² of keys j0 ≤ j < j0 + len: la and signs; lanes up to `count` get no term. Returns the maximum. */
export function genericRadialTerms(j0: i32, len: i32, count: i32): f64 {
  const buf = tileBuf(), sign = tileSign();
  const id = kernelId, signed = id == SILVERMAN;
  let m = -Infinity;
  for (let t = 0; t < len; t++) {
    const o = <usize>t << 3;
    let u2 = load<f64>(buf + o);
    if (single) u2 = <f64><f32>u2;
    let la = logAbsSq(id, u2);
    if (signed) store<f64>(sign + o, signSq(id, u2));
    la = finish(la, j0 + t);
    store<f64>(buf + o, la);
    if (la > m) m = la;
  }
  pad(len, count);
  return m;
}

/** Product shape, keys j0 ≤ j < j0 + len, straight from the keys: la = Σ_c log|α(t_c)|. Returns the maximum. */
export function genericProductTerms(q: usize, j0: i32, len: i32, count: i32): f64 {
  const buf = tileBuf(), sign = tileSign();
  const id = kernelId, signed = id == SILVERMAN;
  let m = -Infinity;
  for (let t = 0; t < len; t++) {
    const j = j0 + t;
    const ks = invKS == 0 ? 1.0 : load<f64>(invKS + (<usize>j << 3));
    let la: f64 = 0, sg: f64 = 1;
    for (let c = 0; c < d; c++) {
      const co = <usize>c << 3;
      let x = (load<f64>(q + co) - load<f64>(keysT + ((<usize>c * <usize>nPad + <usize>j) << 3))) * load<f64>(invWidth + co) * ks;
      if (single) x = <f64><f32>x;
      la += logAbsSq(id, x * x);
      if (signed) sg *= signSq(id, x * x);
    }
    const o = <usize>t << 3;
    if (signed) store<f64>(sign + o, sg);
    la = finish(la, j);
    store<f64>(buf + o, la);
    if (la > m) m = la;
  }
  pad(len, count);
  return m;
}

/** float32 rounding of log|α|, then the key's log-weight, as in the oracle. */
// @ts-ignore: decorator
@inline function finish(la: f64, j: i32): f64 {
  if (single) la = <f64><f32>la;
  return logW == 0 ? la : la + load<f64>(logW + (<usize>j << 3));
}

/** Lanes past the tile: no term (log −∞, sign 0). */
function pad(len: i32, count: i32): void {
  const buf = tileBuf(), sign = tileSign();
  for (let t = len; t < count; t++) {
    store<f64>(buf + (<usize>t << 3), -Infinity);
    store<f64>(sign + (<usize>t << 3), 0);
  }
}

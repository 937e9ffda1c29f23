/**
 * Stage one of a tile: per key, the squared scaled distance u² = Σ_c ((q_c − k_c)/h_c · 1/λⱼ)² (kernel
 * similarity) or the dot product q·k, into the tile buffer. The operations and their order are the job
 * oracle's (src/backends/js.ts), so u² agrees to the bit and a boxcar edge at exactly u = 1 falls the
 * same way. Vector code takes two keys per lane pair over a count rounded up to whole vectors; the
 * lanes past the tile get a sentinel that every later stage turns into "no term".
 */
import { SIM_DOT } from './constants';
import { d, invKS, invWidth, keysT, nPad, similarity } from './job';
import { tileBuf } from './scratch';

/** Fills buf[0, count) for keys j0 ≤ j < j0 + count; lanes from `len` on get the sentinel. */
export function distances(q: usize, j0: i32, len: i32, count: i32): void {
  const buf = tileBuf();
  if (similarity == SIM_DOT) dotProducts(q, j0, count, buf);
  else if (d == 1) distances1(load<f64>(q), load<f64>(invWidth), keysT + (<usize>j0 << 3), count, buf);
  else distancesD(q, j0, count, buf);
  // u² = +∞ is outside every kernel; q·k = −∞ is e^{−∞} = 0
  const sentinel = similarity == SIM_DOT ? -Infinity : Infinity;
  for (let t = len; t < count; t++) store<f64>(buf + (<usize>t << 3), sentinel);
}

function distances1(x: f64, ih: f64, K: usize, count: i32, buf: usize): void {
  const S: usize = invKS == 0 ? 0 : invKS + (K - keysT);
  const end = <usize>count << 3;
  if (ASC_FEATURE_SIMD) {
    const xv = f64x2.splat(x), hv = f64x2.splat(ih);
    if (S == 0) {
      for (let o: usize = 0; o < end; o += 32) {
        const t0 = f64x2.mul(f64x2.sub(xv, v128.load(K + o)), hv);
        const t1 = f64x2.mul(f64x2.sub(xv, v128.load(K + o, 16)), hv);
        v128.store(buf + o, f64x2.mul(t0, t0));
        v128.store(buf + o, f64x2.mul(t1, t1), 16);
      }
    } else {
      for (let o: usize = 0; o < end; o += 32) {
        const t0 = f64x2.mul(f64x2.mul(f64x2.sub(xv, v128.load(K + o)), hv), v128.load(S + o));
        const t1 = f64x2.mul(f64x2.mul(f64x2.sub(xv, v128.load(K + o, 16)), hv), v128.load(S + o, 16));
        v128.store(buf + o, f64x2.mul(t0, t0));
        v128.store(buf + o, f64x2.mul(t1, t1), 16);
      }
    }
  } else {
    for (let o: usize = 0; o < end; o += 8) {
      let t = (x - load<f64>(K + o)) * ih;
      if (S != 0) t *= load<f64>(S + o);
      store<f64>(buf + o, t * t);
    }
  }
}

/** d ≥ 2: coordinate by coordinate over the tile, adding each square in the oracle's order. */
function distancesD(q: usize, j0: i32, count: i32, buf: usize): void {
  const end = <usize>count << 3;
  const S: usize = invKS == 0 ? 0 : invKS + (<usize>j0 << 3);
  for (let c = 0; c < d; c++) {
    const K = keysT + ((<usize>c * <usize>nPad + <usize>j0) << 3);
    const x = load<f64>(q + (<usize>c << 3)), ih = load<f64>(invWidth + (<usize>c << 3));
    if (ASC_FEATURE_SIMD) {
      const xv = f64x2.splat(x), hv = f64x2.splat(ih);
      for (let o: usize = 0; o < end; o += 16) {
        let t = f64x2.mul(f64x2.sub(xv, v128.load(K + o)), hv);
        if (S != 0) t = f64x2.mul(t, v128.load(S + o));
        const sq = f64x2.mul(t, t);
        v128.store(buf + o, c == 0 ? sq : f64x2.add(v128.load(buf + o), sq));
      }
    } else {
      for (let o: usize = 0; o < end; o += 8) {
        let t = (x - load<f64>(K + o)) * ih;
        if (S != 0) t *= load<f64>(S + o);
        store<f64>(buf + o, c == 0 ? t * t : load<f64>(buf + o) + t * t);
      }
    }
  }
}

/** q·k, summed over coordinates in the oracle's order. */
function dotProducts(q: usize, j0: i32, count: i32, buf: usize): void {
  const end = <usize>count << 3;
  for (let c = 0; c < d; c++) {
    const K = keysT + ((<usize>c * <usize>nPad + <usize>j0) << 3);
    const x = load<f64>(q + (<usize>c << 3));
    if (ASC_FEATURE_SIMD) {
      const xv = f64x2.splat(x);
      for (let o: usize = 0; o < end; o += 16) {
        const s = f64x2.mul(xv, v128.load(K + o));
        v128.store(buf + o, c == 0 ? s : f64x2.add(v128.load(buf + o), s));
      }
    } else {
      for (let o: usize = 0; o < end; o += 8) {
        const s = x * load<f64>(K + o);
        store<f64>(buf + o, c == 0 ? s : load<f64>(buf + o) + s);
      }
    }
  }
}

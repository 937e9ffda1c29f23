/**
 * log|α| and the sign of α for every built-in kernel as functions of u², in scalar code: the same
 * formulas and edge conventions as src/kernels/ (boxcar includes u = 1; the other compact kernels end
 * before it), used by the generic paths — the kernels without a vector path, and product shapes.
 */
import { BIWEIGHT, BOXCAR, CONSTANT, COSINE, EPANECHNIKOV, EXPONENTIAL, GAUSSIAN, LOGISTIC, SIGMOID, SILVERMAN, TRIANGULAR, TRICUBE, TRIWEIGHT } from './constants';

const HALF_PI: f64 = Math.PI / 2;
const SQRT1_2: f64 = Math.SQRT1_2;
const QUARTER_PI: f64 = Math.PI / 4;

export function logAbsSq(id: i32, u2: f64): f64 {
  switch (id) {
    case GAUSSIAN: return -0.5 * u2;
    case BOXCAR: return u2 <= 1 ? 0 : -Infinity;
    case CONSTANT: return 0;
    case TRIANGULAR: return u2 < 1 ? Math.log1p(-Math.sqrt(u2)) : -Infinity;
    case EPANECHNIKOV: return u2 < 1 ? Math.log1p(-u2) : -Infinity;
    case BIWEIGHT: return u2 < 1 ? 2 * Math.log1p(-u2) : -Infinity;
    case TRIWEIGHT: return u2 < 1 ? 3 * Math.log1p(-u2) : -Infinity;
    case TRICUBE: return u2 < 1 ? 3 * Math.log1p(-(u2 * Math.sqrt(u2))) : -Infinity;
    case COSINE: return u2 < 1 ? Math.log(Math.cos(HALF_PI * Math.sqrt(u2))) : -Infinity;
    case LOGISTIC: {
      const u = Math.sqrt(u2);
      return -u - 2 * Math.log1p(Math.exp(-u));
    }
    case SIGMOID: {
      const u = Math.sqrt(u2);
      return -u - Math.log1p(Math.exp(-2 * u));
    }
    case EXPONENTIAL: return -Math.sqrt(u2);
    case SILVERMAN: {
      const u = Math.sqrt(u2);
      return -u * SQRT1_2 + Math.log(Math.abs(Math.sin(u * SQRT1_2 + QUARTER_PI)));
    }
  }
  return NaN;
}

/** The sign of α (only the Silverman kernel has negative values). */
export function signSq(id: i32, u2: f64): f64 {
  if (id != SILVERMAN) return 1;
  const s = Math.sin(Math.sqrt(u2) * SQRT1_2 + QUARTER_PI);
  return s > 0 ? 1 : s < 0 ? -1 : 0;
}

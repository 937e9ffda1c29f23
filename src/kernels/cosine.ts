import { unsignedKernel } from './types.js';

const A = Math.PI / 2;

/** Cosine: α(u) = cos(πu/2) for u ≤ 1. */
export const cosine = unsignedKernel({
  name: 'cosine', aliases: [], support: 1, differentiable: true,
  profile: (u) => (u < 1 ? Math.cos(A * u) : 0), // cos(π/2) is 6e-17 in floating point, not 0
  logAbsSq: (u2) => (u2 < 1 ? Math.log(Math.cos(A * Math.sqrt(u2))) : -Infinity),
  derivative: (u) => (u < 1 ? -A * Math.sin(A * u) : 0),
  derivativeRatio: (u) => (u < 1 ? (u === 0 ? A * A : (A * Math.tan(A * u)) / u) : 0),
  radialMoment: cosineMoment,
});

/**
 * ∫₀¹ rᵖ cos(ar) dr with a = π/2, by integration by parts: with I_p = ∫ rᵖ cos, J_p = ∫ rᵖ sin,
 * I_p = sin(a)/a − (p/a) J_{p−1} and J_p = −cos(a)/a + (p/a) I_{p−1}; here sin a = 1 and cos a = 0.
 */
function cosineMoment(p: number): number {
  let I = 1 / A;
  let J = 1 / A;
  for (let k = 1; k <= p; k++) {
    const nextI = 1 / A - (k / A) * J;
    const nextJ = (k / A) * I;
    I = nextI;
    J = nextJ;
  }
  return I;
}

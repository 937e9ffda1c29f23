import { gammaHalfInteger } from '../math/special.js';
import type { Kernel } from './types.js';

const R = Math.SQRT1_2;

/**
 * Silverman (1986, eq. 3.17 family): α(u) = exp(−u/√2) · sin(u/√2 + π/4). A fourth-order kernel: it dips
 * below zero (first at u = 3π/(2√2) ≈ 3.33), so attention weights can be negative, estimates can leave the
 * range of the values and class "probabilities" can leave [0, 1]. Its second moment is 0, so the rules of
 * thumb (which match standard deviations) do not apply to it; and in d = 3, 7, … its integral is 0, so it
 * is no density kernel there.
 */
export const silverman: Kernel = {
  name: 'silverman', aliases: [], support: Infinity, signed: true, differentiable: true,
  profile: (u) => Math.exp(-u * R) * Math.sin(u * R + Math.PI / 4),
  logAbsSq: (u2) => {
    const u = Math.sqrt(u2);
    return -u * R + Math.log(Math.abs(Math.sin(u * R + Math.PI / 4)));
  },
  logEnvelopeSq: (u2) => -Math.sqrt(u2) * R,
  signSq: (u2) => Math.sign(Math.sin(Math.sqrt(u2) * R + Math.PI / 4)),
  derivative: (u) => R * Math.exp(-u * R) * (Math.cos(u * R + Math.PI / 4) - Math.sin(u * R + Math.PI / 4)),
  // α'/α = (cot(θ) − 1)/√2 with θ = u/√2 + π/4
  derivativeRatio: (u) => {
    const th = u * R + Math.PI / 4;
    return u === 0 ? 0 : (R * (1 - Math.cos(th) / Math.sin(th))) / u;
  },
  // ∫ rᵖ e^{−r/√2} sin(r/√2 + π/4) dr = Γ(p+1) sin(π(p+2)/4)
  radialMoment: (p) => {
    const s = Math.sin((Math.PI * (p + 2)) / 4);
    return gammaHalfInteger(p + 1) * (Math.abs(s) < 1e-12 ? 0 : s);
  },
};

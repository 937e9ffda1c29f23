/**
 * The few special functions the kernels' normalising constants need. Arguments of Γ are always
 * multiples of 1/2 there, so Γ is computed exactly by its recurrence from Γ(1) = 1 and Γ(1/2) = √π.
 */

/** Γ(x) for x a positive multiple of 1/2 (exact recurrence); NaN otherwise. */
export function gammaHalfInteger(x: number): number {
  if (!(x > 0) || Math.round(2 * x) !== 2 * x) return NaN;
  let g = Number.isInteger(x) ? 1 : Math.sqrt(Math.PI);
  for (let t = Number.isInteger(x) ? 1 : 0.5; t < x; t += 1) g *= t;
  return g;
}

/**
 * Sum of an alternating series Σ_{k≥0} (-1)^k a(k) for a completely monotone a, by the acceleration of
 * Cohen, Rodriguez Villegas and Zagier (2000): error about 5.8^-n, so n = 40 gives full double precision.
 */
export function alternatingSeries(a: (k: number) => number, n = 40): number {
  let d = (3 + Math.sqrt(8)) ** n;
  d = (d + 1 / d) / 2;
  let b = -1;
  let c = -d;
  let s = 0;
  for (let k = 0; k < n; k++) {
    c = b - c;
    s += c * a(k);
    b = ((k + n) * (k - n) * b) / ((k + 0.5) * (k + 1));
  }
  return s / d;
}

/** Dirichlet eta η(s) = Σ (-1)^k / (k+1)^s, for s ≥ 0 (η(0) = 1/2 by Abel summation). */
export function dirichletEta(s: number): number {
  if (s === 0) return 0.5;
  return alternatingSeries((k) => 1 / (k + 1) ** s);
}

/** Dirichlet beta β(s) = Σ (-1)^k / (2k+1)^s, for s > 0 (β(1) = π/4, β(2) = Catalan's constant). */
export function dirichletBeta(s: number): number {
  return alternatingSeries((k) => 1 / (2 * k + 1) ** s);
}

/** Surface area of the unit sphere in R^d: 2 π^(d/2) / Γ(d/2). */
export function unitSphereArea(d: number): number {
  return (2 * Math.PI ** (d / 2)) / gammaHalfInteger(d / 2);
}

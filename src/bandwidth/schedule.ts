/**
 * How fast widths must shrink with n (the chapter's exercise 4). For a second-order kernel the squared
 * bias grows like h⁴ and the variance like 1/(n hᵈ); balancing them gives h ∝ n^(−1/(d+4)) and a mean
 * squared error ∝ n^(−4/(d+4)) (Silverman 1986, §4.3; Mack & Silverman 1982 for consistency: h → 0 with
 * n hᵈ → ∞). A fixed width keeps its bias forever; a width shrinking faster than n^(−1/d) lets variance win.
 */

/**
 * h(n) = h₀ · (n / n₀)^(−1/(d+4)).
 * @example widthSchedule(0.5, 40, 4000) // 0.5 · 100^(−1/5) ≈ 0.199
 */
export function widthSchedule(h0: number, n0: number, n: number, d = 1): number {
  return h0 * (n / n0) ** (-1 / (d + 4));
}

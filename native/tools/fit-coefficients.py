#!/usr/bin/env python3
"""
Fits the polynomials of the addon's vector exp and log (native/src/simd/vmath.h) and prints their
coefficients, so the constants there can be re-derived: near-minimax Chebyshev fits in 60-digit arithmetic
(mpmath), rounded to the working precision, with the worst relative error found on a dense grid.

  exp: e^r = 1 + r + r^2 Q(r) on |r| <= 0.35 (the Cody-Waite remainder, ln 2 / 2 with slack for rounding of k)
  log: log m = 2s + s^3 P(s^2), s = (m - 1)/(m + 1), m in [sqrt(1/2), sqrt(2)), so s^2 <= 0.0295
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 60


def fit(f, a, b, degree):
    coeffs, err = mp.chebyfit(f, [a, b], degree + 1, error=True)
    return list(reversed(coeffs)), err  # lowest order first


def q_exp(r):
    return (mp.exp(r) - 1 - r) / r**2 if r != 0 else mp.mpf(1) / 2


def p_log(z):
    if z == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) - 2 * s) / s**3


def horner(c, x, dtype):
    acc = dtype(c[-1])
    for k in reversed(c[:-1]):
        acc = dtype(acc * x + dtype(k))
    return acc


for dtype, qdeg, pdeg, name in [(np.float32, 4, 2, 'float'), (np.float64, 9, 6, 'double')]:
    qc, _ = fit(q_exp, -0.35, 0.35, qdeg)
    pc, _ = fit(p_log, 0, 0.0295, pdeg)
    qr = [dtype(float(c)) for c in qc]
    pr = [dtype(float(c)) for c in pc]
    worst_e = max(abs((1 + r + r * r * float(horner(qr, dtype(r), dtype))) / mp.exp(r) - 1)
                  for r in np.linspace(-0.35, 0.35, 2001))
    worst_l = 0
    for m in np.linspace(0.7072, 1.414, 2001):
        if abs(m - 1) < 1e-9:
            continue
        s = (m - 1) / (m + 1)
        got = 2 * s + s**3 * float(horner(pr, dtype(s * s), dtype))
        worst_l = max(worst_l, abs(got / mp.log(m) - 1))
    print(f'{name}: exp Q (degree {qdeg}), worst relative error {float(worst_e):.2e}')
    print('  ' + ', '.join(repr(float(c)) for c in qr))
    print(f'{name}: log P (degree {pdeg}), worst relative error {float(worst_l):.2e}')
    print('  ' + ', '.join(repr(float(c)) for c in pr))

# Cody-Waite split of ln 2: a high part with trailing zero bits (so k * hi is exact for every k that
# occurs, even without a fused multiply-add) and the remainder.
for bits, name in [(12, 'float'), (32, 'double')]:
    hi = mp.floor(mp.log(2) * 2**bits) / 2**bits
    lo = mp.log(2) - hi
    print(f'{name}: ln2 hi = {float(hi)!r} ({bits} bits), lo = {float(lo)!r}')

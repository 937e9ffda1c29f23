"""
The coefficients of the wasm backend's exp (assembly/exp.ts): e^r = 1 + r + r^2 q(r) on [-ln2/2, ln2/2],
q minimising the relative error of (e^r - 1 - r)/r^2 (Remez exchange in 50-digit arithmetic). Only for
regenerating them; the build does not run it. Needs mpmath.

    python3 scripts/exp-minimax.py 11 f64    # degree 11, coefficients rounded to float64
    python3 scripts/exp-minimax.py 6 f32     # degree 6, rounded to float32
"""
import struct
import sys

import mpmath as mp

mp.mp.dps = 50
H = mp.log(2) / 2


def g(r):
    """(e^r - 1 - r) / r^2 by its series: no cancellation near 0."""
    return mp.fsum(r**n / mp.factorial(n + 2) for n in range(60))


def remez(k, iterations=12):
    """k coefficients of q; returns them and the largest relative error of q."""
    a, b = -H, H
    count = k + 1
    xs = [(a + b) / 2 - (b - a) / 2 * mp.cos(mp.pi * i / (count - 1)) for i in range(count)]
    worst = None
    for _ in range(iterations):
        A = mp.matrix(count, count)
        B = mp.matrix(count, 1)
        for i, x in enumerate(xs):
            for j in range(k):
                A[i, j] = x**j
            A[i, k] = (-1) ** i * g(x)
            B[i] = g(x)
        sol = mp.lu_solve(A, B)
        c = [sol[j] for j in range(k)]
        err = lambda x: (mp.polyval(c[::-1], x) - g(x)) / g(x)
        grid = [a + (b - a) * i / 2000 for i in range(2001)]
        vals = [err(x) for x in grid]
        worst = max(abs(v) for v in vals)
        # the new reference: the largest error on each run of one sign
        runs, start = [], 0
        for i in range(1, len(grid)):
            if mp.sign(vals[i]) != mp.sign(vals[start]) and vals[i] != 0:
                runs.append((start, i - 1))
                start = i
        runs.append((start, len(grid) - 1))
        if len(runs) != count:
            break
        xs = [grid[max(range(s, e + 1), key=lambda i: abs(vals[i]))] for s, e in runs]
    return c, worst


def main():
    degree, precision = int(sys.argv[1]), sys.argv[2]
    c, worst = remez(degree - 1)
    bound = worst * H * H * g(H) / mp.exp(-H)
    print(f"degree {degree}: relative error of q {mp.nstr(worst, 4)}, of e^r at most {mp.nstr(bound, 4)}")
    for j, cj in enumerate(c):
        v = float(cj)
        if precision == "f32":
            v = struct.unpack("f", struct.pack("f", v))[0]
        print(f"C{j + 2} = {v!r}")


if __name__ == "__main__":
    main()

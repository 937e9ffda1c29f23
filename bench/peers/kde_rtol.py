"""Peer of bench/approx-peers.ts: scikit-learn KernelDensity with a relative tolerance (its tree walk stops
once the rest is below rtol of the sum), Gaussian kernel, the same width (the kernel's SD).
  fit + score_samples timed; the densities written one per line.
usage: kde_rtol.py TRAIN.csv QUERIES.csv H RTOL OUT.txt MAX_RUNS BUDGET_S   (CSV: one point per line, d columns)"""
import sys
from peerlib import emit, time_runs, try_import

train_path, query_path = sys.argv[1:3]
h, rtol = float(sys.argv[3]), float(sys.argv[4])
out_path = sys.argv[5]
max_runs, budget = int(sys.argv[6]), float(sys.argv[7])
out = {}
np = try_import('numpy', out)
if np and try_import('sklearn', out):
    from sklearn.neighbors import KernelDensity
    x = np.loadtxt(train_path, delimiter=',', ndmin=2)
    q = np.loadtxt(query_path, delimiter=',', ndmin=2)
    timing, p = time_runs(lambda: np.exp(KernelDensity(kernel='gaussian', bandwidth=h, rtol=rtol).fit(x).score_samples(q)), max_runs, budget)
    np.savetxt(out_path, p, fmt='%.17g')
    out['sklearn'] = timing
emit(out)

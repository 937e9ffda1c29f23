"""Peer of bench/density.ts: the 1-D Gaussian density with the same width h (the kernel's SD).
  scipy: gaussian_kde(x, bw_method=h / sd(x, ddof=1)) evaluated at the queries (construction timed too);
  scikit-learn: KernelDensity(kernel='gaussian', bandwidth=h, rtol=0).fit(x).score_samples(q), exponentiated.
usage: density.py TRAIN.csv QUERIES.csv OURS.csv H MAX_RUNS BUDGET_S"""
import sys
from peerlib import emit, time_runs, try_import

train_path, query_path, ours_path = sys.argv[1:4]
h, max_runs, budget = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
out = {}
np = try_import('numpy', out)
if np:
    x = np.loadtxt(train_path, delimiter=',')
    q = np.loadtxt(query_path, delimiter=',')
    ours = np.loadtxt(ours_path, delimiter=',')

    def rel(p):
        return float(np.max(np.abs(ours - p) / np.abs(p)))

    if try_import('scipy', out):
        from scipy.stats import gaussian_kde
        factor = h / np.std(x, ddof=1)
        timing, p = time_runs(lambda: gaussian_kde(x, bw_method=factor)(q), max_runs, budget)
        out['scipy'] = dict(timing, maxRelDiff=rel(p))
    if try_import('sklearn', out):
        from sklearn.neighbors import KernelDensity
        timing, p = time_runs(lambda: np.exp(KernelDensity(kernel='gaussian', bandwidth=h, rtol=0)
                                             .fit(x[:, None]).score_samples(q[:, None])), max_runs, budget)
        out['sklearn'] = dict(timing, maxRelDiff=rel(p))
emit(out)

"""Peer of bench/predict.ts: the 1-D Gaussian Nadaraya-Watson estimate at the queries.
  numpy: the chapter's algorithm (d2l, "Attention Pooling by Similarity"): build the n x m matrix of
         differences, apply the kernel, normalise each query's column, matmul with the values (float64 here).
  statsmodels: KernelReg(y, x, 'c', reg_type='lc', bw=[h]).fit(q).
Peak RSS (ru_maxrss, KiB) is read right after the numpy runs, before statsmodels is imported.
usage: predict.py DATA.csv QUERIES.csv OURS.csv H MAX_RUNS BUDGET_S SKIP_NUMPY"""
import resource
import sys
from peerlib import emit, time_runs, try_import

data_path, query_path, ours_path = sys.argv[1:4]
h, max_runs, budget, skip_numpy = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), sys.argv[7] == '1'
out = {}
np = try_import('numpy', out)
if np:
    data = np.loadtxt(data_path, delimiter=',', ndmin=2)
    x_train, y_train = data[:, 0].copy(), data[:, 1].copy()
    x_val = np.loadtxt(query_path, delimiter=',')
    ours = np.loadtxt(ours_path, delimiter=',')
    out['baselineKiB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def gaussian(x):
        return np.exp(-x**2 / (2 * h**2))

    def nadaraya_watson(x_train, y_train, x_val, kernel):
        dists = x_train.reshape((-1, 1)) - x_val.reshape((1, -1))
        k = kernel(dists)
        attention_w = k / k.sum(0)          # normalise over keys for each query
        return y_train @ attention_w

    if not skip_numpy:
        timing, y_hat = time_runs(lambda: nadaraya_watson(x_train, y_train, x_val, gaussian), max_runs, budget)
        out['numpy'] = dict(timing, maxRSSKiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                            maxAbsDiff=float(np.max(np.abs(y_hat - ours))))
        del y_hat
    sm = try_import('statsmodels', out)
    if sm:
        from statsmodels.nonparametric.kernel_regression import KernelReg
        timing, fitted = time_runs(lambda: KernelReg(y_train, x_train, var_type='c', reg_type='lc', bw=[h]).fit(x_val),
                                   max_runs, budget)
        out['statsmodels'] = dict(timing, maxAbsDiff=float(np.max(np.abs(fitted[0] - ours))))
emit(out)

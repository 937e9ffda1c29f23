"""Peer of bench/backends.ts: the chapter's algorithm (d2l, "Attention Pooling by Similarity") in numpy and
torch -- build the n x m matrix of differences, apply the kernel, normalise each query's column, matmul with
the values -- and statsmodels KernelReg (1-D only). Each library is timed in this process; the peak RSS of
each is measured in a fresh child (this script re-run with ONLY=<lib>), so that one library's matrices do
not count against another.
usage: chapter.py DATA.csv QUERIES.csv OURS.csv D KERNEL H MAX_RUNS BUDGET_S LIBS(comma list)"""
import os
import resource
import subprocess
import sys
from peerlib import emit, time_runs, try_import

data_path, query_path, ours_path = sys.argv[1:4]
d, kernel, h = int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
max_runs, budget = int(sys.argv[7]), float(sys.argv[8])
libs = sys.argv[9].split(',')
only = os.environ.get('ONLY')
out = {}
np = try_import('numpy', out)


def child(lib):
    env = dict(os.environ, ONLY=lib)
    r = subprocess.run([sys.executable] + sys.argv, env=env, capture_output=True, text=True)
    import json
    try:
        return json.loads(r.stdout.strip().split('\n')[-1]).get(lib)
    except Exception:
        return {'error': (r.stderr or r.stdout).strip().split('\n')[-1:]}


if np and not only:
    for lib in libs:
        res = child(lib)
        if res is not None:
            out[lib] = res
    if 'torch' in libs:
        try_import('torch', out)
    if 'statsmodels' in libs:
        try_import('statsmodels', out)
elif np:
    data = np.loadtxt(data_path, delimiter=',', ndmin=2)
    x_train, y_train = data[:, :d].copy(), data[:, d].copy()
    x_val = np.loadtxt(query_path, delimiter=',', ndmin=2).reshape(-1, d)
    ours = np.loadtxt(ours_path, delimiter=',')
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def profile_np(u2):
        if kernel == 'gaussian':
            return np.exp(-u2 / 2)
        return np.maximum(0.0, 1.0 - u2)  # epanechnikov

    def nw_numpy():
        # differences key x query (x dims), the chapter's layout
        u2 = np.zeros((x_train.shape[0], x_val.shape[0]))
        for c in range(d):
            diff = (x_train[:, c].reshape((-1, 1)) - x_val[:, c].reshape((1, -1))) / h
            u2 += diff * diff
        k = profile_np(u2)
        w = k / k.sum(0)
        return y_train @ w

    if only == 'numpy':
        timing, y_hat = time_runs(nw_numpy, max_runs, budget)
        out['numpy'] = dict(timing, maxRSSKiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, baselineKiB=base,
                            maxAbsDiff=float(np.nanmax(np.abs(y_hat - ours))))
    elif only in ('torch', 'torch32'):
        torch = try_import('torch', out)
        if torch:
            dtype = torch.float32 if only == 'torch32' else torch.float64
            torch.set_num_threads(os.cpu_count())
            xt = torch.tensor(x_train, dtype=dtype)
            yt = torch.tensor(y_train, dtype=dtype)
            qt = torch.tensor(x_val, dtype=dtype)

            def nw_torch():
                u2 = torch.zeros((xt.shape[0], qt.shape[0]), dtype=dtype)
                for c in range(d):
                    diff = (xt[:, c].reshape((-1, 1)) - qt[:, c].reshape((1, -1))) / h
                    u2 += diff * diff
                k = torch.exp(-u2 / 2) if kernel == 'gaussian' else torch.clamp(1 - u2, min=0)
                w = k / k.sum(0)
                return yt @ w

            with torch.no_grad():
                timing, y_hat = time_runs(nw_torch, max_runs, budget)
            out[only] = dict(timing, maxRSSKiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, baselineKiB=base,
                             maxAbsDiff=float(np.nanmax(np.abs(y_hat.double().numpy() - ours))))
    elif only == 'statsmodels' and d == 1 and kernel == 'gaussian':
        if try_import('statsmodels', out):
            from statsmodels.nonparametric.kernel_regression import KernelReg
            timing, fitted = time_runs(lambda: KernelReg(y_train, x_train[:, 0], var_type='c', reg_type='lc', bw=[h]).fit(x_val[:, 0]),
                                       max_runs, budget)
            out['statsmodels'] = dict(timing, maxRSSKiB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, baselineKiB=base,
                                      maxAbsDiff=float(np.nanmax(np.abs(fitted[0] - ours))))
emit(out)

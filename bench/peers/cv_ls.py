"""Peer of bench/cv-ls.ts: statsmodels KernelReg(y, x, 'c', reg_type='lc', bw='cv_ls').
usage: cv_ls.py DATA.csv RUNS   (DATA: x,y per line)"""
import sys
from peerlib import emit, time_runs, try_import

path, runs = sys.argv[1], int(sys.argv[2])
out = {}
np = try_import('numpy', out)
sm = try_import('statsmodels', out) if np else None
if sm:
    from statsmodels.nonparametric.kernel_regression import KernelReg
    data = np.loadtxt(path, delimiter=',', ndmin=2)
    x, y = data[:, 0], data[:, 1]
    timing, kr = time_runs(lambda: KernelReg(y, x, var_type='c', reg_type='lc', bw='cv_ls'), runs)
    out['statsmodels'] = dict(timing, bw=float(kr.bw[0]))
emit(out)

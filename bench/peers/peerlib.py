"""Shared helpers of the python peers (run by bench/*.ts through /usr/bin/python3; never a runtime dependency)."""
import json
import sys
import time

PACKAGES = {'numpy': 'python3-numpy', 'scipy': 'python3-scipy', 'statsmodels': 'python3-statsmodels', 'sklearn': 'python3-sklearn'}


def time_runs(fn, max_runs=3, budget_s=float('inf')):
    """At least one run, at most max_runs; another run starts only while the runs so far plus one more of
    the same length fit in budget_s (the same rule as timeRuns in bench/common.ts)."""
    times, last, spent = [], None, 0.0
    while len(times) < max_runs:
        t0 = time.perf_counter()
        last = fn()
        dt = time.perf_counter() - t0
        times.append(dt)
        spent += dt
        if spent + dt > budget_s:
            break
    s = sorted(times)
    k = len(s) // 2
    med = s[k] if len(s) % 2 else (s[k - 1] + s[k]) / 2
    return {'times': times, 'median': med}, last


def try_import(name, out):
    """Imports a module, or records its Debian package in out['missing'] and returns None."""
    try:
        mod = __import__(name)
    except ImportError:
        out.setdefault('missing', []).append(PACKAGES.get(name, 'python3-' + name))
        return None
    out.setdefault('versions', {})[name] = getattr(mod, '__version__', '?')
    return mod


def emit(out):
    out.setdefault('versions', {})['python'] = sys.version.split()[0]
    sys.stdout.write(json.dumps(out) + '\n')

#!/usr/bin/python3
"""Reference values for src/anova/normality.ts: scipy 1.10 on seeded samples.

Writes reference.json beside this script: per sample its central moment sums (the input a
DuckDB query would give), and scipy's skew(bias=False), kurtosis(bias=False), skewtest,
kurtosistest, normaltest and jarque_bera, plus norm.ppf for Q-Q points.
Run: /usr/bin/python3 test/anova/reference-normality/reference.py
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261130)
samples = {
    "normal-50": rng.normal(100.0, 15.0, 50),
    "uniform-30": rng.uniform(0.0, 1.0, 30),
    "exponential-200": rng.exponential(40.0, 200),
    "student-t3-1000": rng.standard_t(3, 1000),
    "lognormal-12": rng.lognormal(0.0, 1.0, 12),
    # large n, small departure: the tests reject, the size does not (mild skew of a gamma(50)).
    "gamma50-200000": rng.gamma(50.0, 1.0, 200000) + 1e6,
    # ties: whole-number prices
    "integer-prices-25": np.round(rng.normal(20.0, 3.0, 25)),
}
PS = [0.05, 0.25, 0.5, 0.75, 0.95]


def num(x):
    x = float(x)
    return None if math.isnan(x) else float(repr(x))


out = []
for name, x in samples.items():
    x = np.asarray(x, dtype=float)
    n = len(x)
    mean = math.fsum(x) / n
    d = x - mean
    rec = {
        "name": name,
        "n": n,
        "mean": mean,
        "m2": math.fsum(d**2),
        "m3": math.fsum(d**3),
        "m4": math.fsum(d**4),
        "quantiles": [{"p": p, "value": float(np.quantile(x, p))} for p in PS],
        "normPpf": [float(stats.norm.ppf(p)) for p in PS],
        "skew": num(stats.skew(x, bias=False)),
        "kurtosis": num(stats.kurtosis(x, bias=False)),
        "jarqueBera": [num(v) for v in stats.jarque_bera(x)],
    }
    if n >= 8:
        rec["skewtest"] = [num(v) for v in stats.skewtest(x)]
    if n >= 20:
        rec["kurtosistest"] = [num(v) for v in stats.kurtosistest(x)]
        rec["normaltest"] = [num(v) for v in stats.normaltest(x)]
    out.append(rec)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump(
        {
            "source": f"scipy {scipy.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}; reference.py",
            "samples": out,
        },
        f,
        indent=1,
    )
    f.write("\n")

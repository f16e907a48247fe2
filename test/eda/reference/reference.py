"""Reference numbers for test/eda, computed independently of the TypeScript code.

Run: /usr/bin/python3 test/eda/reference/reference.py > test/eda/reference/reference.json

- Skewness and excess kurtosis: scipy.stats.skew / kurtosis with bias=False (adjusted G1 / G2),
  and the same formulas in exact fractions.Fraction (the oracle for the huge-offset sample,
  where floating-point scipy itself loses digits).
- Quantiles: numpy.quantile(method='linear'), i.e. R type 7.
- Pearson: scipy.stats.pearsonr; Spearman: scipy.stats.spearmanr (average ranks for ties).
scipy {scipy}, numpy {numpy}.
"""
import json
import math
from fractions import Fraction as F

import numpy as np
import scipy
from scipy import stats

PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def exact_moments(xs):
    """Adjusted G1 and G2 in exact rational arithmetic (decimal text in, float out)."""
    v = [F(x) for x in xs]
    n = len(v)
    mean = sum(v) / n
    m2 = sum((x - mean) ** 2 for x in v) / n
    m3 = sum((x - mean) ** 3 for x in v) / n
    m4 = sum((x - mean) ** 4 for x in v) / n
    g1 = float(m3) / float(m2) ** 1.5
    G1 = math.sqrt(n * (n - 1)) / (n - 2) * g1
    g2 = m4 / (m2 * m2) - 3
    G2 = F(n - 1, (n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
    sd = math.sqrt(float(m2 * n / (n - 1)))
    return {"sd": sd, "skewness": G1, "kurtosis": float(G2)}


SAMPLES = {
    "skewed": ["1", "2", "2", "3", "3", "3", "4", "7", "12", "30", "0.5", "-4"],
    "ties": ["5", "5", "5", "1", "1", "9", "9", "9", "9", "2"],
    "huge_offset": ["1000000000001", "1000000000002", "1000000000003", "1000000000010", "1000000000011",
                    "1000000000004.5", "1000000000000.25"],
}

PAIRS = {
    "x": [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0, 8.0, 9.0, 10.0, 10.0],
    "y": [2.0, 1.0, 3.0, 3.0, 7.0, 5.0, 5.0, 6.0, 6.0, 9.0, 20.0, 11.0],
    "z": [9.0, 9.0, 7.0, 7.0, 7.0, 3.0, 4.0, 2.0, 2.0, 2.0, 1.0, 0.0],
}

out = {"source": __doc__.strip().format(scipy=scipy.__version__, numpy=np.__version__), "moments": {}, "quantiles": {}}
for name, xs in SAMPLES.items():
    floats = np.array([float(x) for x in xs])
    entry = exact_moments(xs)
    entry["values"] = xs
    entry["scipySkewness"] = float(stats.skew(floats, bias=False))
    entry["scipyKurtosis"] = float(stats.kurtosis(floats, bias=False))
    out["moments"][name] = entry
    out["quantiles"][name] = [float(q) for q in np.quantile(floats, PROBS, method="linear")]

names = list(PAIRS)
out["pairs"] = {"values": PAIRS, "pearson": {}, "spearman": {}}
for i, a in enumerate(names):
    for b in names[i + 1:]:
        out["pairs"]["pearson"][f"{a},{b}"] = float(stats.pearsonr(PAIRS[a], PAIRS[b])[0])
        out["pairs"]["spearman"][f"{a},{b}"] = float(stats.spearmanr(PAIRS[a], PAIRS[b])[0])

print(json.dumps(out, indent=2))

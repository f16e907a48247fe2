"""Reference numbers for test/eda/psi*.test.ts and drift-reference.test.ts, computed with numpy,
independently of the TypeScript code.

Run: /usr/bin/python3 test/eda/reference-drift/psi_reference.py > test/eda/reference-drift/psi_reference.json

- PSI from bin counts, vectorised: shares p = A / sum(A), q = B / sum(B); a zero share is replaced
  by the floor (0.0001 unless the case says otherwise); PSI = sum((q - p) * log(q / p)).
  Definition: Yurdakul (2018), "Statistical Properties of Population Stability Index", Western
  Michigan University, Dissertations 3208.
- A numeric drift case: two samples from a fixed formula (no random numbers). Deciles of A by
  numpy.quantile(method='linear') (R type 7, as DuckDB quantile_cont); bin edges are the distinct
  deciles; a value's bin is the number of edges <= it (numpy.searchsorted(side='right')), so values
  below A's first decile go to the first bin and values at or above the last to the last bin.
  Means by math.fsum; quantiles at 0.01 0.05 0.25 0.5 0.75 0.95 0.99 by numpy.quantile.
"""
import json
import math

import numpy as np

FLOOR = 0.0001


def psi(a, b, floor=FLOOR):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    p = a / a.sum()
    q = b / b.sum()
    p = np.where(a == 0, floor, p)
    q = np.where(b == 0, floor, q)
    return float(np.sum((q - p) * np.log(q / p)))


COUNT_CASES = [
    {"name": "two bins, half against a quarter", "a": [50, 50], "b": [25, 75]},
    {"name": "identical shares at different totals", "a": [10, 20, 30, 40], "b": [100, 200, 300, 400]},
    {"name": "ten equal bins against a drifted slice", "a": [100] * 10, "b": [60, 70, 80, 90, 100, 100, 110, 120, 130, 140]},
    {"name": "a bin empty in B (floored)", "a": [30, 30, 40], "b": [50, 0, 50]},
    {"name": "a bin empty in A (a new category, floored)", "a": [70, 30, 0], "b": [60, 25, 15]},
    {"name": "a bin empty in both", "a": [10, 0, 90], "b": [20, 0, 80]},
    {"name": "millions of rows", "a": [1234567, 2345678, 3456789, 987654], "b": [2000001, 1999999, 3000000, 1000003]},
    {"name": "a larger floor", "a": [0, 50, 50], "b": [10, 45, 45], "floor": 0.001},
]


def count_cases():
    out = []
    for c in COUNT_CASES:
        floor = c.get("floor", FLOOR)
        out.append({**c, "floor": floor, "psi": psi(c["a"], c["b"], floor)})
    return out


def numeric_case():
    # A: 200 values, B: 150 values shifted up and spread out; some repeats, a few beyond A's range.
    a = [round(((i * 37) % 101) * 1.5 + (i % 7) * 0.25, 2) for i in range(200)]
    b = [round(((i * 53) % 113) * 1.7 + 12 + (i % 5) * 0.5, 2) for i in range(150)]
    deciles = np.quantile(np.array(a), [k / 10 for k in range(1, 10)], method="linear")
    edges = sorted(set(float(x) for x in deciles))
    bins_a = np.bincount(np.searchsorted(edges, a, side="right"), minlength=len(edges) + 1)
    bins_b = np.bincount(np.searchsorted(edges, b, side="right"), minlength=len(edges) + 1)
    probs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
    return {
        "source": "numpy %s: numpy.quantile(method='linear'), numpy.searchsorted(side='right'), math.fsum" % np.__version__,
        "a": a,
        "b": b,
        "edges": edges,
        "countsA": [int(x) for x in bins_a],
        "countsB": [int(x) for x in bins_b],
        "psi": psi(bins_a, bins_b),
        "meanA": math.fsum(a) / len(a),
        "meanB": math.fsum(b) / len(b),
        "quantilesA": [float(x) for x in np.quantile(np.array(a), probs, method="linear")],
        "quantilesB": [float(x) for x in np.quantile(np.array(b), probs, method="linear")],
    }


if __name__ == "__main__":
    print(json.dumps({"counts": count_cases(), "numeric": numeric_case()}, indent=1))

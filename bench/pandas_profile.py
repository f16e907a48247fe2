#!/usr/bin/env python3
"""The pandas yardstick of the profile benchmark (`npm run bench -- --eda ROWS`).

What an analyst's pandas script computes to profile a table completely, as `shopstat profile`
does: `describe()` plus the extras: exact distinct counts, exact quantiles (1, 5, 25, 50, 75, 95,
99 %, linear interpolation = R type 7), skewness and excess kurtosis (pandas' adjusted G1 / G2),
missing counts, zeros and negatives, top values with counts and string lengths for text, min /
max and days present for dates, exact duplicate rows, and the Pearson and Spearman correlation
matrices of the numeric columns (Spearman with average ranks for ties).

    /usr/bin/python3 bench/pandas_profile.py --csv FILE

Reads the CSV the benchmark wrote (pyarrow is not installed here, so no Parquet), timing the
read apart from the profile. Prints one JSON object on stdout: timings and the figures the
benchmark cross-checks against shopstat's.
"""

import argparse
import json
import time

import pandas as pd

NUMERIC = ["revenue", "units", "discount"]
TEXT = ["channel", "country", "customer_id", "note"]
PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    args = parser.parse_args()

    t0 = time.perf_counter()
    df = pd.read_csv(
        args.csv,
        dtype={"revenue": "float64", "units": "int64", "discount": "float64",
               "channel": "object", "country": "object", "customer_id": "object", "note": "object"},
        parse_dates=["order_date"],
        keep_default_na=False,
        na_values=[""],
    )
    t_read = time.perf_counter() - t0

    t1 = time.perf_counter()
    out = {"rows": int(len(df)), "columns": {}}
    described = df.describe(include="all")
    for c in df.columns:
        s = df[c]
        col = {
            "missing": int(s.isna().sum()),
            "distinct": int(s.nunique(dropna=True)),
        }
        if c in NUMERIC:
            v = s.dropna()
            col.update({
                "mean": float(v.mean()),
                "sd": float(v.std()),
                "min": float(v.min()),
                "max": float(v.max()),
                "sum": float(v.sum()),
                "zeros": int((v == 0).sum()),
                "negatives": int((v < 0).sum()),
                "quantiles": [float(q) for q in v.quantile(PROBS, interpolation="linear")],
                "skewness": float(v.skew()),
                "kurtosis": float(v.kurt()),
            })
        elif c in TEXT:
            v = s.dropna()
            counts = v.value_counts()
            lengths = v.str.len()
            col.update({
                "top": [[str(k), int(n)] for k, n in counts.head(10).items()],
                "lengthMin": int(lengths.min()),
                "lengthMax": int(lengths.max()),
                "lengthMean": float(lengths.mean()),
            })
        else:
            v = s.dropna()
            col.update({
                "min": str(v.min().date()),
                "max": str(v.max().date()),
                "daysPresent": int(v.dt.normalize().nunique()),
            })
        out["columns"][c] = col
    out["duplicateRows"] = int(df.duplicated().sum())
    out["pearson"] = df[NUMERIC].corr(method="pearson").values.tolist()
    out["spearman"] = df[NUMERIC].corr(method="spearman").values.tolist()
    out["describedColumns"] = int(described.shape[1])
    t_profile = time.perf_counter() - t1

    out["timings"] = {"readSeconds": round(t_read, 2), "profileSeconds": round(t_profile, 2)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()

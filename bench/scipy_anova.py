#!/usr/bin/env python3
"""The scipy + statsmodels yardstick of the ANOVA benchmark (`npm run bench -- --anova ROWS`).

The same suite as `shopstat anova` on data already in memory (the CSV read is timed apart):
one-way ANOVA (scipy f_oneway), Welch and Brown-Forsythe F* (statsmodels anova_oneway with
use_var='unequal' / 'bf'), Kruskal-Wallis, Levene (mean), Brown-Forsythe (median), Bartlett
(scipy), and Tukey HSD (statsmodels pairwise_tukeyhsd).

    /usr/bin/python3 bench/scipy_anova.py --csv FILE
"""

import argparse
import json
import time

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multicomp import pairwise_tukeyhsd
from statsmodels.stats.oneway import anova_oneway


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    args = parser.parse_args()
    t0 = time.perf_counter()
    df = pd.read_csv(args.csv, dtype={"grp": "object", "revenue": "float64"})
    groups = [g["revenue"].to_numpy() for _, g in df.groupby("grp", sort=True)]
    t_read = time.perf_counter() - t0

    t1 = time.perf_counter()
    out = {}
    f = stats.f_oneway(*groups)
    out["oneway"] = {"f": float(f.statistic), "pValue": float(f.pvalue)}
    w = anova_oneway(groups, use_var="unequal")
    out["welch"] = {"f": float(w.statistic), "pValue": float(w.pvalue)}
    bf = anova_oneway(groups, use_var="bf")
    out["brownForsytheMeans"] = {"f": float(bf.statistic), "pValue": float(bf.pvalue)}
    k = stats.kruskal(*groups)
    out["kruskal"] = {"h": float(k.statistic), "pValue": float(k.pvalue)}
    lm = stats.levene(*groups, center="mean")
    out["levene"] = {"f": float(lm.statistic), "pValue": float(lm.pvalue)}
    lmed = stats.levene(*groups, center="median")
    out["brownForsythe"] = {"f": float(lmed.statistic), "pValue": float(lmed.pvalue)}
    b = stats.bartlett(*groups)
    out["bartlett"] = {"k2": float(b.statistic), "pValue": float(b.pvalue)}
    tukey = pairwise_tukeyhsd(df["revenue"].to_numpy(), df["grp"].to_numpy())
    out["tukeyPairs"] = int(len(tukey.meandiffs))
    t_suite = time.perf_counter() - t1
    out["timings"] = {"readSeconds": round(t_read, 2), "suiteSeconds": round(t_suite, 2)}
    out["rows"] = int(len(df))
    print(json.dumps(out))


if __name__ == "__main__":
    main()

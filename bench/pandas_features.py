#!/usr/bin/env python3
"""The pandas yardstick of the features benchmark (`npm run bench -- --features ROWS --pandas`).

The same features as `shopstat features --add calendar,holidays:US --window
sum:revenue:30d@customer_id --window count:revenue:90d@customer_id --window
days_since_previous@customer_id --training` on data already in memory (the CSV read is timed
apart; nothing is written, where shopstat writes Parquet): 16 calendar columns, the US public
holidays (name, flag, days to the next and since the last, from the list the benchmark passes),
and three leak-free windows per customer (30-day sum and 90-day count over the days strictly
before the row's date, days since the customer's previous date).

    /usr/bin/python3 bench/pandas_features.py --csv FILE --holidays FILE.json
"""

import argparse
import json
import time

import numpy as np
import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--holidays", required=True)
    args = parser.parse_args()
    with open(args.holidays) as f:
        holidays = json.load(f)

    t0 = time.perf_counter()
    df = pd.read_csv(args.csv, dtype={"customer_id": "object", "revenue": "float64"}, parse_dates=["order_date"])
    t_read = time.perf_counter() - t0

    t1 = time.perf_counter()
    d = df["order_date"]
    iso = d.dt.isocalendar()
    df["year"] = d.dt.year
    df["quarter"] = d.dt.quarter
    df["month"] = d.dt.month
    df["iso_year"] = iso["year"].astype("int64")
    df["iso_week"] = iso["week"].astype("int64")
    df["day_of_month"] = d.dt.day
    df["day_of_year"] = d.dt.dayofyear
    df["day_of_week"] = d.dt.dayofweek + 1
    df["is_weekend"] = df["day_of_week"] >= 6
    df["is_month_start"] = d.dt.is_month_start
    df["is_month_end"] = d.dt.is_month_end
    df["days_in_month"] = d.dt.days_in_month
    df["month_sin"] = np.sin(2 * np.pi * (df["month"] - 1) / 12)
    df["month_cos"] = np.cos(2 * np.pi * (df["month"] - 1) / 12)
    df["day_of_week_sin"] = np.sin(2 * np.pi * (df["day_of_week"] - 1) / 7)
    df["day_of_week_cos"] = np.cos(2 * np.pi * (df["day_of_week"] - 1) / 7)

    hdays = pd.to_datetime(pd.Series([h["date"] for h in holidays])).sort_values().to_numpy()
    names = {pd.Timestamp(h["date"]): h["name"] for h in holidays}
    df["holiday_name"] = d.map(names).fillna("")
    df["is_holiday"] = df["holiday_name"] != ""
    dv = d.to_numpy()
    nxt = np.searchsorted(hdays, dv, side="left")
    prv = np.searchsorted(hdays, dv, side="right") - 1
    day = np.timedelta64(1, "D")
    df["days_to_next_holiday"] = np.where(nxt < len(hdays), (hdays[np.minimum(nxt, len(hdays) - 1)] - dv) / day, np.nan)
    df["days_since_last_holiday"] = np.where(prv >= 0, (dv - hdays[np.maximum(prv, 0)]) / day, np.nan)

    # Leak-free windows: per customer and date, totals of the earlier dates only.
    daily = df.groupby(["customer_id", "order_date"], sort=True)["revenue"].agg(["sum", "count"]).reset_index()
    out = []
    for window, col, agg in ((30, "revenue_sum_30d_by_customer_id", "sum"), (90, "revenue_count_90d_by_customer_id", "count")):
        rolled = (
            daily.groupby("customer_id")
            .rolling(f"{window}D", on="order_date", closed="left")[agg]
            .sum()
            .reset_index(level=0, drop=True)
        )
        daily[col] = rolled.to_numpy()
        out.append(col)
    daily["previous"] = daily.groupby("customer_id")["order_date"].shift(1)
    daily["days_since_previous_by_customer_id"] = (daily["order_date"] - daily["previous"]) / day
    df = df.merge(daily[["customer_id", "order_date", *out, "days_since_previous_by_customer_id"]], on=["customer_id", "order_date"], how="left")
    t_features = time.perf_counter() - t1

    result = {
        "rows": int(len(df)),
        "columns": int(df.shape[1]),
        "sums": {
            "iso_week": int(df["iso_week"].sum()),
            "is_holiday": int(df["is_holiday"].sum()),
            "days_to_next_holiday": float(np.nansum(df["days_to_next_holiday"])),
            "revenue_sum_30d_by_customer_id": float(np.nansum(df["revenue_sum_30d_by_customer_id"])),
            "revenue_count_90d_by_customer_id": float(np.nansum(df["revenue_count_90d_by_customer_id"])),
            "days_since_previous_by_customer_id": float(np.nansum(df["days_since_previous_by_customer_id"])),
        },
        "timings": {"readSeconds": round(t_read, 2), "featuresSeconds": round(t_features, 2)},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

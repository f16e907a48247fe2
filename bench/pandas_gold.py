#!/usr/bin/env python3
"""The pandas yardstick of `npm run bench`: the gold tables as a typical analyst's script computes them.

Reads the landing CSVs of one full load (all text, then checked against the contract's patterns),
drops the rows the contract rejects, keeps the latest row per key (files in byte order of their
names, rows in file order), and computes the six gold tables of the data contract with the
semantics of etl/models/gold/*.sql. Prints one JSON object on stdout: timings per phase, row
counts and the monthly KPIs (for the benchmark's cross-check).

    /usr/bin/python3 bench/pandas_gold.py --landing DIR [--out DIR]

Money is kept exact as int64 ten-thousandths (parsed as float, rounded at 4 decimals: exact
for the amounts of any realistic shop, well below 2**53 / 10**4). Time zone UTC.

Approximations: pandas cannot see a record with too few fields (it pads it with empty values),
so such a malformed row is kept where the contract rejects it; records with too many fields are
skipped. Blank lines are skipped, as they are rejected by the pipeline. product_prices,
categories and brands are not read: no gold column depends on them.
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd

ENTITIES = [
    "categories",
    "brands",
    "customers",
    "products",
    "product_prices",
    "orders",
    "order_items",
    "events",
]
# The contract's value patterns (docs/contract-notes.md).
TS = r"\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
INT = r"[+-]?\d{1,10}"
MONEY = r"[+-]?\d{1,14}(\.\d{1,4}0*)?"
STATUSES = {"placed", "shipped", "delivered", "cancelled", "canceled", "returned"}
EVENT_TYPES = {"view", "addtocart", "transaction"}
SCALE = 10_000  # money as int64 ten-thousandths


def entity_for(name):
    """The entity a file belongs to: the longest entity name it starts with (case-insensitive)."""
    lower = name.lower()
    if not (lower.endswith(".csv") or lower.endswith(".csv.gz")):
        return None
    best = None
    for e in ENTITIES:
        if lower.startswith(e) and (best is None or len(e) > len(best)):
            best = e
    return best


def read_entity(landing, entity, columns):
    """All files of an entity, in byte order of their names, rows in file order, as text."""
    names = sorted(
        (n for n in os.listdir(landing) if not n.startswith(".") and entity_for(n) == entity),
        key=lambda n: n.encode("utf-8"),
    )
    frames = []
    for name in names:
        df = pd.read_csv(
            os.path.join(landing, name),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            on_bad_lines="skip",  # too many fields; with usecols pandas would not notice them
        )
        df.columns = [c.strip().lower() for c in df.columns]
        frames.append(df.reindex(columns=columns))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.concat(frames, ignore_index=True)


def full_match(s, pattern):
    return s.str.fullmatch(pattern).fillna(False).astype(bool)


def valid_timestamp(s):
    """ISO pattern and a real calendar instant; returns (mask, UTC instants)."""
    ts = pd.to_datetime(s.where(full_match(s, TS)), utc=True, errors="coerce")
    return ts.notna(), ts


def valid_int(s):
    n = pd.to_numeric(s.where(full_match(s, INT)), errors="coerce")
    return n.notna() & (n >= -(2**31)) & (n <= 2**31 - 1), n


def money(s):
    """Contract money text to int64 ten-thousandths; (mask of valid, values with 0 for invalid)."""
    ok = full_match(s, MONEY)
    v = pd.to_numeric(s.where(ok), errors="coerce")
    return ok, np.round(v.fillna(0).to_numpy() * SCALE).astype("int64")


def money_text(v):
    v = int(v)
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // SCALE}.{v % SCALE:04d}"


def latest(df, key):
    """Latest wins: the last accepted row of each key (rows are in file, then row order)."""
    return df.drop_duplicates(subset=key, keep="last")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--landing", required=True)
    ap.add_argument("--out", help="write the gold tables as CSV into this folder")
    args = ap.parse_args()
    t = {}
    t0 = time.perf_counter()

    # ---- read ---------------------------------------------------------------------------
    customers = read_entity(args.landing, "customers", ["customer_id", "country", "gender"])
    products = read_entity(args.landing, "products", ["product_id", "category_id", "brand_id"])
    orders = read_entity(
        args.landing,
        "orders",
        ["order_id", "customer_id", "order_ts", "channel", "payment_method", "status"],
    )
    items = read_entity(
        args.landing,
        "order_items",
        ["order_id", "line_number", "product_id", "quantity", "unit_price", "discount_amount"],
    )
    events = read_entity(args.landing, "events", ["event_ts", "visitor_id", "event_type", "product_id"])
    rows_read = {
        "customers": len(customers),
        "products": len(products),
        "orders": len(orders),
        "order_items": len(items),
        "events": len(events),
    }
    t1 = time.perf_counter()
    t["read_s"] = t1 - t0

    # ---- validate, latest wins, conform ---------------------------------------------------
    customers = latest(customers[customers.customer_id.notna() & customers.country.notna()], "customer_id")
    products = products[products.product_id.notna()]
    known_products = set(products.product_id)
    products = latest(products, "product_id")

    ts_ok, ts = valid_timestamp(orders.order_ts)
    status = orders.status.str.lower()
    ok = (
        orders.order_id.notna()
        & orders.customer_id.notna()
        & orders.status.notna()
        & ts_ok
        & status.isin(STATUSES)
    )
    orders = latest(orders.assign(order_ts=ts, status=status.replace({"canceled": "cancelled"}))[ok], "order_id")
    wall = orders.order_ts.dt.tz_convert(None)  # UTC wall time
    orders = orders.drop(columns="order_ts").assign(
        order_date=wall.dt.floor("D"),
        order_month=wall.values.astype("datetime64[M]").astype("datetime64[ns]"),
        
        is_valid=~orders.status.isin(["cancelled", "returned"]),
        is_cancelled=orders.status == "cancelled",
    )
    orders = orders.merge(customers[["customer_id", "country", "gender"]], on="customer_id", how="left")

    ln_ok, line_number = valid_int(items.line_number)
    q_ok, quantity = valid_int(items.quantity)
    p_ok, price = money(items.unit_price)
    d_ok, discount = money(items.discount_amount)
    has_discount = items.discount_amount.notna().to_numpy()
    ok = (
        items.order_id.notna()
        & items.product_id.notna()
        & ln_ok
        & q_ok
        & (quantity > 0)
        & p_ok
        & (price >= 0)
        & (~has_discount | (d_ok & (discount >= 0)))
        & items.product_id.isin(known_products)
    ).to_numpy()
    items = pd.DataFrame(
        {
            "order_id": items.order_id.to_numpy()[ok],
            "line_number": line_number.to_numpy()[ok].astype("int64"),
            "product_id": items.product_id.to_numpy()[ok],
            "quantity": quantity.to_numpy()[ok].astype("int64"),
            "line_revenue": (
                quantity.to_numpy()[ok].astype("int64") * price[ok] - np.where(has_discount, discount, 0)[ok]
            ),
        }
    )
    items = latest(items, ["order_id", "line_number"])
    items = items.merge(
        orders[["order_id", "is_valid", "is_cancelled", "order_month", "customer_id"]], on="order_id", how="inner"
    ).merge(products[["product_id", "category_id", "brand_id"]], on="product_id", how="left")

    per_order = items.groupby("order_id", sort=False).agg(
        revenue=("line_revenue", "sum"), units=("quantity", "sum")
    )
    totals = orders.merge(per_order, left_on="order_id", right_index=True, how="left")
    totals["revenue"] = totals.revenue.fillna(0).astype("int64")
    totals["units"] = totals.units.fillna(0).astype("int64")
    totals["valid_revenue"] = totals.revenue.where(totals.is_valid, 0)
    totals["valid_units"] = totals.units.where(totals.is_valid, 0)
    totals["lost_revenue"] = totals.revenue.where(totals.is_cancelled, 0)

    et_ok, _ = valid_timestamp(events.event_ts)
    event_type = events.event_type.str.lower()
    ok = events.visitor_id.notna() & events.product_id.notna() & et_ok & event_type.isin(EVENT_TYPES)
    events = pd.DataFrame(
        {"visitor_id": events.visitor_id[ok], "event_type": event_type[ok], "product_id": events.product_id[ok]}
    )
    t2 = time.perf_counter()
    t["clean_s"] = t2 - t1

    # ---- gold -----------------------------------------------------------------------------
    valid = totals[totals.is_valid]

    def order_level(keys):
        g = totals.groupby(keys, dropna=False, sort=False).agg(
            orders=("is_valid", "sum"),
            units=("valid_units", "sum"),
            revenue=("valid_revenue", "sum"),
            cancelled_orders=("is_cancelled", "sum"),
            all_orders=("order_id", "size"),
            lost_revenue=("lost_revenue", "sum"),
        )
        customers_ = valid.groupby(keys, dropna=False, sort=False).customer_id.nunique()
        return g.join(customers_.rename("customers")).fillna({"customers": 0})

    daily_sales = order_level(["order_date", "channel", "country"]).drop(columns="all_orders").reset_index()

    monthly = order_level(["order_month"])
    firsts = valid.groupby("customer_id").order_month.min().value_counts().rename("new_customers")
    monthly = monthly.rename(columns={"customers": "active_customers"}).join(firsts).fillna({"new_customers": 0})
    monthly["aov"] = np.where(monthly.orders > 0, monthly.revenue / SCALE / monthly.orders.clip(lower=1), np.nan)
    monthly["cancellation_rate"] = monthly.cancelled_orders / monthly.all_orders
    monthly_kpis = monthly.sort_index().reset_index()

    total_revenue = valid.revenue.sum()
    revenue_parts = []
    cancel_parts = []
    valid_items = items[items.is_valid]
    cancelled_items = items[items.is_cancelled]
    for dim, col in [("product", "product_id"), ("category", "category_id"), ("brand", "brand_id")]:
        r = valid_items.groupby(col, dropna=False, sort=False).agg(
            orders=("order_id", "nunique"), units=("quantity", "sum"), revenue=("line_revenue", "sum")
        )
        revenue_parts.append(r.rename_axis("member").reset_index().assign(dimension=dim))
        c = items.groupby(col, dropna=False, sort=False).agg(orders=("order_id", "nunique"))
        cc = cancelled_items.groupby(col, dropna=False, sort=False).agg(
            cancelled_orders=("order_id", "nunique"), lost_revenue=("line_revenue", "sum")
        )
        c = c.join(cc).fillna({"cancelled_orders": 0, "lost_revenue": 0})
        cancel_parts.append(c.rename_axis("member").reset_index().assign(dimension=dim))
    for dim in ["customer_id", "country", "gender", "channel", "payment_method"]:
        name = "customer" if dim == "customer_id" else dim
        r = valid.groupby(dim, dropna=False, sort=False).agg(
            orders=("order_id", "size"), units=("units", "sum"), revenue=("revenue", "sum")
        )
        revenue_parts.append(r.rename_axis("member").reset_index().assign(dimension=name))
        c = totals.groupby(dim, dropna=False, sort=False).agg(
            orders=("order_id", "size"), cancelled_orders=("is_cancelled", "sum"), lost_revenue=("lost_revenue", "sum")
        )
        cancel_parts.append(c.rename_axis("member").reset_index().assign(dimension=name))
    revenue_by = pd.concat(revenue_parts, ignore_index=True)
    revenue_by["revenue_share"] = revenue_by.revenue / total_revenue if total_revenue != 0 else np.nan
    cancellations_by = pd.concat(cancel_parts, ignore_index=True)
    cancellations_by["cancellation_rate"] = cancellations_by.cancelled_orders / cancellations_by.orders

    # monthly_by: per month, each dimension's members with revenue_by's and cancellations_by's figures.
    item_figures = items.assign(
        valid_order=items.order_id.where(items.is_valid),
        cancelled_order=items.order_id.where(items.is_cancelled),
        valid_customer=items.customer_id.where(items.is_valid),
        valid_quantity=items.quantity.where(items.is_valid, 0),
        valid_line_revenue=items.line_revenue.where(items.is_valid, 0),
        lost_line_revenue=items.line_revenue.where(items.is_cancelled, 0),
    )
    order_figures = totals.assign(
        valid_customer=totals.customer_id.where(totals.is_valid),
    )
    monthly_parts = []
    for dim, col in [("product", "product_id"), ("category", "category_id"), ("brand", "brand_id")]:
        m = item_figures.groupby(["order_month", col], dropna=False, sort=False).agg(
            orders=("valid_order", "nunique"),
            units=("valid_quantity", "sum"),
            revenue=("valid_line_revenue", "sum"),
            customers=("valid_customer", "nunique"),
            cancelled_orders=("cancelled_order", "nunique"),
            lost_revenue=("lost_line_revenue", "sum"),
        )
        monthly_parts.append(m.rename_axis(["month", "member"]).reset_index().assign(dimension=dim))
    for dim in ["customer_id", "country", "gender", "channel", "payment_method"]:
        name = "customer" if dim == "customer_id" else dim
        m = order_figures.groupby(["order_month", dim], dropna=False, sort=False).agg(
            orders=("is_valid", "sum"),
            units=("valid_units", "sum"),
            revenue=("valid_revenue", "sum"),
            customers=("valid_customer", "nunique"),
            cancelled_orders=("is_cancelled", "sum"),
            lost_revenue=("lost_revenue", "sum"),
        )
        monthly_parts.append(m.rename_axis(["month", "member"]).reset_index().assign(dimension=name))
    monthly_by = pd.concat(monthly_parts, ignore_index=True)

    customer_monthly_spend = (
        valid.groupby(["customer_id", "order_month"], sort=False)
        .agg(orders=("order_id", "size"), revenue=("revenue", "sum"))
        .reset_index()
    )

    funnel = events.groupby(["product_id", "event_type"], sort=False).visitor_id.nunique().unstack(fill_value=0)
    funnel = funnel.reindex(columns=["view", "addtocart", "transaction"], fill_value=0)
    funnel.columns = ["views", "addtocarts", "purchases"]
    funnel["view_to_cart_rate"] = funnel.addtocarts / funnel.views.where(funnel.views > 0)
    funnel["cart_to_purchase_rate"] = funnel.purchases / funnel.addtocarts.where(funnel.addtocarts > 0)
    conversion_funnel = funnel.reset_index()
    t3 = time.perf_counter()
    t["gold_s"] = t3 - t2
    t["total_s"] = t3 - t0

    gold = {
        "daily_sales": daily_sales,
        "monthly_kpis": monthly_kpis,
        "revenue_by": revenue_by,
        "cancellations_by": cancellations_by,
        "customer_monthly_spend": customer_monthly_spend,
        "monthly_by": monthly_by,
        "conversion_funnel": conversion_funnel,
    }
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        for name, df in gold.items():
            df.to_csv(os.path.join(args.out, f"{name}.csv"), index=False)

    out = {
        "kind": "pandas-gold",
        "python": sys.version.split()[0],
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "timings": {k: round(v, 3) for k, v in t.items()},
        "rows_read": rows_read,
        "rows": {name: int(len(df)) for name, df in gold.items()},
        "monthly": [
            {
                "month": pd.Timestamp(r.order_month).strftime("%Y-%m-%d"),
                "orders": int(r.orders),
                "units": int(r.units),
                "revenue": money_text(r.revenue),
                "active_customers": int(r.active_customers),
                "new_customers": int(r.new_customers),
                "cancelled_orders": int(r.cancelled_orders),
                "lost_revenue": money_text(r.lost_revenue),
            }
            for r in monthly_kpis.itertuples()
        ],
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

-- silver.dim_date
-- grain: one row per calendar date from the first to the last order date (reporting time zone)
-- sources: silver.fact_orders
-- contract: §4 silver (dim_date), §3 time (dates taken in the reporting time zone)
create or replace table {{silver.dim_date}} as
select cast(d as date) as date,
       year(d) as year, quarter(d) as quarter, month(d) as month_of_year, day(d) as day_of_month,
       cast(date_trunc('month', d) as date) as month_start,
       isodow(d) as iso_day_of_week, isoyear(d) as iso_year, week(d) as iso_week,
       isodow(d) >= 6 as is_weekend
from (
  select unnest(generate_series(min(order_date), max(order_date), interval 1 day)) as d
  from {{silver.fact_orders}}
  having count(*) > 0
);

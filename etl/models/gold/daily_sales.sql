-- gold.daily_sales
-- grain: date x channel x country (a row for every combination with an order of any status)
-- sources: silver.fact_orders
-- contract: §5 gold.daily_sales; §3 valid orders, lost revenue
create or replace table {{gold.daily_sales}} as
select order_date as date, channel, country,
       count(*) filter (where is_valid) as orders,
       cast(coalesce(sum(units) filter (where is_valid), 0) as bigint) as units,
       coalesce(sum(revenue) filter (where is_valid), 0) as revenue,
       count(distinct customer_id) filter (where is_valid) as customers,
       count(*) filter (where is_cancelled) as cancelled_orders,
       coalesce(sum(revenue) filter (where is_cancelled), 0) as lost_revenue
from {{silver.fact_orders}}
group by all;

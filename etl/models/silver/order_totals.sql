-- silver.order_totals
-- grain: one row per order_id in fact_orders
-- sources: silver.fact_orders, silver.fact_order_items
-- contract: §3 line revenue; an order without lines counts as an order with revenue 0
create or replace table silver.order_totals as
select o.order_id, o.customer_id, o.order_ts, o.order_date, o.order_month, o.channel,
       o.payment_method, o.status, o.is_valid, o.is_cancelled, o.country, o.gender,
       cast(coalesce(sum(i.line_revenue), 0) as decimal(18, 4)) as revenue,
       cast(coalesce(sum(i.quantity), 0) as bigint) as units,
       count(i.line_number) as lines
from silver.fact_orders o
left join silver.fact_order_items i on i.order_id = o.order_id
group by all;

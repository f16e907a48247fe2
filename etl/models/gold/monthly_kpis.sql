-- gold.monthly_kpis
-- grain: month (DATE of the first day; a row for every month with an order of any status)
-- sources: silver.fact_orders
-- contract: §5 gold.monthly_kpis; §3 AOV, cancellation_rate (over orders of any status),
--           new_customers (first valid order over all history in the month)
create or replace table {{gold.monthly_kpis}} as
with firsts as (
  select order_month, count(*) as new_customers
  from (select customer_id, min(order_month) as order_month from {{silver.fact_orders}} where is_valid group by 1)
  group by 1
), months as (
  select order_month as month,
         count(*) filter (where is_valid) as orders,
         cast(coalesce(sum(units) filter (where is_valid), 0) as bigint) as units,
         coalesce(sum(revenue) filter (where is_valid), 0) as revenue,
         count(distinct customer_id) filter (where is_valid) as active_customers,
         count(*) filter (where is_cancelled) as cancelled_orders,
         count(*) as all_orders,
         coalesce(sum(revenue) filter (where is_cancelled), 0) as lost_revenue
  from {{silver.fact_orders}}
  group by 1
)
select m.month, m.orders, m.units, m.revenue,
       case when m.orders > 0 then cast(m.revenue as double) / m.orders end as aov,
       m.active_customers, coalesce(f.new_customers, 0) as new_customers, m.cancelled_orders,
       case when m.all_orders > 0 then m.cancelled_orders / m.all_orders end as cancellation_rate,
       m.lost_revenue
from months m
left join firsts f on f.order_month = m.month;

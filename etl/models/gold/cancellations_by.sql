-- gold.cancellations_by
-- grain: dimension x member (members with an order of any status)
-- sources: silver.order_totals (order-level dimensions), silver.fact_order_items (product, category, brand)
-- contract: §5 gold.cancellations_by; §3 cancellation_rate = cancelled orders / orders of any
--           status; lost revenue = line revenue of cancelled orders
create or replace table gold.cancellations_by as
with members as (
  select 'product' as dimension, product_id as member, count(distinct order_id) as orders,
         count(distinct order_id) filter (where is_cancelled) as cancelled_orders,
         sum(line_revenue) filter (where is_cancelled) as lost_revenue
  from silver.fact_order_items group by 2
  union all
  select 'category', category_id, count(distinct order_id),
         count(distinct order_id) filter (where is_cancelled), sum(line_revenue) filter (where is_cancelled)
  from silver.fact_order_items group by 2
  union all
  select 'brand', brand_id, count(distinct order_id),
         count(distinct order_id) filter (where is_cancelled), sum(line_revenue) filter (where is_cancelled)
  from silver.fact_order_items group by 2
  union all
  select 'customer', customer_id, count(*), count(*) filter (where is_cancelled), sum(revenue) filter (where is_cancelled)
  from silver.order_totals group by 2
  union all
  select 'country', country, count(*), count(*) filter (where is_cancelled), sum(revenue) filter (where is_cancelled)
  from silver.order_totals group by 2
  union all
  select 'gender', gender, count(*), count(*) filter (where is_cancelled), sum(revenue) filter (where is_cancelled)
  from silver.order_totals group by 2
  union all
  select 'channel', channel, count(*), count(*) filter (where is_cancelled), sum(revenue) filter (where is_cancelled)
  from silver.order_totals group by 2
  union all
  select 'payment_method', payment_method, count(*), count(*) filter (where is_cancelled), sum(revenue) filter (where is_cancelled)
  from silver.order_totals group by 2
)
select dimension, member, orders, cancelled_orders,
       case when orders > 0 then cancelled_orders / orders end as cancellation_rate,
       cast(coalesce(lost_revenue, 0) as decimal(38, 4)) as lost_revenue
from members;

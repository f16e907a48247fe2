-- gold.cancellations_by
-- grain: dimension x member (members with an order of any status)
-- sources: silver.fact_orders (order-level dimensions), silver.order_lines (product, category,
--          brand)
-- contract: §5 gold.cancellations_by; §3 cancellation_rate = cancelled orders / orders of any
--           status; lost revenue = line revenue of cancelled orders
create or replace table gold.cancellations_by as
with lines as (
  select order_id, product_id, category_id, brand_id, line_revenue, is_cancelled
  from silver.order_lines
), cancelled as (
  select * from lines where is_cancelled
), by_product as (
  -- Distinct orders over all lines; the cancelled ones counted over cancelled lines only.
  select a.dimension, a.member, a.orders, coalesce(c.cancelled_orders, 0) as cancelled_orders, c.lost_revenue
  from (
    select 'product' as dimension, product_id as member, count(distinct order_id) as orders from lines group by 2
    union all select 'category', category_id, count(distinct order_id) from lines group by 2
    union all select 'brand', brand_id, count(distinct order_id) from lines group by 2
  ) a
  left join (
    select 'product' as dimension, product_id as member, count(distinct order_id) as cancelled_orders,
           sum(line_revenue) as lost_revenue from cancelled group by 2
    union all select 'category', category_id, count(distinct order_id), sum(line_revenue) from cancelled group by 2
    union all select 'brand', brand_id, count(distinct order_id), sum(line_revenue) from cancelled group by 2
  ) c on c.dimension = a.dimension and c.member is not distinct from a.member
), by_order as (
  select case when grouping(customer_id) = 0 then 'customer'
              when grouping(country) = 0 then 'country'
              when grouping(gender) = 0 then 'gender'
              when grouping(channel) = 0 then 'channel' else 'payment_method' end as dimension,
         coalesce(customer_id, country, gender, channel, payment_method) as member,
         count(*) as orders, count(*) filter (where is_cancelled) as cancelled_orders,
         sum(revenue) filter (where is_cancelled) as lost_revenue
  from silver.fact_orders
  group by grouping sets ((customer_id), (country), (gender), (channel), (payment_method))
)
select dimension, member, orders, cancelled_orders,
       case when orders > 0 then cancelled_orders / orders end as cancellation_rate,
       cast(coalesce(lost_revenue, 0) as decimal(38, 4)) as lost_revenue
from (select * from by_product union all select * from by_order);

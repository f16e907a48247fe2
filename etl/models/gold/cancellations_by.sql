-- gold.cancellations_by
-- grain: dimension x member (members with an order of any status)
-- sources: silver.fact_orders (order-level dimensions), silver.order_lines (product, category,
--          brand)
-- contract: §5 gold.cancellations_by; §3 cancellation_rate = cancelled orders / orders of any
--           status; lost revenue = line revenue of cancelled orders
create or replace table {{gold.cancellations_by}} as
with by_product as (
  -- One pass over the lines for the three line-level dimensions: distinct orders of any status,
  -- and of the cancelled ones.
  select case when grouping(product_id) = 0 then 'product'
              when grouping(category_id) = 0 then 'category' else 'brand' end as dimension,
         coalesce(product_id, category_id, brand_id) as member,
         count(distinct order_id) as orders,
         count(distinct order_id) filter (where is_cancelled) as cancelled_orders,
         sum(line_revenue) filter (where is_cancelled) as lost_revenue
  from {{silver.order_lines}}
  group by grouping sets ((product_id), (category_id), (brand_id))
), by_order as (
  select case when grouping(customer_id) = 0 then 'customer'
              when grouping(country) = 0 then 'country'
              when grouping(gender) = 0 then 'gender'
              when grouping(channel) = 0 then 'channel' else 'payment_method' end as dimension,
         coalesce(customer_id, country, gender, channel, payment_method) as member,
         count(*) as orders, count(*) filter (where is_cancelled) as cancelled_orders,
         sum(revenue) filter (where is_cancelled) as lost_revenue
  from {{silver.fact_orders}}
  group by grouping sets ((customer_id), (country), (gender), (channel), (payment_method))
)
select dimension, member, orders, cancelled_orders,
       case when orders > 0 then cancelled_orders / orders end as cancellation_rate,
       cast(coalesce(lost_revenue, 0) as decimal(38, 4)) as lost_revenue
from (select * from by_product union all select * from by_order);

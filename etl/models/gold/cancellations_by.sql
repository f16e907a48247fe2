-- gold.cancellations_by
-- grain: dimension x member (members with an order of any status)
-- sources: gold.monthly_by (valid and cancelled orders, lost revenue, its months summed),
--          silver.order_lines and silver.fact_orders (orders neither valid nor cancelled, i.e.
--          returned)
-- contract: §5 gold.cancellations_by; §3 cancellation_rate = cancelled orders / orders of any
--           status; lost revenue = line revenue of cancelled orders
-- An order falls in one month and has one status, so a member's orders of any status are its
-- monthly valid and cancelled orders summed, plus its returned orders; only the returned ones are
-- counted from the lines here (a few per cent of them), not every line again (0.8 s instead of 5 s
-- at 10M lines). monthly_by has a row for every member with an order of any status.
create or replace table {{gold.cancellations_by}} as
with returned as (
  select case when grouping(product_id) = 0 then 'product'
              when grouping(category_id) = 0 then 'category' else 'brand' end as dimension,
         coalesce(product_id, category_id, brand_id) as member,
         count(distinct order_id) as orders
  from {{silver.order_lines}}
  where not is_valid and not is_cancelled
  group by grouping sets ((product_id), (category_id), (brand_id))
  union all
  select case when grouping(customer_id) = 0 then 'customer'
              when grouping(country) = 0 then 'country'
              when grouping(gender) = 0 then 'gender'
              when grouping(channel) = 0 then 'channel' else 'payment_method' end as dimension,
         coalesce(customer_id, country, gender, channel, payment_method) as member,
         count(*) as orders
  from {{silver.fact_orders}}
  where not is_valid and not is_cancelled
  group by grouping sets ((customer_id), (country), (gender), (channel), (payment_method))
), members as (
  select m.dimension, m.member,
         sum(m.orders) + sum(m.cancelled_orders) as valid_or_cancelled,
         sum(m.cancelled_orders) as cancelled_orders, sum(m.lost_revenue) as lost_revenue
  from {{gold.monthly_by}} m
  group by m.dimension, m.member
), counted as (
  select m.dimension, m.member, cast(m.valid_or_cancelled + coalesce(r.orders, 0) as bigint) as orders,
         cast(m.cancelled_orders as bigint) as cancelled_orders, m.lost_revenue
  from members m
  left join returned r on r.dimension = m.dimension and r.member is not distinct from m.member
)
select dimension, member, orders, cancelled_orders,
       case when orders > 0 then cancelled_orders / orders end as cancellation_rate,
       cast(coalesce(lost_revenue, 0) as decimal(38, 4)) as lost_revenue
from counted;

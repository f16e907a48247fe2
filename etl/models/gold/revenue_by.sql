-- gold.revenue_by
-- grain: dimension x member (members with a valid order)
-- sources: silver.order_totals (order-level dimensions), silver.fact_order_items (product, category, brand)
-- contract: §5 gold.revenue_by; orders of a product/category/brand row count the distinct valid
--           orders containing it; revenue_share = member revenue / total valid revenue
create or replace table gold.revenue_by as
with members as (
  select 'product' as dimension, product_id as member, count(distinct order_id) as orders,
         sum(quantity) as units, sum(line_revenue) as revenue
  from silver.fact_order_items where is_valid group by 2
  union all
  select 'category', category_id, count(distinct order_id), sum(quantity), sum(line_revenue)
  from silver.fact_order_items where is_valid group by 2
  union all
  select 'brand', brand_id, count(distinct order_id), sum(quantity), sum(line_revenue)
  from silver.fact_order_items where is_valid group by 2
  union all
  select 'customer', customer_id, count(*), sum(units), sum(revenue)
  from silver.order_totals where is_valid group by 2
  union all
  select 'country', country, count(*), sum(units), sum(revenue)
  from silver.order_totals where is_valid group by 2
  union all
  select 'gender', gender, count(*), sum(units), sum(revenue)
  from silver.order_totals where is_valid group by 2
  union all
  select 'channel', channel, count(*), sum(units), sum(revenue)
  from silver.order_totals where is_valid group by 2
  union all
  select 'payment_method', payment_method, count(*), sum(units), sum(revenue)
  from silver.order_totals where is_valid group by 2
), total as (
  select sum(revenue) as revenue from silver.order_totals where is_valid
)
select m.dimension, m.member, m.orders, cast(m.units as bigint) as units,
       cast(m.revenue as decimal(38, 4)) as revenue,
       case when t.revenue <> 0 then cast(m.revenue as double) / cast(t.revenue as double) end as revenue_share
from members m cross join total t;

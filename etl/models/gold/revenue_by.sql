-- gold.revenue_by
-- grain: dimension x member (members with a valid order)
-- sources: silver.fact_orders (order-level dimensions), silver.order_lines (product, category,
--          brand)
-- contract: §5 gold.revenue_by; orders of a product/category/brand row count the distinct valid
--           orders containing it; revenue_share = member revenue / total valid revenue
create or replace table {{gold.revenue_by}} as
with by_product as (
  -- One pass over the lines for the three line-level dimensions (grouping sets measured about
  -- twice as fast as three group-bys, each with its own distinct count).
  select case when grouping(product_id) = 0 then 'product'
              when grouping(category_id) = 0 then 'category' else 'brand' end as dimension,
         coalesce(product_id, category_id, brand_id) as member,
         count(distinct order_id) as orders, sum(quantity) as units, sum(line_revenue) as revenue
  from {{silver.order_lines}}
  where is_valid
  group by grouping sets ((product_id), (category_id), (brand_id))
), by_order as (
  select case when grouping(customer_id) = 0 then 'customer'
              when grouping(country) = 0 then 'country'
              when grouping(gender) = 0 then 'gender'
              when grouping(channel) = 0 then 'channel' else 'payment_method' end as dimension,
         coalesce(customer_id, country, gender, channel, payment_method) as member,
         count(*) as orders, sum(units) as units, sum(revenue) as revenue
  from {{silver.fact_orders}}
  where is_valid
  group by grouping sets ((customer_id), (country), (gender), (channel), (payment_method))
), total as (
  select sum(revenue) as revenue from {{silver.fact_orders}} where is_valid
)
select m.dimension, m.member, m.orders, cast(m.units as bigint) as units,
       cast(m.revenue as decimal(38, 4)) as revenue,
       case when t.revenue <> 0 then cast(m.revenue as double) / cast(t.revenue as double) end as revenue_share
from (select * from by_product union all select * from by_order) m
cross join total t;

-- gold.revenue_by
-- grain: dimension x member (members with a valid order)
-- sources: gold.monthly_by (its months summed), silver.fact_orders (the total valid revenue)
-- contract: §5 gold.revenue_by; orders of a product/category/brand row count the distinct valid
--           orders containing it; revenue_share = member revenue / total valid revenue
-- Every order falls in exactly one month, so a member's distinct orders over all time are the sum
-- of its monthly distinct orders, and units and revenue add up likewise: summing monthly_by's
-- months gives this table without counting distinct orders over the lines again (at 10M lines
-- about 0.7 s instead of 5 s).
create or replace table {{gold.revenue_by}} as
with members as (
  select dimension, member, sum(orders) as orders, sum(units) as units, sum(revenue) as revenue
  from {{gold.monthly_by}}
  group by dimension, member
  having sum(orders) > 0
), total as (
  select sum(revenue) as revenue from {{silver.fact_orders}} where is_valid
)
select m.dimension, m.member, cast(m.orders as bigint) as orders, cast(m.units as bigint) as units,
       cast(m.revenue as decimal(38, 4)) as revenue,
       case when t.revenue <> 0 then cast(m.revenue as double) / cast(t.revenue as double) end as revenue_share
from members m
cross join total t;

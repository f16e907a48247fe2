-- silver.fact_orders
-- grain: one row per order_id (the latest accepted row), with its line totals
-- sources: bronze.orders, silver.dim_customers, silver.fact_order_items
-- contract: §3 semantics (valid order, line revenue, time zone, unknown customers: null country
--           and gender; an order without lines counts with revenue 0), §3 order of arrival
create or replace table {{silver.fact_orders}} as
with repeated as (
  -- Latest wins, ranking only the orders sent more than once (see silver.fact_order_items).
  select order_id from bronze.orders group by all having count(*) > 1
), newest as (
  select * from bronze.orders b where not exists (select 1 from repeated r where r.order_id = b.order_id)
  union all
  select * from (
    select b.* from bronze.orders b semi join repeated r on r.order_id = b.order_id
    qualify row_number() over (partition by b.order_id order by b._file_id desc, b._row_number desc) = 1
  )
), latest as (
  select *, {{instant:order_ts}} as order_instant, {{local_date:order_ts}} as order_date
  from newest
), totals as (
  select order_id, sum(line_revenue) as revenue, sum(quantity) as units, count(*) as lines
  from {{silver.fact_order_items}}
  group by 1
)
select o.order_id, o.customer_id, o.order_instant as order_ts,
       o.order_date, cast(date_trunc('month', o.order_date) as date) as order_month,
       o.channel, o.payment_method, o.status, o.currency,
       o.status not in ('cancelled', 'returned') as is_valid,
       o.status = 'cancelled' as is_cancelled,
       c.country, c.gender, c.customer_id is not null as customer_known,
       cast(coalesce(t.revenue, 0) as decimal(38, 4)) as revenue,
       cast(coalesce(t.units, 0) as bigint) as units,
       coalesce(t.lines, 0) as lines,
       o._file_id, o._row_number
from latest o
left join {{silver.dim_customers}} c on c.customer_id = o.customer_id
left join totals t on t.order_id = o.order_id;

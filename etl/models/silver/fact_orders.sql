-- silver.fact_orders
-- grain: one row per order_id (the latest accepted row)
-- sources: bronze.orders, silver.dim_customers
-- contract: §3 semantics (valid order, time zone, unknown customers), §3 order of arrival
create or replace table silver.fact_orders as
with latest as (
  select *
  from bronze.orders
  qualify row_number() over (partition by order_id order by _file_id desc, _row_number desc) = 1
), zoned as (
  select *, coalesce(timezone($time_zone, _order_ts_wall), order_ts) as order_instant
  from latest
)
select o.order_id, o.customer_id, o.order_instant as order_ts,
       cast(timezone($time_zone, o.order_instant) as date) as order_date,
       cast(date_trunc('month', timezone($time_zone, o.order_instant)) as date) as order_month,
       o.channel, o.payment_method, o.status, o.currency,
       o.status not in ('cancelled', 'returned') as is_valid,
       o.status = 'cancelled' as is_cancelled,
       c.country, c.gender, c.customer_id is not null as customer_known,
       o._source_file, o._row_number
from zoned o
left join silver.dim_customers c on c.customer_id = o.customer_id;

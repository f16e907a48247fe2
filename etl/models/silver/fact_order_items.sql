-- silver.fact_order_items
-- grain: one row per (order_id, line_number), the latest accepted row, for orders in fact_orders
-- sources: bronze.order_items, bronze.orders (the order's instant), silver.dim_products,
--          silver.product_prices
-- contract: §3 line revenue, §3 product_prices (point in time: latest effective_ts <= order_ts,
--           before the first entry the product's list_price), §3 referential rules (lines of a
--           missing or rejected order stay out), §3 order of arrival (latest wins)
-- Order attributes (status, dates, channel...) live in fact_orders: join on order_id.
create or replace table {{silver.fact_order_items}} as
with repeated_orders as (
  -- Latest wins. Most keys arrive once: the keys sent more than once are found by a hash
  -- aggregate and only their rows are ranked (ranking every row by a window measured 3.4 s,
  -- this 1.9 s, for 10M order lines).
  select order_id from bronze.orders group by all having count(*) > 1
), orders as (
  select order_id, {{instant:order_ts}} as order_ts
  from bronze.orders b
  where not exists (select 1 from repeated_orders r where r.order_id = b.order_id)
  union all
  select order_id, order_ts from (
    select b.order_id, {{instant:order_ts}} as order_ts, b._file_id, b._row_number
    from bronze.orders b semi join repeated_orders r on r.order_id = b.order_id
    qualify row_number() over (partition by b.order_id order by b._file_id desc, b._row_number desc) = 1
  )
), repeated_lines as (
  select order_id, line_number from bronze.order_items group by all having count(*) > 1
), latest as (
  select *
  from bronze.order_items b
  where not exists (select 1 from repeated_lines r where r.order_id = b.order_id and r.line_number = b.line_number)
  union all
  select * from (
    select b.*
    from bronze.order_items b semi join repeated_lines r on r.order_id = b.order_id and r.line_number = b.line_number
    qualify row_number() over (partition by b.order_id, b.line_number order by b._file_id desc, b._row_number desc) = 1
  )
), lines as (
  select l.*, o.order_ts
  from latest l
  join orders o on o.order_id = l.order_id
), price_intervals as (
  -- Each price holds from its effective_ts until the product's next one. An interval is listed
  -- once per 30-day bucket of time it overlaps, so the lines find their price by a hash join on
  -- (product, bucket) and a range check among a few candidates (an ASOF join sorting every line
  -- measured 1.6-2x slower at 10M lines).
  select product_id, valid_from, valid_to, list_price,
         unnest(generate_series(epoch_ms(valid_from) // 2592000000,
                                epoch_ms(least(valid_to, (select max(order_ts) from orders))) // 2592000000)) as bucket
  from (
    select product_id, effective_ts as valid_from, list_price,
           coalesce(lead(effective_ts) over (partition by product_id order by effective_ts),
                    'infinity'::timestamptz) as valid_to
    from {{silver.product_prices}}
  )
)
select l.order_id, l.line_number, l.product_id, l.quantity, l.unit_price, l.discount_amount,
       cast(cast(l.quantity as decimal(38, 4)) * l.unit_price - coalesce(l.discount_amount, 0) as decimal(38, 4)) as line_revenue,
       coalesce(pp.list_price, p.list_price) as list_price_at_order,
       l._file_id, l._row_number
from lines l
left join price_intervals pp
  on pp.product_id = l.product_id and pp.bucket = epoch_ms(l.order_ts) // 2592000000
 and l.order_ts >= pp.valid_from and l.order_ts < pp.valid_to
left join {{silver.dim_products}} p on p.product_id = l.product_id;

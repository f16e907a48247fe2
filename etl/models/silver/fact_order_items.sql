-- silver.fact_order_items
-- grain: one row per (order_id, line_number), the latest accepted row, for orders in fact_orders
-- sources: bronze.order_items, silver.fact_orders, silver.dim_products, silver.product_prices
-- contract: §3 line revenue, §3 product_prices (point in time: latest effective_ts <= order_ts,
--           before the first entry the product's list_price), §3 referential rules
create or replace table silver.fact_order_items as
with latest as (
  select *
  from bronze.order_items
  qualify row_number() over (partition by order_id, line_number order by _file_id desc, _row_number desc) = 1
), lines as (
  select l.order_id, l.line_number, l.product_id, l.quantity, l.unit_price, l.discount_amount,
         l.quantity * l.unit_price - coalesce(l.discount_amount, 0) as line_revenue,
         o.order_ts, o.order_date, o.order_month, o.status, o.is_valid, o.is_cancelled,
         l._source_file, l._row_number
  from latest l
  join silver.fact_orders o on o.order_id = l.order_id
)
select l.order_id, l.line_number, l.product_id, l.quantity, l.unit_price, l.discount_amount,
       cast(l.line_revenue as decimal(18, 4)) as line_revenue,
       coalesce(pp.list_price, p.list_price) as list_price_at_order,
       p.category_id, p.brand_id,
       l.order_ts, l.order_date, l.order_month, l.status, l.is_valid, l.is_cancelled,
       l._source_file, l._row_number
from lines l
asof left join silver.product_prices pp
  on pp.product_id = l.product_id and l.order_ts >= pp.effective_ts
left join silver.dim_products p on p.product_id = l.product_id;

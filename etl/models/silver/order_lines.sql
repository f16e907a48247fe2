-- silver.order_lines
-- grain: one row per order line of fact_order_items
-- sources: silver.fact_order_items, silver.fact_orders, silver.dim_products
-- contract: §5 (category is the product's own category_id; brand its brand_id)
-- A view: each line with its order's date, status flags and customer attributes and its product's
-- category and brand, for the product-level gold tables and for analysts.
create or replace view {{silver.order_lines}} as
select i.order_id, i.line_number, i.product_id, p.category_id, p.brand_id, i.quantity, i.unit_price,
       i.discount_amount, i.line_revenue, i.list_price_at_order,
       o.order_date, o.order_month, o.channel, o.payment_method, o.status, o.is_valid, o.is_cancelled,
       o.customer_id, o.country, o.gender
from {{silver.fact_order_items}} i
join {{silver.fact_orders}} o on o.order_id = i.order_id
left join {{silver.dim_products}} p on p.product_id = i.product_id;

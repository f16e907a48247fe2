-- silver.dim_products
-- grain: one row per product_id
-- sources: bronze.products, bronze.categories, bronze.brands (latest row of each key)
-- contract: §4 silver (dim_products with category and brand names), §3 order of arrival
create or replace table {{silver.dim_products}} as
with products as (
  select * from bronze.products
  qualify row_number() over (partition by product_id order by _file_id desc, _row_number desc) = 1
), categories as (
  select * from bronze.categories
  qualify row_number() over (partition by category_id order by _file_id desc, _row_number desc) = 1
), brands as (
  select * from bronze.brands
  qualify row_number() over (partition by brand_id order by _file_id desc, _row_number desc) = 1
)
select p.product_id, p.product_name, p.category_id, c.category_name, c.parent_category_id,
       p.brand_id, b.brand_name, p.list_price, p.unit_cost, p._file_id, p._row_number
from products p
left join categories c on c.category_id = p.category_id
left join brands b on b.brand_id = p.brand_id;

-- silver.product_prices
-- grain: one row per (product_id, effective_ts)
-- sources: bronze.product_prices
-- contract: §3 product_prices (time-varying list price), §3 order of arrival
create or replace table {{silver.product_prices}} as
select product_id, effective_ts, list_price
from (
  select product_id, {{instant:effective_ts}} as effective_ts, list_price, _file_id, _row_number
  from bronze.product_prices
)
qualify row_number() over (partition by product_id, effective_ts order by _file_id desc, _row_number desc) = 1;

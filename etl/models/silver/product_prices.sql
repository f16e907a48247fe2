-- silver.product_prices
-- grain: one row per (product_id, effective_ts)
-- sources: bronze.product_prices
-- contract: §3 product_prices (time-varying list price), §3 order of arrival
-- A naive effective_ts is re-read in the run's zone ($time_zone) from its wall-clock value.
create or replace table silver.product_prices as
select product_id, effective_ts, list_price
from (
  select product_id,
         coalesce(timezone($time_zone, _effective_ts_wall), effective_ts) as effective_ts,
         list_price, _file_id, _row_number
  from bronze.product_prices
)
qualify row_number() over (partition by product_id, effective_ts order by _file_id desc, _row_number desc) = 1;

-- silver.fact_events
-- grain: one row per accepted event row (events have no key and are not deduplicated)
-- sources: bronze.events
-- contract: §3 events (no key, product ids not checked), §3 time zone
create or replace table silver.fact_events as
select coalesce(timezone($time_zone, _event_ts_wall), event_ts) as event_ts,
       cast(timezone($time_zone, coalesce(timezone($time_zone, _event_ts_wall), event_ts)) as date) as event_date,
       visitor_id, event_type, product_id, order_id, _source_file, _row_number
from bronze.events;

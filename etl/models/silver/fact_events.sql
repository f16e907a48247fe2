-- silver.fact_events
-- grain: one row per accepted event row (events have no key and are not deduplicated)
-- sources: bronze.events
-- contract: §3 events (no key, product ids not checked), §3 time zone
-- A view: events are taken as they are, so silver need not copy them.
create or replace view {{silver.fact_events}} as
select {{instant:event_ts}} as event_ts, {{local_date:event_ts}} as event_date,
       visitor_id, event_type, product_id, order_id, _file_id, _row_number
from bronze.events;

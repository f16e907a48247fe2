-- gold.conversion_funnel
-- grain: product (products with any event; empty without events)
-- sources: silver.fact_events
-- contract: §5 gold.conversion_funnel (distinct visitors per step)
create or replace table {{gold.conversion_funnel}} as
with steps as (
  select product_id,
         count(distinct visitor_id) filter (where event_type = 'view') as views,
         count(distinct visitor_id) filter (where event_type = 'addtocart') as addtocarts,
         count(distinct visitor_id) filter (where event_type = 'transaction') as purchases
  from {{silver.fact_events}}
  group by 1
)
select product_id, views, addtocarts, purchases,
       case when views > 0 then addtocarts / views end as view_to_cart_rate,
       case when addtocarts > 0 then purchases / addtocarts end as cart_to_purchase_rate
from steps;
